/*
 * test_ref.c - naive references, written from the seed's numpy loops and nothing else:
 *
 *   for i, for c, for h, for w:
 *       vert_start = h * stride; hori_start = w * stride
 *       Z[i,h,w,c] = sum(A_pad[i, window, :] * W[:,:,:,c]) + b[c]
 *
 * Along with each value they return the sum of the magnitudes of the terms that went into it
 * (the scale of the rounding error any summation order can make) and the number of terms
 * (one term: the value is a single rounded operation and must match exactly).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static int dil(int d) {
    return d < 1 ? 1 : d;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n > 0 ? n : 1, size);
    if (p == NULL) abort();
    return p;
}

/* Element (i, y, x, c) of the zero-padded input, without building it. */
static double padded(const double *A, cs_shape in, int pad, int i, int y, int x, int c) {
    const int yy = y - pad, xx = x - pad;
    if (yy < 0 || yy >= in.n_H || xx < 0 || xx >= in.n_W) return 0.0;
    return A[t_at(in, i, yy, xx, c)];
}

cs_shape ref_conv_shape(cs_shape in, cs_conv_params p) {
    const int span = dil(p.dilation) * (p.f - 1) + 1;
    cs_shape out = {in.m, (in.n_H + 2 * p.pad - span) / p.stride + 1,
                    (in.n_W + 2 * p.pad - span) / p.stride + 1, p.n_C};
    return out;
}

cs_shape ref_pool_shape(cs_shape in, cs_pool_params p) {
    cs_shape out = {in.m, (in.n_H - p.f) / p.stride + 1, (in.n_W - p.f) / p.stride + 1, in.n_C};
    return out;
}

void ref_zero_pad(const double *X, cs_shape in, int pad, double *X_pad) {
    const cs_shape ps = {in.m, in.n_H + 2 * pad, in.n_W + 2 * pad, in.n_C};
    for (int i = 0; i < ps.m; i++)
        for (int y = 0; y < ps.n_H; y++)
            for (int x = 0; x < ps.n_W; x++)
                for (int c = 0; c < ps.n_C; c++)
                    X_pad[t_at(ps, i, y, x, c)] = padded(X, in, pad, i, y, x, c);
}

/* W[ky, kx, k, c] of shape (f, f, n_C_prev, n_C). */
static size_t w_at(int f, int n_C_prev, int n_C, int ky, int kx, int k, int c) {
    return (((size_t)ky * (size_t)f + (size_t)kx) * (size_t)n_C_prev + (size_t)k) * (size_t)n_C +
           (size_t)c;
}

void ref_conv_forward(const double *A_prev, cs_shape in, const double *W, const double *b,
                      cs_conv_params p, double *Z, double *bound, int *terms) {
    const cs_shape out = ref_conv_shape(in, p);
    const int d = dil(p.dilation), f = p.f, C = in.n_C;
    for (int i = 0; i < out.m; i++)
        for (int c = 0; c < out.n_C; c++)
            for (int h = 0; h < out.n_H; h++)
                for (int w = 0; w < out.n_W; w++) {
                    const int vert_start = h * p.stride, hori_start = w * p.stride;
                    double sum = 0, mag = fabs(b[c]);
                    for (int ky = 0; ky < f; ky++)
                        for (int kx = 0; kx < f; kx++)
                            for (int k = 0; k < C; k++) {
                                const double a = padded(A_prev, in, p.pad, i, vert_start + d * ky,
                                                        hori_start + d * kx, k);
                                const double wt = W[w_at(f, C, p.n_C, ky, kx, k, c)];
                                sum += a * wt;
                                mag += fabs(a * wt);
                            }
                    const size_t o = t_at(out, i, h, w, c);
                    if (Z) Z[o] = sum + b[c];
                    if (bound) bound[o] = mag;
                    if (terms) terms[o] = f * f * C + 1;
                }
}

