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

/* dA_prev_pad[i, window] += dZ[i, h, w, c] * W[:, :, :, c] for the windows of rows [h0, h1)
 * and the nc output channels c from dz's on, gathered per cell. A cell (y, x) (padded
 * coordinates) is reached by the windows (h, w) with h*s + u*d = y and w*s + v*d = x; the seed
 * adds them channel after channel, and within a channel in (h, w) order, that is u and v
 * descending: a cell's tap list runs in that order, so the cell is loaded and stored once for
 * all channels. dz points at dZ[i, 0, 0, c]; wt is W[:, :, :, c] as (f, f, n_C_prev), the next
 * channel's wstride doubles on. The cells are stored from padded row and column off on, Hs rows
 * of Ws cells (the stepper stores the padding, off 0; the batch kernel only the input,
 * off = pad): others are not computed. Tap offsets are worked out once per row; away from the
 * row's ends every column has all f. */
static void da_rows(const cs__geom *g, const double *restrict wt, size_t wstride,
                    const double *restrict dz, int nc, int h0, int h1, double *restrict da_i,
                    int off, int Hs, int Ws) {
    const int f = g->f, d = g->dilation, s = g->stride, C = g->n_C_prev, nC = g->n_C;
    const int nW = g->n_W;
    const size_t row = (size_t)Ws * C;
    enum { MAX_TAPS = 1024 };
    if (f * f > MAX_TAPS) {
        /* A huge filter: the seed's loop itself, window after window. */
        for (int c = 0; c < nc; c++)
            for (int h = h0; h < h1; h++)
                for (int w = 0; w < nW; w++) {
                    const double dzv = dz[((size_t)h * nW + w) * nC + c];
                    for (int u = 0; u < f; u++)
                        for (int v = 0; v < f; v++) {
                            const int y = h * s + u * d - off, x = w * s + v * d - off;
                            if (y < 0 || y >= Hs || x < 0 || x >= Ws) continue;
                            double *da = da_i + (size_t)y * row + (size_t)x * C;
                            const double *wk = wt + (size_t)c * wstride + (size_t)(u * f + v) * C;
                            for (int k = 0; k < C; k++) da[k] += dzv * wk[k];
                        }
                }
        return;
    }
    if (f * f * nc > MAX_TAPS) {
        /* Too many taps for one list: a few channels at a time, in order. */
        const int per = MAX_TAPS / (f * f);
        for (int c = 0; c < nc; c += per)
            da_rows(g, wt + (size_t)c * wstride, wstride, dz + c, nc - c < per ? nc - c : per, h0,
                    h1, da_i, off, Hs, Ws);
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
        /* interior taps, relative to column x: dz at (hs*n_W + x - v*d)*n_C + c, W at
         * c*wstride + (u*f + v)*C */
        int n_in = 0;
        for (int c = 0; c < nc; c++)
            for (int p = 0; p < nu; p++)
                for (int v = f - 1; v >= 0; v--) {
                    dzo[n_in] = (hs[p] * nW - v * d) * nC + c;
                    wo[n_in++] = (int)((size_t)c * wstride) + (us[p] * f + v) * C;
                }
        if (x_in0 < x_in1) gather_run(da_y, dz, wt, dzo, wo, n_in, C, nC, x_in0, x_in1, off);
        /* the other columns: only some taps, found one by one */
        for (int x = off; x < off + Ws; x++) {
            if (x == x_in0 && x_in0 < x_in1) x = x_in1;
            if (x >= off + Ws) break;
            int n = 0;
            for (int c = 0; c < nc; c++)
                for (int p = 0; p < nu; p++)
                    for (int v = f - 1; v >= 0; v--) {
                        const int t = x - v * d;
                        if (t < 0) continue;
                        const int w = s == 1 ? t : t / s; /* no division in the common case */
                        if (w >= nW || (s != 1 && w * s != t)) continue;
                        dzo[n] = (hs[p] * nW + w) * nC + c;
                        wo[n++] = (int)((size_t)c * wstride) + (us[p] * f + v) * C;
                    }
            if (n > 0) gather_cell(da_y + (size_t)(x - off) * C, dz, wt, dzo, wo, n, C);
        }
    }
}

/* The first and one past the last window index t in [0, n) whose tap t*s + k lands inside
 * [0, size) (k: the tap's offset from the window's start, less the padding). */
