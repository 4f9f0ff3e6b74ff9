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

/* Two doubles, as SSE2 and WebAssembly's SIMD128 hold them: GCC and Clang vector extensions, so
 * that the native and the WebAssembly builds run the same two-wide code. Loads and stores go
 * through memcpy (unaligned, no aliasing questions). */
typedef double v2d __attribute__((vector_size(16)));
static inline v2d ld2(const double *p) {
    v2d v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void st2(double *p, v2d v) {
    memcpy(p, &v, sizeof v);
}

/* da[0 .. lanes) += dZ * W over a cell's n taps, in the seed's order: tap t reads dz[dzo[t]]
 * and wt[wo[t] + k]. Inlined with a constant `lanes`, the accumulators live in registers; each
 * lane is its own sum, so pairing lanes in vectors keeps every sum's order. */
static inline __attribute__((always_inline)) void
gather_taps(double *restrict da, const double *restrict dz, const double *restrict wt,
            const int *dzo, const int *wo, int n, int lanes) {
    const int pairs = lanes / 2, odd = lanes % 2;
    v2d acc[4];
    double acc1 = 0.0;
    for (int j = 0; j < pairs; j++) acc[j] = ld2(da + 2 * j);
    if (odd) acc1 = da[lanes - 1];
    for (int t = 0; t < n; t++) {
        const double dzv = dz[dzo[t]];
        const v2d dz2 = {dzv, dzv};
        const double *wk = wt + wo[t];
        for (int j = 0; j < pairs; j++) acc[j] += dz2 * ld2(wk + 2 * j);
        if (odd) acc1 += dzv * wk[lanes - 1];
    }
    for (int j = 0; j < pairs; j++) st2(da + 2 * j, acc[j]);
    if (odd) da[lanes - 1] = acc1;
}

/* The same for four neighbouring interior cells at once (cells j at da + j*C, their taps at
 * dz + j*n_C): with few channels a cell alone is a short chain of dependent adds, and four
 * of them keep the adder busy. Each cell still adds its own terms in the seed's order. */
static inline __attribute__((always_inline)) void
gather_taps4(double *restrict da, const double *restrict dz, const double *restrict wt,
             const int *dzo, const int *wo, int n, int lanes, int C, int nC) {
    const int pairs = lanes / 2, odd = lanes % 2;
    v2d acc[4][2];
    double acc1[4] = {0.0, 0.0, 0.0, 0.0};
    for (int j = 0; j < 4; j++) {
        for (int k = 0; k < pairs; k++) acc[j][k] = ld2(da + j * C + 2 * k);
        if (odd) acc1[j] = da[j * C + lanes - 1];
    }
    for (int t = 0; t < n; t++) {
        const double *dzt = dz + dzo[t];
        const double *wk = wt + wo[t];
        v2d w2[2];
        for (int k = 0; k < pairs; k++) w2[k] = ld2(wk + 2 * k);
        const double w1 = odd ? wk[lanes - 1] : 0.0;
        for (int j = 0; j < 4; j++) {
            const double dzv = dzt[j * nC];
            const v2d dz2 = {dzv, dzv};
            for (int k = 0; k < pairs; k++) acc[j][k] += dz2 * w2[k];
            if (odd) acc1[j] += dzv * w1;
        }
    }
    for (int j = 0; j < 4; j++) {
        for (int k = 0; k < pairs; k++) st2(da + j * C + 2 * k, acc[j][k]);
        if (odd) da[j * C + lanes - 1] = acc1[j];
    }
}

/* All n_C_prev channels of one cell: eight at a time, then the rest in one pass. */
static void gather_cell(double *restrict da, const double *restrict dz, const double *restrict wt,
                        const int *dzo, const int *wo, int n, int C) {
    int k0 = 0;
    for (; k0 + 8 <= C; k0 += 8) gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 8);
    switch (C - k0) {
        case 1:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 1);
            break;
        case 2:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 2);
            break;
        case 3:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 3);
            break;
        case 4:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 4);
            break;
        case 5:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 5);
            break;
        case 6:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 6);
            break;
        case 7:
            gather_taps(da + k0, dz, wt + k0, dzo, wo, n, 7);
            break;
        default:
            break;
    }
}

/* Interior cells x in [x0, x1) of a row stored from column off on, all with the same taps
 * relative to x. */