void ref_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                       cs_conv_params p, long windows, double *dA_prev, double *dA_bound,
                       int *dA_terms, double *dW, double *dW_bound, int *dW_terms, double *db,
                       double *db_bound, int *db_terms) {
    const cs_shape out = ref_conv_shape(in, p);
    const int d = dil(p.dilation), f = p.f, C = in.n_C, nC = p.n_C;
    const cs_shape ps = {in.m, in.n_H + 2 * p.pad, in.n_W + 2 * p.pad, C};
    const size_t np = t_count(ps), nw = (size_t)f * f * C * nC;
    double *dAp = xcalloc(np, sizeof *dAp), *dAp_b = xcalloc(np, sizeof *dAp_b);
    int *dAp_t = xcalloc(np, sizeof *dAp_t);
    double *gW = xcalloc(nw, sizeof *gW), *gW_b = xcalloc(nw, sizeof *gW_b);
    int *gW_t = xcalloc(nw, sizeof *gW_t);
    double *gb = xcalloc((size_t)nC, sizeof *gb), *gb_b = xcalloc((size_t)nC, sizeof *gb_b);
    int *gb_t = xcalloc((size_t)nC, sizeof *gb_t);

    long done = 0;
    for (int i = 0; i < out.m; i++)
        for (int c = 0; c < nC; c++)
            for (int h = 0; h < out.n_H; h++)
                for (int w = 0; w < out.n_W; w++) {
                    if (windows >= 0 && done >= windows) goto finished;
                    done++;
                    const double g = dZ[t_at(out, i, h, w, c)];
                    const int vert_start = h * p.stride, hori_start = w * p.stride;
                    for (int ky = 0; ky < f; ky++)
                        for (int kx = 0; kx < f; kx++)
                            for (int k = 0; k < C; k++) {
                                const int y = vert_start + d * ky, x = hori_start + d * kx;
                                const size_t pa = t_at(ps, i, y, x, k);
                                const size_t wa = w_at(f, C, nC, ky, kx, k, c);
                                const double a = padded(A_prev, in, p.pad, i, y, x, k);
                                dAp[pa] += g * W[wa];
                                dAp_b[pa] += fabs(g * W[wa]);
                                dAp_t[pa]++;
                                gW[wa] += g * a;
                                gW_b[wa] += fabs(g * a);
                                gW_t[wa]++;
                            }
                    gb[c] += g;
                    gb_b[c] += fabs(g);
                    gb_t[c]++;
                }
finished:
    /* Crop [pad, pad + n): the seed's [p:-p] is empty for pad 0. */
    for (int i = 0; i < in.m; i++)
        for (int y = 0; y < in.n_H; y++)
            for (int x = 0; x < in.n_W; x++)
                for (int k = 0; k < C; k++) {
                    const size_t o = t_at(in, i, y, x, k),
                                 pa = t_at(ps, i, y + p.pad, x + p.pad, k);
                    if (dA_prev) dA_prev[o] = dAp[pa];
                    if (dA_bound) dA_bound[o] = dAp_b[pa];
                    if (dA_terms) dA_terms[o] = dAp_t[pa];
                }
    if (dW) memcpy(dW, gW, nw * sizeof *dW);
    if (dW_bound) memcpy(dW_bound, gW_b, nw * sizeof *dW_bound);
    if (dW_terms) memcpy(dW_terms, gW_t, nw * sizeof *dW_terms);
    if (db) memcpy(db, gb, (size_t)nC * sizeof *db);
    if (db_bound) memcpy(db_bound, gb_b, (size_t)nC * sizeof *db_bound);
    if (db_terms) memcpy(db_terms, gb_t, (size_t)nC * sizeof *db_terms);
    free(dAp);
    free(dAp_b);
    free(dAp_t);
    free(gW);
    free(gW_b);
    free(gW_t);
    free(gb);
    free(gb_b);
    free(gb_t);
}