static void inside_range(int n, int s, int k, int size, int *lo, int *hi) {
    int a = 0, e = n;
    while (a < e && a * s + k < 0) a++;
    while (e > a && (e - 1) * s + k >= size) e--;
    *lo = a;
    *hi = e;
}

/* dW[u, v, k0 + kk, c0 + j] for kk < KB, j < lanes (lanes even, at most 8): every window
 * (i, h, w) whose tap (u, v) lands inside the input, in the seed's order, summed in registers
 * from 0.0 and stored once. */
static inline __attribute__((always_inline)) void
dw_block(const cs__geom *g, const double *restrict dZ, const double *restrict A_prev, int u, int v,
         int k0, int c0, int KB, int lanes, double *restrict dW) {
    const int d = g->dilation, s = g->stride, C = g->n_C_prev, nC = g->n_C, pad = g->pad;
    const int pairs = lanes / 2;
    int h_lo, h_hi, w_lo, w_hi;
    inside_range(g->n_H, s, u * d - pad, g->n_H_prev, &h_lo, &h_hi);
    inside_range(g->n_W, s, v * d - pad, g->n_W_prev, &w_lo, &w_hi);
    if (w_lo == w_hi) h_hi = h_lo; /* no window's tap lands inside: the sum stays 0.0 */
    v2d acc[2][4];
    for (int kk = 0; kk < KB; kk++)
        for (int j = 0; j < pairs; j++) acc[kk][j] = (v2d){0.0, 0.0};
    const size_t a_step = (size_t)s * C;
    for (int i = 0; i < g->m; i++)
        for (int h = h_lo; h < h_hi; h++) {
            const double *a = A_prev + cs__at(g->n_H_prev, g->n_W_prev, C, i, h * s + u * d - pad,
                                              w_lo * s + v * d - pad, k0);
            const double *dz = dZ + cs__at(g->n_H, g->n_W, nC, i, h, w_lo, c0);
            for (int w = w_lo; w < w_hi; w++, a += a_step, dz += nC) {
                v2d dz2[4];
                for (int j = 0; j < pairs; j++) dz2[j] = ld2(dz + 2 * j);
                for (int kk = 0; kk < KB; kk++) {
                    const v2d ak = {a[kk], a[kk]};
                    for (int j = 0; j < pairs; j++) acc[kk][j] += dz2[j] * ak;
                }
            }
        }
    double *dw = dW + cs__at(g->f, C, nC, u, v, k0, c0);
    for (int kk = 0; kk < KB; kk++)
        for (int j = 0; j < pairs; j++) st2(dw + (size_t)kk * nC + 2 * j, acc[kk][j]);
}

/* dW[u, v, k, c] for one channel c: the same sum, one lane. */
static void dw_single(const cs__geom *g, const double *restrict dZ, const double *restrict A_prev,
                      int u, int v, int k, int c, double *restrict dW) {
    const int d = g->dilation, s = g->stride, C = g->n_C_prev, nC = g->n_C, pad = g->pad;
    int h_lo, h_hi, w_lo, w_hi;
    inside_range(g->n_H, s, u * d - pad, g->n_H_prev, &h_lo, &h_hi);
    inside_range(g->n_W, s, v * d - pad, g->n_W_prev, &w_lo, &w_hi);
    if (w_lo == w_hi) h_hi = h_lo; /* no window's tap lands inside: the sum stays 0.0 */
    double acc = 0.0;
    for (int i = 0; i < g->m; i++)
        for (int h = h_lo; h < h_hi; h++) {
            const double *a = A_prev + cs__at(g->n_H_prev, g->n_W_prev, C, i, h * s + u * d - pad,
                                              w_lo * s + v * d - pad, k);
            const double *dz = dZ + cs__at(g->n_H, g->n_W, nC, i, h, w_lo, c);
            for (int w = w_lo; w < w_hi; w++, a += (size_t)s * C, dz += nC) acc += *dz * *a;
        }
    dW[cs__at(g->f, C, nC, u, v, k, c)] = acc;
}

/* dW = sum over windows of dZ[i, h, w, c] * a_slice, each element over (i, h, w) in the seed's
 * order: one tap (u, v) at a time, two input channels by eight output channels in registers
 * for the whole sum (then fewer), instead of a load and a store of dW per window. */
