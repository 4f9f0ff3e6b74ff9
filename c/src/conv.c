/* conv.c - zero_pad, conv_single_step, conv_forward and conv_backward.
 *
 * Shapes (NHWC, float64, numpy's C order):
 *   A_prev (m, n_H_prev, n_W_prev, n_C_prev)   W (f, f, n_C_prev, n_C)   b (n_C)
 *   Z, dZ  (m, n_H, n_W, n_C)
 *
 * The seed loops i, c, h, w and works on one output element at a time. The batch kernels here
 * loop i, h, w and keep the output channel c innermost: W[u, v, k, :] and Z[i, h, w, :] are
 * contiguous, so the compiler can vectorise across channels while every single sum still adds
 * its terms in the seed's order. The stepper (stepper.c) runs the seed's order literally. */
#include <string.h>

#include "internal.h"

void cs__zero_pad(const double *X, const cs__geom *g, double *X_pad) {
    const int p = g->pad, C = g->n_C_prev;
    const size_t row = (size_t)g->n_W_prev * (size_t)C;
    memset(X_pad, 0,
           sizeof(double) * (size_t)g->m * (size_t)g->n_H_pad * (size_t)g->n_W_pad * (size_t)C);
    for (int i = 0; i < g->m; i++)
        for (int h = 0; h < g->n_H_prev; h++)
            memcpy(X_pad + cs__at(g->n_H_pad, g->n_W_pad, C, i, h + p, p, 0),
                   X + cs__at(g->n_H_prev, g->n_W_prev, C, i, h, 0, 0), sizeof(double) * row);
}

cs_status cs_zero_pad(const double *X, cs_shape in, int pad, double *X_pad) {
    if (X == NULL || X_pad == NULL) return CS_ERR_NULL;
    if (pad < 0) return CS_ERR_PARAM;
    /* A 1×1 filter always fits; this reuses the size checks of the padded tensor. */
    cs__geom g;
    cs_status s =
        cs__conv_geom(in, (cs_conv_params){.f = 1, .n_C = 1, .stride = 1, .pad = pad}, &g, NULL, 0);
    if (s != CS_OK) return s;
    cs__zero_pad(X, &g, X_pad);
    return CS_OK;
}

double cs_conv_single_step(const double *a_slice_prev, const double *W, double b, size_t n) {
    /* Z = sum(a_slice_prev * W) + b: the products summed in index order, then the bias. */
    if (a_slice_prev == NULL || W == NULL) return 0.0;
    double s = 0.0;
    for (size_t j = 0; j < n; j++) s += a_slice_prev[j] * W[j];
    return s + b;
}

double cs__conv_single_step_at(const double *A_pad, const double *W, double b, const cs__geom *g,
                               int i, int c, int vert_start, int hori_start) {
    const int f = g->f, d = g->dilation, C = g->n_C_prev, nC = g->n_C;
    double s = 0.0;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            const double *a = A_pad + cs__at(g->n_H_pad, g->n_W_pad, C, i, vert_start + u * d,
                                             hori_start + v * d, 0);
            const double *wk = W + cs__at(f, C, nC, u, v, 0, c); /* W[u, v, 0, c] */
            for (int k = 0; k < C; k++) s += a[k] * wk[(size_t)k * (size_t)nC];
        }
    return s + b;
}

/* Z[i, h, w, c] for all c at once. Z's row starts at 0 and takes the products in (u, v, k)
 * order, then the bias: per channel exactly cs__conv_single_step_at's sum. */