static void gather_run(double *restrict da_row, const double *restrict dz,
                       const double *restrict wt, const int *dzo, const int *wo, int n, int C,
                       int nC, int x0, int x1, int off) {
    int x = x0;
    if (C <= 4)
        for (; x + 4 <= x1; x += 4) {
            double *dax = da_row + (size_t)(x - off) * C;
            const double *dzx = dz + (size_t)x * nC;
            switch (C) {
                case 1:
                    gather_taps4(dax, dzx, wt, dzo, wo, n, 1, 1, nC);
                    break;
                case 2:
                    gather_taps4(dax, dzx, wt, dzo, wo, n, 2, 2, nC);
                    break;
                case 3:
                    gather_taps4(dax, dzx, wt, dzo, wo, n, 3, 3, nC);
                    break;
                default:
                    gather_taps4(dax, dzx, wt, dzo, wo, n, 4, 4, nC);
                    break;
            }
        }
    for (; x < x1; x++)
        gather_cell(da_row + (size_t)(x - off) * C, dz + (size_t)x * nC, wt, dzo, wo, n, C);
}

/* dA_prev_pad[i, window] += dZ[i, h, w, c] * W[:, :, :, c] for the windows of rows [h0, h1),
 * gathered per cell. A cell (y, x) (padded coordinates) is reached by the windows (h, w) with
 * h*s + u*d = y and w*s + v*d = x; the seed adds them in (h, w) order, that is u and v
 * descending. dz points at dZ[i, 0, 0, c]; wt is W[:, :, :, c] as (f, f, n_C_prev). The cells
 * are stored from padded row and column off on, Hs rows of Ws cells (the stepper stores the
 * padding, off 0; the batch kernel only the input, off = pad): others are not computed. Tap
 * offsets are worked out once per row; away from the row's ends every column has all f. */
static void da_rows(const cs__geom *g, const double *restrict wt, const double *restrict dz, int h0,
                    int h1, double *restrict da_i, int off, int Hs, int Ws) {
    const int f = g->f, d = g->dilation, s = g->stride, C = g->n_C_prev, nC = g->n_C;
    const int nW = g->n_W;
    const size_t row = (size_t)Ws * C;
    enum { MAX_TAPS = 256 };
    if (f * f > MAX_TAPS) {
        /* A huge filter: the seed's loop itself, window after window. */
        for (int h = h0; h < h1; h++)
            for (int w = 0; w < nW; w++) {
                const double dzv = dz[((size_t)h * nW + w) * nC];
                for (int u = 0; u < f; u++)
                    for (int v = 0; v < f; v++) {
                        const int y = h * s + u * d - off, x = w * s + v * d - off;
                        if (y < 0 || y >= Hs || x < 0 || x >= Ws) continue;
                        double *da = da_i + (size_t)y * row + (size_t)x * C;
                        const double *wk = wt + (size_t)(u * f + v) * C;
                        for (int k = 0; k < C; k++) da[k] += dzv * wk[k];
                    }
            }
        return;
    }
    int us[16], hs[16], dzo[MAX_TAPS], wo[MAX_TAPS];
    const int y_lo = h0 * s, y_hi = (h1 - 1) * s + (f - 1) * d + 1;
    /* columns x whose f taps all land on windows: x - v*d = w*s for every v, w in [0, n_W) */
    int x_in0 = s == 1 ? (f - 1) * d : 0, x_in1 = s == 1 ? nW : 0;
    if (x_in0 < off) x_in0 = off;
    if (x_in1 > off + Ws) x_in1 = off + Ws;
    if (x_in1 < x_in0) x_in1 = x_in0;
    for (int y = y_lo > off ? y_lo : off; y < y_hi && y < off + Hs; y++) {
        int nu = 0;
        for (int u = f - 1; u >= 0; u--) {
            const int t = y - u * d;
            if (t < y_lo || t % s != 0 || t / s >= h1) continue;
            us[nu] = u;
            hs[nu++] = t / s;
        }
        if (nu == 0) continue;
        double *da_y = da_i + (size_t)(y - off) * row;
        /* interior taps, relative to column x: dz at (hs*n_W + x - v*d)*n_C, W at (u*f + v)*C */
        int n_in = 0;
        for (int p = 0; p < nu; p++)
            for (int v = f - 1; v >= 0; v--) {
                dzo[n_in] = (hs[p] * nW - v * d) * nC;
                wo[n_in++] = (us[p] * f + v) * C;
            }
        if (x_in0 < x_in1) gather_run(da_y, dz, wt, dzo, wo, n_in, C, nC, x_in0, x_in1, off);
        /* the other columns: only some taps, found one by one */
        for (int x = off; x < off + Ws; x++) {
            if (x == x_in0 && x_in0 < x_in1) x = x_in1;
            if (x >= off + Ws) break;
            int n = 0;
            for (int p = 0; p < nu; p++)
                for (int v = f - 1; v >= 0; v--) {
                    const int t = x - v * d;
                    if (t < 0) continue;
                    const int w = s == 1 ? t : t / s; /* no division in the common case */
                    if (w >= nW || (s != 1 && w * s != t)) continue;
                    dzo[n] = (hs[p] * nW + w) * nC;
                    wo[n++] = (us[p] * f + v) * C;
                }
            if (n > 0) gather_cell(da_y + (size_t)(x - off) * C, dz, wt, dzo, wo, n, C);
        }
    }
}