static void dw_all(const cs__geom *g, const double *dZ, const double *A_prev, double *dW) {
    const int f = g->f, C = g->n_C_prev, nC = g->n_C;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            int c0 = 0;
            for (; c0 + 8 <= nC; c0 += 8) {
                int k = 0;
                for (; k + 2 <= C; k += 2) dw_block(g, dZ, A_prev, u, v, k, c0, 2, 8, dW);
                if (k < C) dw_block(g, dZ, A_prev, u, v, k, c0, 1, 8, dW);
            }
            for (; c0 + 2 <= nC; c0 += 2) {
                int k = 0;
                for (; k + 2 <= C; k += 2) dw_block(g, dZ, A_prev, u, v, k, c0, 2, 2, dW);
                if (k < C) dw_block(g, dZ, A_prev, u, v, k, c0, 1, 2, dW);
            }
            if (c0 < nC)
                for (int k = 0; k < C; k++) dw_single(g, dZ, A_prev, u, v, k, c0, dW);
        }
}

cs_status cs_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                           cs_conv_params p, double *dA_prev, double *dW, double *db) {
    if (dZ == NULL || A_prev == NULL || W == NULL || dA_prev == NULL || dW == NULL || db == NULL)
        return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    const int f = g.f, C = g.n_C_prev, nC = g.n_C, pad = g.pad;
    const size_t per_c = (size_t)f * f * C, per_i = (size_t)g.n_H_prev * g.n_W_prev * C;
    memset(dA_prev, 0, sizeof(double) * (size_t)g.m * per_i);
    memset(db, 0, sizeof(double) * (size_t)nC);

    /* dA_prev, in the seed's order: for i, for c, every window's dZ * W[:, :, :, c] added cell
     * by cell (the padding ring, which the seed crops, is not computed). dW's buffer meanwhile
     * holds W transposed to (n_C, f, f, n_C_prev), so that the inner loop is contiguous. */
    for (size_t j = 0; j < per_c; j++)
        for (int c = 0; c < nC; c++) dW[(size_t)c * per_c + j] = W[j * (size_t)nC + (size_t)c];
    for (int i = 0; i < g.m; i++)
        da_rows(&g, dW, per_c, dZ + cs__at(g.n_H, g.n_W, nC, i, 0, 0, 0), nC, 0, g.n_H,
                dA_prev + (size_t)i * per_i, pad, g.n_H_prev, g.n_W_prev);

    /* db[c] += dZ[i, h, w, c]: over (i, h, w) in the seed's order for each c. */
    const size_t windows = (size_t)g.m * g.n_H * g.n_W;
    for (size_t j = 0; j < windows; j++)
        for (int c = 0; c < nC; c++) db[c] += dZ[j * nC + c];
    /* dW[:, :, :, c] += dZ * a_slice, each element summed over (i, h, w) in the seed's order; the
     * taps that land in the cropped padding are left out, as before. */
    dw_all(&g, dZ, A_prev, dW);
    return CS_OK;
}

/* dWt[c0 + kk, u, r0 + j] (kk < KB, j < lanes) += dZ[i, h, w, c0 + kk] * A_pad[i, h*s + u,
 * w*s + r/C, r%C] over the windows (h, w) of rows [h0, h1) of sample i in the seed's order: r
 * runs over a window row's f*n_C_prev contiguous cells (no dilation). Loaded once, summed in
 * registers, stored. */
static inline __attribute__((always_inline)) void
dwt_block(const cs__geom *g, const double *restrict a_i, const double *restrict dz_i, int h0,
          int h1, int u, int c0, int r0, int KB, int lanes, double *restrict dWt) {
    const int s = g->stride, C = g->n_C_prev, nC = g->n_C, f = g->f;
    const size_t row = (size_t)g->n_W_pad * C, per_c = (size_t)f * f * C;
    const int pairs = lanes / 2, odd = lanes % 2;
    v2d acc[2][4];
    double acc1[2] = {0.0, 0.0};
    for (int kk = 0; kk < KB; kk++) {
        const double *src = dWt + (size_t)(c0 + kk) * per_c + (size_t)u * f * C + r0;
        for (int j = 0; j < pairs; j++) acc[kk][j] = ld2(src + 2 * j);
        if (odd) acc1[kk] = src[lanes - 1];
    }
    for (int h = h0; h < h1; h++) {
        const double *a = a_i + (size_t)(h * s + u) * row + r0;
        const double *dz = dz_i + (size_t)h * g->n_W * nC + c0;
        for (int w = 0; w < g->n_W; w++, a += (size_t)s * C, dz += nC) {
            v2d a2[4];
            for (int j = 0; j < pairs; j++) a2[j] = ld2(a + 2 * j);
            const double a1 = odd ? a[lanes - 1] : 0.0;
            for (int kk = 0; kk < KB; kk++) {
                const v2d z2 = {dz[kk], dz[kk]};
                for (int j = 0; j < pairs; j++) acc[kk][j] += z2 * a2[j];
                if (odd) acc1[kk] += dz[kk] * a1;
            }
        }
    }
    for (int kk = 0; kk < KB; kk++) {
        double *dst = dWt + (size_t)(c0 + kk) * per_c + (size_t)u * f * C + r0;
        for (int j = 0; j < pairs; j++) st2(dst + 2 * j, acc[kk][j]);
        if (odd) dst[lanes - 1] = acc1[kk];
    }
}