int ref_mask(const double *A_prev, cs_shape in, int f, int i, int c, int vert_start, int hori_start,
             cs_pool_ties ties, unsigned char *mask) {
    double mx = A_prev[t_at(in, i, vert_start, hori_start, c)];
    for (int ky = 0; ky < f; ky++)
        for (int kx = 0; kx < f; kx++) {
            const double v = A_prev[t_at(in, i, vert_start + ky, hori_start + kx, c)];
            if (v > mx) mx = v;
        }
    int count = 0;
    for (int ky = 0; ky < f; ky++)
        for (int kx = 0; kx < f; kx++) {
            const double v = A_prev[t_at(in, i, vert_start + ky, hori_start + kx, c)];
            const int on = v == mx && (ties == CS_TIES_ALL || count == 0);
            mask[ky * f + kx] = (unsigned char)on;
            count += on;
        }
    return count;
}

void ref_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p, double *A, double *bound,
                      int *terms) {
    const cs_shape out = ref_pool_shape(in, p);
    const int f = p.f;
    for (int i = 0; i < out.m; i++)
        for (int c = 0; c < out.n_C; c++)
            for (int h = 0; h < out.n_H; h++)
                for (int w = 0; w < out.n_W; w++) {
                    const int vert_start = h * p.stride, hori_start = w * p.stride;
                    double mx = A_prev[t_at(in, i, vert_start, hori_start, c)], sum = 0, mag = 0;
                    for (int ky = 0; ky < f; ky++)
                        for (int kx = 0; kx < f; kx++) {
                            const double v =
                                A_prev[t_at(in, i, vert_start + ky, hori_start + kx, c)];
                            if (v > mx) mx = v;
                            sum += v;
                            mag += fabs(v);
                        }
                    const size_t o = t_at(out, i, h, w, c);
                    const int avg = p.mode == CS_POOL_AVERAGE;
                    if (A) A[o] = avg ? sum / (f * f) : mx;
                    if (bound) bound[o] = avg ? mag / (f * f) : fabs(mx);
                    if (terms) terms[o] = avg ? f * f : 1; /* a maximum is exact */
                }
}

void ref_pool_backward(const double *dA, const double *A_prev, cs_shape in, cs_pool_params p,
                       long windows, double *dA_prev, double *bound, int *terms) {
    const cs_shape out = ref_pool_shape(in, p);
    const int f = p.f;
    const size_t n = t_count(in);
    double *g = xcalloc(n, sizeof *g), *gb = xcalloc(n, sizeof *gb);
    int *gt = xcalloc(n, sizeof *gt);
    unsigned char *mask = xcalloc((size_t)f * f, 1);
    long done = 0;
    for (int i = 0; i < out.m; i++)
        for (int c = 0; c < out.n_C; c++)
            for (int h = 0; h < out.n_H; h++)
                for (int w = 0; w < out.n_W; w++) {
                    if (windows >= 0 && done >= windows) goto finished;
                    done++;
                    const int vert_start = h * p.stride, hori_start = w * p.stride;
                    const double v = dA[t_at(out, i, h, w, c)];
                    if (p.mode == CS_POOL_AVERAGE)
                        memset(mask, 1, (size_t)f * f);
                    else
                        ref_mask(A_prev, in, f, i, c, vert_start, hori_start, p.ties, mask);
                    const double amount = p.mode == CS_POOL_AVERAGE ? v / (f * f) : v;
                    for (int ky = 0; ky < f; ky++)
                        for (int kx = 0; kx < f; kx++) {
                            if (!mask[ky * f + kx]) continue;
                            const size_t o = t_at(in, i, vert_start + ky, hori_start + kx, c);
                            g[o] += amount;
                            gb[o] += fabs(amount);
                            gt[o]++;
                        }
                }
finished:
    if (dA_prev) memcpy(dA_prev, g, n * sizeof *g);
    if (bound) memcpy(bound, gb, n * sizeof *gb);
    if (terms) memcpy(terms, gt, n * sizeof *gt);
    free(g);
    free(gb);
    free(gt);
    free(mask);
}