cs_status cs_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                           cs_conv_params p, double *dA_prev, double *dW, double *db) {
    if (dZ == NULL || A_prev == NULL || W == NULL || dA_prev == NULL || dW == NULL || db == NULL)
        return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    const int f = g.f, d = g.dilation, C = g.n_C_prev, nC = g.n_C, pad = g.pad;
    const size_t per_c = (size_t)f * f * C, per_i = (size_t)g.n_H_prev * g.n_W_prev * C;
    memset(dA_prev, 0, sizeof(double) * (size_t)g.m * per_i);
    memset(db, 0, sizeof(double) * (size_t)nC);

    /* dA_prev, in the seed's order: for i, for c, every window's dZ * W[:, :, :, c] added cell
     * by cell (the padding ring, which the seed crops, is not computed). dW's buffer meanwhile
     * holds W transposed to (n_C, f, f, n_C_prev), so that the inner loop is contiguous. */
    for (size_t j = 0; j < per_c; j++)
        for (int c = 0; c < nC; c++) dW[(size_t)c * per_c + j] = W[j * (size_t)nC + (size_t)c];
    for (int i = 0; i < g.m; i++)
        for (int c = 0; c < nC; c++)
            da_rows(&g, dW + (size_t)c * per_c, dZ + cs__at(g.n_H, g.n_W, nC, i, 0, 0, c), 0, g.n_H,
                    dA_prev + (size_t)i * per_i, pad, g.n_H_prev, g.n_W_prev);

    memset(dW, 0, sizeof(double) * (size_t)f * f * C * nC);
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
                        double *dwk = dW + cs__at(f, C, nC, u, v, 0, 0);
                        /* dW[:, :, :, c] += dZ * a_slice: contiguous across c, each dW element
                         * still summed over (i, h, w) in the seed's order. */
                        for (int k = 0; k < C; k++) {
                            const double ak = a[k];
                            for (int c = 0; c < nC; c++) dwk[(size_t)k * nC + c] += dz[c] * ak;
                        }
                    }
                }
            }
        }
    return CS_OK;
}

/* The seed's conv_backward for the windows of rows [h0, h1) of sample i and output channel c,
 * every accumulator taking its terms in the seed's order (for h, for w), as that many calls of
 * the stepper's one-window step would. Coordinates are padded; wt and dwt are W[:, :, :, c] and
 * dW[:, :, :, c] as (f, f, n_C_prev), contiguous. Padding cells are multiplied like any other,
 * as the seed does. */
void cs__conv_backward_rows(const cs__geom *g, const double *restrict A_pad,
                            const double *restrict wt, const double *restrict dZ, int i, int c,
                            int h0, int h1, double *restrict dA_pad, double *restrict dwt,
                            double *restrict db) {
    const int f = g->f, d = g->dilation, s = g->stride, C = g->n_C_prev, nC = g->n_C;
    const int Wp = g->n_W_pad, nW = g->n_W;
    const size_t row = (size_t)Wp * C; /* doubles between padded rows */
    const double *dz = dZ + cs__at(g->n_H, nW, nC, i, 0, 0, c);
    const double *a_i = A_pad + cs__at(g->n_H_pad, Wp, C, i, 0, 0, 0);
    double *da_i = dA_pad + cs__at(g->n_H_pad, Wp, C, i, 0, 0, 0);

    /* dW[:, :, :, c] += dZ[i, h, w, c] * a_slice and db[c] += dZ[i, h, w, c], window after
     * window. With no dilation a window row's f*n_C_prev cells are contiguous. */
    double b = *db;
    const int run = d == 1 ? f * C : C, runs = d == 1 ? 1 : f;
    for (int h = h0; h < h1; h++)
        for (int w = 0; w < nW; w++) {
            const double dzv = dz[((size_t)h * nW + w) * nC];
            b += dzv;
            for (int u = 0; u < f; u++) {
                const double *a = a_i + (size_t)(h * s + u * d) * row + (size_t)w * s * C;
                double *dwu = dwt + (size_t)u * f * C;
                for (int r = 0; r < runs; r++) {
                    const double *ar = a + (size_t)r * d * C;
                    double *dwr = dwu + (size_t)r * C;
                    for (int k = 0; k < run; k++) dwr[k] += dzv * ar[k];
                }
            }
        }
    *db = b;

    da_rows(g, wt, dz, h0, h1, da_i, 0, g->n_H_pad, Wp);
}