/* A window row's run [r0, r0 + n) of channels c0 .. c0 + KB - 1, eight cells at a time. */
static inline __attribute__((always_inline)) void
dwt_run(const cs__geom *g, const double *restrict a_i, const double *restrict dz_i, int h0, int h1,
        int u, int c0, int KB, int n, double *restrict dWt) {
    int r = 0;
    for (; r + 8 <= n; r += 8) dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 8, dWt);
    switch (n - r) {
        case 1:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 1, dWt);
            break;
        case 2:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 2, dWt);
            break;
        case 3:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 3, dWt);
            break;
        case 4:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 4, dWt);
            break;
        case 5:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 5, dWt);
            break;
        case 6:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 6, dWt);
            break;
        case 7:
            dwt_block(g, a_i, dz_i, h0, h1, u, c0, r, KB, 7, dWt);
            break;
        default:
            break;
    }
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
    for (int h = h0; h < h1; h++)
        for (int w = 0; w < nW; w++) b += dz[((size_t)h * nW + w) * nC];
    *db = b;
    if (d == 1) {
        /* each dW element summed in a register over the rows' windows, in order: dwt_run reads
         * channel c's dZ from dz and writes W[:, :, :, c]'s transpose from dwt */
        for (int u = 0; u < f; u++)
            dwt_run(g, a_i, dz - c, h0, h1, u, c, 1, f * C, dwt - (size_t)c * f * f * C);
        da_rows(g, wt, 0, dz, 1, h0, h1, da_i, 0, g->n_H_pad, Wp);
        return;
    }
    const int run = C, runs = f;
    for (int h = h0; h < h1; h++)
        for (int w = 0; w < nW; w++) {
            const double dzv = dz[((size_t)h * nW + w) * nC];
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

    da_rows(g, wt, 0, dz, 1, h0, h1, da_i, 0, g->n_H_pad, Wp);
}

void cs__conv_backward_channels(const cs__geom *g, const double *restrict A_pad,
                                const double *restrict Wt, const double *restrict dZ, int i, int c0,
                                int c1, double *restrict dA_pad, double *restrict dWt,
                                double *restrict db) {
    const int f = g->f, C = g->n_C_prev, nC = g->n_C, Wp = g->n_W_pad;
    const size_t per_c = (size_t)f * f * C;
    const double *dz_i = dZ + cs__at(g->n_H, g->n_W, nC, i, 0, 0, 0);
    const double *a_i = A_pad + cs__at(g->n_H_pad, Wp, C, i, 0, 0, 0);
    /* db[c] += dZ[i, h, w, c] over (h, w) in order */
    const size_t windows = (size_t)g->n_H * g->n_W;
    for (size_t j = 0; j < windows; j++)
        for (int c = c0; c < c1; c++) db[c] += dz_i[j * nC + c];
    /* dW[:, :, :, c]: each element's terms over (h, w) in order, after the earlier samples' */
    for (int u = 0; u < f; u++) {
        int c = c0;
        for (; c + 2 <= c1; c += 2) dwt_run(g, a_i, dz_i, 0, g->n_H, u, c, 2, f * C, dWt);
        if (c < c1) dwt_run(g, a_i, dz_i, 0, g->n_H, u, c, 1, f * C, dWt);
    }
    /* dA_prev_pad: channel after channel, each in (h, w) order, the padding ring included */
    da_rows(g, Wt + (size_t)c0 * per_c, per_c, dz_i + c0, c1 - c0, 0, g->n_H,
            dA_pad + cs__at(g->n_H_pad, Wp, C, i, 0, 0, 0), 0, g->n_H_pad, Wp);
}