void cs__conv_pixel(const double *A_prev, const double *W, const double *b, const cs__geom *g,
                    int i, int h, int w, double *z) {
    const int f = g->f, d = g->dilation, C = g->n_C_prev, nC = g->n_C, p = g->pad;
    const int vert_start = h * g->stride, hori_start = w * g->stride;
    /* Eight output channels at a time in a local accumulator: it lives in registers (the
     * compiler need not fear that z overlaps W), and each channel's sum still takes its
     * products in (u, v, k) order. */
    enum { LANES = 8 };
    for (int c0 = 0; c0 < nC; c0 += LANES) {
        const int lanes = nC - c0 < LANES ? nC - c0 : LANES;
        double acc[LANES] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        for (int u = 0; u < f; u++) {
            const int row = vert_start + u * d - p; /* row in the unpadded input */
            for (int v = 0; v < f; v++) {
                const int col = hori_start + v * d - p;
                const double *wk = W + cs__at(f, C, nC, u, v, 0, c0);
                /* A padding cell reads 0.0: the product is +0.0 (or -0.0, or NaN for an infinite
                 * weight), added as the seed adds it, so the sum stays bitwise the stepper's. */
                const int inside = row >= 0 && row < g->n_H_prev && col >= 0 && col < g->n_W_prev;
                const double *a =
                    inside ? A_prev + cs__at(g->n_H_prev, g->n_W_prev, C, i, row, col, 0) : NULL;
                for (int k = 0; k < C; k++) {
                    const double ak = inside ? a[k] : 0.0;
                    const double *wkc = wk + (size_t)k * nC;
                    if (lanes == LANES) {
                        for (int j = 0; j < LANES; j++) acc[j] += ak * wkc[j];
                    } else {
                        for (int j = 0; j < lanes; j++) acc[j] += ak * wkc[j];
                    }
                }
            }
        }
        for (int j = 0; j < lanes; j++) z[c0 + j] = acc[j] + b[c0 + j];
    }
}

cs_status cs_conv_forward(const double *A_prev, cs_shape in, const double *W, const double *b,
                          cs_conv_params p, double *Z) {
    if (A_prev == NULL || W == NULL || b == NULL || Z == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    for (int i = 0; i < g.m; i++)
        for (int h = 0; h < g.n_H; h++)
            for (int w = 0; w < g.n_W; w++)
                cs__conv_pixel(A_prev, W, b, &g, i, h, w,
                               Z + cs__at(g.n_H, g.n_W, g.n_C, i, h, w, 0));
    return CS_OK;
}

cs_status cs_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                           cs_conv_params p, double *dA_prev, double *dW, double *db) {
    if (dZ == NULL || A_prev == NULL || W == NULL || dA_prev == NULL || dW == NULL || db == NULL)
        return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    const int f = g.f, d = g.dilation, C = g.n_C_prev, nC = g.n_C, pad = g.pad;
    memset(dA_prev, 0, sizeof(double) * (size_t)g.m * g.n_H_prev * g.n_W_prev * C);
    memset(dW, 0, sizeof(double) * (size_t)f * f * C * nC);
    memset(db, 0, sizeof(double) * (size_t)nC);

    for (int i = 0; i < g.m; i++)
        for (int h = 0; h < g.n_H; h++) {
            const int vert_start = h * g.stride;
            for (int w = 0; w < g.n_W; w++) {
                const int hori_start = w * g.stride;
                const double *dz = dZ + cs__at(g.n_H, g.n_W, nC, i, h, w, 0);
                /* db[c] += dZ[i, h, w, c]: over (i, h, w) in the seed's order for each c. */
                for (int c = 0; c < nC; c++) db[c] += dz[c];
                for (int u = 0; u < f; u++) {
                    const int row = vert_start + u * d - pad;
                    if (row < 0 || row >= g.n_H_prev) continue; /* lands in the cropped padding */
                    for (int v = 0; v < f; v++) {
                        const int col = hori_start + v * d - pad;
                        if (col < 0 || col >= g.n_W_prev) continue;
                        const double *a =
                            A_prev + cs__at(g.n_H_prev, g.n_W_prev, C, i, row, col, 0);
                        double *da = dA_prev + cs__at(g.n_H_prev, g.n_W_prev, C, i, row, col, 0);
                        const double *wk = W + cs__at(f, C, nC, u, v, 0, 0);
                        double *dwk = dW + cs__at(f, C, nC, u, v, 0, 0);
                        for (int k = 0; k < C; k++) {
                            /* dA_prev[window] += dZ * W[:, :, :, c], summed over c here. */
                            double t = 0.0;
                            for (int c = 0; c < nC; c++) t += dz[c] * wk[(size_t)k * nC + c];
                            da[k] += t;
                            /* dW[:, :, :, c] += dZ * a_slice: contiguous across c. */
                            const double ak = a[k];
                            for (int c = 0; c < nC; c++) dwk[(size_t)k * nC + c] += dz[c] * ak;
                        }
                    }
                }
            }
        }
    return CS_OK;
}