int ref_has_near_ties(const double *A_prev, cs_shape in, cs_pool_params p, double gap) {
    const cs_shape out = ref_pool_shape(in, p);
    if (p.f == 1) return 0;
    for (int i = 0; i < out.m; i++)
        for (int c = 0; c < out.n_C; c++)
            for (int h = 0; h < out.n_H; h++)
                for (int w = 0; w < out.n_W; w++) {
                    double first = -INFINITY, second = -INFINITY;
                    for (int ky = 0; ky < p.f; ky++)
                        for (int kx = 0; kx < p.f; kx++) {
                            const double v =
                                A_prev[t_at(in, i, h * p.stride + ky, w * p.stride + kx, c)];
                            if (v > first) {
                                second = first;
                                first = v;
                            } else if (v > second) {
                                second = v;
                            }
                        }
                    if (first - second <= gap) return 1;
                }
    return 0;
}

/* ---- transposed convolution -------------------------------------------------------------------
 *   for i, for c (input channel), for h, for w:
 *       Y_pad[i, window, :] += W[:, :, :, c] * X[i, h, w, c]
 *   Y = Y_pad[:, pad:pad+n_H_out, pad:pad+n_W_out, :] + b                                        */

cs_shape ref_conv_transpose_pad_shape(cs_shape in, cs_conv_transpose_params p) {
    const int span = dil(p.dilation) * (p.f - 1) + 1;
    cs_shape ps = {in.m, (in.n_H - 1) * p.stride + span + p.output_padding,
                   (in.n_W - 1) * p.stride + span + p.output_padding, p.n_C_out};
    return ps;
}

cs_shape ref_conv_transpose_shape(cs_shape in, cs_conv_transpose_params p) {
    cs_shape out = ref_conv_transpose_pad_shape(in, p);
    out.n_H -= 2 * p.pad;
    out.n_W -= 2 * p.pad;
    return out;
}

void ref_conv_transpose(const double *X, cs_shape in, const double *W, const double *b,
                        cs_conv_transpose_params p, long windows, double *Y_pad, double *Y,
                        double *bound, int *terms) {
    const cs_shape ps = ref_conv_transpose_pad_shape(in, p), out = ref_conv_transpose_shape(in, p);
    const int d = dil(p.dilation), f = p.f, C = in.n_C, nC_out = p.n_C_out;
    const size_t np = t_count(ps);
    double *Yp = xcalloc(np, sizeof *Yp), *Yp_b = xcalloc(np, sizeof *Yp_b);
    int *Yp_t = xcalloc(np, sizeof *Yp_t);
    long done = 0;
    for (int i = 0; i < in.m; i++)
        for (int c = 0; c < C; c++)
            for (int h = 0; h < in.n_H; h++)
                for (int w = 0; w < in.n_W; w++) {
                    if (windows >= 0 && done >= windows) goto finished;
                    done++;
                    const double x = X[t_at(in, i, h, w, c)];
                    const int vert_start = h * p.stride, hori_start = w * p.stride;
                    for (int ky = 0; ky < f; ky++)
                        for (int kx = 0; kx < f; kx++)
                            for (int k = 0; k < nC_out; k++) {
                                const size_t pa =
                                    t_at(ps, i, vert_start + d * ky, hori_start + d * kx, k);
                                const double t = x * W[w_at(f, nC_out, C, ky, kx, k, c)];
                                Yp[pa] += t;
                                Yp_b[pa] += fabs(t);
                                Yp_t[pa]++;
                            }
                }
finished:
    if (Y_pad) memcpy(Y_pad, Yp, np * sizeof *Y_pad);
    for (int i = 0; i < out.m; i++)
        for (int y = 0; y < out.n_H; y++)
            for (int x = 0; x < out.n_W; x++)
                for (int k = 0; k < nC_out; k++) {
                    const size_t o = t_at(out, i, y, x, k),
                                 pa = t_at(ps, i, y + p.pad, x + p.pad, k);
                    if (Y) Y[o] = Yp[pa] + b[k];
                    if (bound) bound[o] = Yp_b[pa] + fabs(b[k]);
                    if (terms) terms[o] = Yp_t[pa] + 1;
                }
    free(Yp);
    free(Yp_b);
    free(Yp_t);
}
