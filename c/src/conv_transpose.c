/* conv_transpose.c - transposed convolution: conv_backward's dA_prev loop as a layer.
 *
 * Shapes (NHWC, float64, numpy's C order):
 *   X (m, n_H, n_W, n_C)   W (f, f, n_C_out, n_C)   b (n_C_out)   Y (m, n_H_out, n_W_out, n_C_out)
 *
 *   for i in range(m):
 *     for c in range(n_C):                     # input channel
 *       for h in range(n_H):                   # fix the vertical position ...
 *         vert_start = h * stride
 *         for w in range(n_W):                 # ... and slide horizontally by the stride
 *           hori_start = w * stride
 *           Y_pad[i, vert_start:vert_end:dilation, hori_start:hori_end:dilation, :]
 *               += W[:, :, :, c] * X[i, h, w, c]
 *   Y = Y_pad[:, pad:pad+n_H_out, pad:pad+n_W_out, :] + b
 *
 * The kernel runs that loop literally but adds straight into Y, skipping the products that
 * land in the cropped border, so it needs no Y_pad (kernels allocate nothing). Each Y element
 * gets its products in the loop's order and then b: the stepper's values bit for bit. */
#include <string.h>

#include "internal.h"

cs_status cs_conv_transpose(const double *X, cs_shape in, const double *W, const double *b,
                            cs_conv_transpose_params p, double *Y) {
    if (X == NULL || W == NULL || b == NULL || Y == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_transpose_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    const int f = g.f, d = g.dilation, nC = g.n_C, C_out = g.n_C_prev, pad = g.pad;
    const int n_H_out = g.n_H_prev, n_W_out = g.n_W_prev;
    memset(Y, 0, sizeof(double) * (size_t)g.m * n_H_out * n_W_out * C_out);

    for (int i = 0; i < g.m; i++)
        for (int c = 0; c < nC; c++)
            for (int h = 0; h < g.n_H; h++) {
                const int vert_start = h * g.stride;
                for (int w = 0; w < g.n_W; w++) {
                    const int hori_start = w * g.stride;
                    const double x = X[cs__at(g.n_H, g.n_W, nC, i, h, w, c)];
                    for (int u = 0; u < f; u++) {
                        const int row = vert_start + u * d - pad; /* row of Y */
                        if (row < 0 || row >= n_H_out) continue;  /* cropped */
                        for (int v = 0; v < f; v++) {
                            const int col = hori_start + v * d - pad;
                            if (col < 0 || col >= n_W_out) continue;
                            double *y = Y + cs__at(n_H_out, n_W_out, C_out, i, row, col, 0);
                            const double *wk =
                                W + cs__at(f, C_out, nC, u, v, 0, c); /* W[u,v,0,c] */
                            for (int k = 0; k < C_out; k++) y[k] += x * wk[(size_t)k * nC];
                        }
                    }
                }
            }
    /* Y = crop + b, after every product, as the loop above writes it. */
    const size_t pixels = (size_t)g.m * n_H_out * n_W_out;
    for (size_t q = 0; q < pixels; q++)
        for (int k = 0; k < C_out; k++) Y[q * C_out + k] += b[k];
    return CS_OK;
}
