/* pool.c - pool_forward, create_mask_from_window, distribute_value and pool_backward.
 *
 * Shapes: A_prev (m, n_H_prev, n_W_prev, n_C)  ->  A, dA (m, n_H, n_W, n_C).
 * No padding, as in the seed: n_H = (n_H_prev - f) / stride + 1. */
#include <string.h>

#include "internal.h"

/* The running maximum as np.max keeps it: a larger value wins, and a NaN wins for good (the
 * maximum of a window holding NaN is NaN, so x == max(x) then picks no cell). */
static inline int beats(double v, double mx) {
    return v > mx || (v != v && mx == mx);
}

/* np.max of the f×f window x (rows ld apart, columns cs apart); *first (if not NULL) gets the
 * offset of the first cell, in row-major order, that holds it. */
static double window_max(const double *x, int f, size_t ld, size_t cs, size_t *first) {
    double mx = x[0];
    size_t at = 0;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            const size_t o = (size_t)u * ld + (size_t)v * cs;
            if (beats(x[o], mx)) {
                mx = x[o];
                at = o;
            }
        }
    if (first != NULL) *first = at;
    return mx;
}

int cs_create_mask_from_window(const double *x, int f, size_t ld, size_t cs, cs_pool_ties ties,
                               unsigned char *mask) {
    if (x == NULL || mask == NULL || f < 1) return 0;
    /* mask = (x == np.max(x)): first the maximum, then every cell equal to it. */
    const double mx = window_max(x, f, ld, cs, NULL);
    int count = 0;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            /* CS_TIES_FIRST: PyTorch keeps only the first maximum in row-major order. */
            const int hit = x[u * ld + v * cs] == mx && !(ties == CS_TIES_FIRST && count > 0);
            mask[(size_t)u * (size_t)f + (size_t)v] = (unsigned char)hit;
            count += hit;
        }
    return count;
}

void cs_distribute_value(double dz, int f, double *a) {
    if (a == NULL || f < 1) return;
    /* a = np.ones(shape) * dz / (n_H * n_W): every cell of the window had equal weight. */
    const double share = dz / ((double)f * (double)f);
    for (size_t j = 0; j < (size_t)f * (size_t)f; j++) a[j] = share;
}

double cs__pool_window(const double *A, const cs__geom *g, cs_pool_mode mode, int i, int c,
                       int vert_start, int hori_start) {
    const int f = g->f, C = g->n_C;
    const double *x = A + cs__at(g->n_H_prev, g->n_W_prev, C, i, vert_start, hori_start, c);
    const size_t ld = (size_t)g->n_W_prev * C;
    if (mode == CS_POOL_MAX) return window_max(x, f, ld, (size_t)C, NULL);
    double s = 0.0;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) s += x[u * ld + (size_t)v * C];
    return s / ((double)f * (double)f);
}

/* The windows at one output cell (h, w) for channels [0, n): a[c] = np.max or np.mean of the
 * f×f window of channel c, x at its top-left cell (channel 0), rows ld apart. The channel goes
 * innermost, where memory is contiguous; each window still takes its cells in row-major order,
 * and the running maximum keeps window_max's rule as a select instead of a branch. Inlined with
 * a constant f (the common 2×2 and 3×3 windows) the window's loops unroll. */
static inline __attribute__((always_inline)) void forward_cell(cs_pool_mode mode,
                                                               const double *restrict x, size_t ld,
                                                               int C, int n, int f,
                                                               double *restrict a) {
    if (mode == CS_POOL_MAX) {
        for (int c = 0; c < n; c++) {
            double mx = x[c];
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) {
                    const double xv = x[(size_t)u * ld + (size_t)v * C + c];
                    mx = beats(xv, mx) ? xv : mx;
                }
            a[c] = mx;
        }
    } else {
        const double area = (double)f * (double)f;
        for (int c = 0; c < n; c++) {
            double s = 0.0;
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) s += x[(size_t)u * ld + (size_t)v * C + c];
            a[c] = s / area;
        }
    }
}

/* Windows of rows [h0, h1) of sample i, channels [c0, c1): A[i, h, w, c] for each. Forward
 * windows write one cell each, so any order gives the same values. */
void cs__pool_forward_rows(const cs__geom *g, cs_pool_mode mode, const double *A_prev, int i,
                           int c0, int c1, int h0, int h1, double *A) {
    const int f = g->f, C = g->n_C, s = g->stride, n = c1 - c0;
    const size_t ld = (size_t)g->n_W_prev * C;
    for (int h = h0; h < h1; h++) {
        const double *x = A_prev + cs__at(g->n_H_prev, g->n_W_prev, C, i, h * s, 0, c0);
        double *a = A + cs__at(g->n_H, g->n_W, C, i, h, 0, c0);
        for (int w = 0; w < g->n_W; w++, x += (size_t)s * C, a += C) {
            if (f == 2 && n == 3 && C == 3)
                forward_cell(mode, x, ld, 3, 3, 2, a); /* an RGB image */
            else if (f == 2)
                forward_cell(mode, x, ld, C, n, 2, a);
            else if (f == 3)
                forward_cell(mode, x, ld, C, n, 3, a);
            else
                forward_cell(mode, x, ld, C, n, f, a);
        }
    }
}

cs_status cs_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p, double *A) {
    if (A_prev == NULL || A == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__pool_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    for (int i = 0; i < g.m; i++)
        cs__pool_forward_rows(&g, p.mode, A_prev, i, 0, g.n_C, 0, g.n_H, A);
    return CS_OK;
}

/* One output cell's windows, channels [0, n) (x, d: the window's top-left cell in A_prev and
 * dA_prev; da: dA[i, h, w]), added into dA_prev: the mask's cells, or every cell's share. The
 * channel goes innermost; a cell not in the mask keeps its value (a select, not a branch). */
static inline __attribute__((always_inline)) void
backward_cell_add(cs_pool_mode mode, const double *restrict x, const double *restrict da, size_t ld,
                  int C, int n, int f, double *restrict d) {
    if (mode == CS_POOL_MAX) {
        for (int c = 0; c < n; c++) {
            double mx = x[c];
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) {
                    const double xv = x[(size_t)u * ld + (size_t)v * C + c];
                    mx = beats(xv, mx) ? xv : mx;
                }
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) {
                    const size_t o = (size_t)u * ld + (size_t)v * C + c;
                    d[o] = x[o] == mx ? d[o] + da[c] : d[o];
                }
        }
    } else {
        const double area = (double)f * (double)f;
        for (int c = 0; c < n; c++) {
            const double share = da[c] / area;
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) d[(size_t)u * ld + (size_t)v * C + c] += share;
        }
    }
}

/* pool_backward's windows of rows [h0, h1) of sample i, channels [c0, c1), added into dA_prev.
 * Each cell must take its windows in the seed's (h, w) order; any loop that keeps h and w in
 * order for each channel does. With many channels the channel goes innermost, where memory is
 * contiguous; with few, the seed's order (c outside h, w) is faster. */
void cs__pool_backward_rows(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties,
                            const double *dA, const double *A_prev, int i, int c0, int c1, int h0,
                            int h1, double *dA_prev) {
    const int f = g->f, C = g->n_C;
    const size_t ld = (size_t)g->n_W_prev * C;
    if (mode != CS_POOL_MAX || ties == CS_TIES_ALL) {
        /* (h, w) in order, every channel of the range at each: each cell still takes its
         * windows in the seed's order. */
        const int s = g->stride, n = c1 - c0;
        for (int h = h0; h < h1; h++) {
            const size_t at = cs__at(g->n_H_prev, g->n_W_prev, C, i, h * s, 0, c0);
            const double *x = A_prev + at;
            double *d = dA_prev + at;
            const double *da = dA + cs__at(g->n_H, g->n_W, C, i, h, 0, c0);
            for (int w = 0; w < g->n_W; w++, x += (size_t)s * C, d += (size_t)s * C, da += C) {
                if (f == 2)
                    backward_cell_add(mode, x, da, ld, C, n, 2, d);
                else
                    backward_cell_add(mode, x, da, ld, C, n, f, d);
            }
        }
        return;
    }
    const int many = c1 - c0 >= 8;
    const int inner = many ? c1 - c0 : 1, outer = many ? 1 : c1 - c0;
    for (int co = 0; co < outer; co++)
        for (int h = h0; h < h1; h++)
            for (int w = 0; w < g->n_W; w++)
                for (int ci = 0; ci < inner; ci++) {
                    const int c = c0 + co + ci;
                    const size_t at =
                        cs__at(g->n_H_prev, g->n_W_prev, C, i, h * g->stride, w * g->stride, c);
                    const double da = dA[cs__at(g->n_H, g->n_W, C, i, h, w, c)];
                    double *dst = dA_prev + at;
                    if (mode == CS_POOL_MAX) {
                        /* Only the maximum reached the output, so only it gets the gradient. */
                        const double *x = A_prev + at;
                        size_t first;
                        const double mx = window_max(x, f, ld, (size_t)C, &first);
                        if (ties == CS_TIES_FIRST) {
                            /* == is false when the window holds a NaN (its maximum is then
                             * NaN): no cell gets the gradient, as with the mask. */
                            if (x[first] == mx) dst[first] += da;
                        } else {
                            for (int u = 0; u < f; u++)
                                for (int v = 0; v < f; v++)
                                    if (x[u * ld + (size_t)v * C] == mx)
                                        dst[u * ld + (size_t)v * C] += da;
                        }
                    } else {
                        /* distribute_value: each of the f*f cells gets an equal share. */
                        const double share = da / ((double)f * (double)f);
                        for (int u = 0; u < f; u++)
                            for (int v = 0; v < f; v++) dst[u * ld + (size_t)v * C] += share;
                    }
                }
}

/* pool_backward when the windows do not overlap (stride f, the common case): each cell of
 * dA_prev is reached by at most one window, so the seed's zeros-then-add leaves 0.0 + its one
 * term there, written in one pass instead of a memset and additions. x, d: the window's top-left
 * cell (channel 0) in A_prev and dA_prev; da: dA[i, h, w, 0]. */
static inline __attribute__((always_inline)) void
backward_cell_disjoint(cs_pool_mode mode, const double *restrict x, const double *restrict da,
                       size_t ld, int C, int f, double *restrict d) {
    if (mode == CS_POOL_MAX) {
        /* mask = (x == np.max(x)): every cell equal to the maximum gets dA (all of them when
         * tied, none when the window holds a NaN), the others keep their 0.0. */
        for (int c = 0; c < C; c++) {
            double mx = x[c];
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) {
                    const double xv = x[(size_t)u * ld + (size_t)v * C + c];
                    mx = beats(xv, mx) ? xv : mx;
                }
            const double hit = 0.0 + da[c];
            for (int u = 0; u < f; u++)
                for (int v = 0; v < f; v++) {
                    const size_t o = (size_t)u * ld + (size_t)v * C + c;
                    d[o] = x[o] == mx ? hit : 0.0;
                }
        }
    } else {
        /* distribute_value: each of the f*f cells gets an equal share. Only the window's first
         * row here: the caller copies it to the other f - 1 rows. */
        const double area = (double)f * (double)f;
        for (int c = 0; c < C; c++) {
            const double hit = 0.0 + da[c] / area;
            for (int v = 0; v < f; v++) d[(size_t)v * C + c] = hit;
        }
    }
}

/* Sample i's windows when they do not overlap (see above): every cell of its part of dA_prev
 * written once, whatever it held. */
static void pool_backward_disjoint(const cs__geom *g, cs_pool_mode mode, const double *dA,
                                   const double *A_prev, int i, double *dA_prev) {
    const int f = g->f, C = g->n_C, Hp = g->n_H_prev, Wp = g->n_W_prev;
    const size_t ld = (size_t)Wp * C;
    /* cells no window reaches (the right and bottom edges left over) stay 0.0 */
    const size_t covered = (size_t)g->n_W * f * C;
    for (int h = 0; h < g->n_H; h++) {
        const size_t at = cs__at(Hp, Wp, C, i, h * f, 0, 0);
        const double *x = A_prev + at;
        double *d = dA_prev + at;
        const double *da = dA + cs__at(g->n_H, g->n_W, C, i, h, 0, 0);
        for (int w = 0; w < g->n_W; w++, x += (size_t)f * C, d += (size_t)f * C, da += C) {
            if (f == 2 && C == 3 && mode != CS_POOL_MAX)
                backward_cell_disjoint(mode, x, da, ld, 3, 2, d); /* an RGB image */
            else if (f == 2)
                backward_cell_disjoint(mode, x, da, ld, C, 2, d);
            else if (f == 3)
                backward_cell_disjoint(mode, x, da, ld, C, 3, d);
            else
                backward_cell_disjoint(mode, x, da, ld, C, f, d);
        }
        /* average: the windows' first row, as computed, is every row's */
        if (mode != CS_POOL_MAX)
            for (int u = 1; u < f; u++)
                memcpy(dA_prev + at + (size_t)u * ld, dA_prev + at, sizeof(double) * covered);
        if (covered < ld)
            for (int u = 0; u < f; u++)
                memset(dA_prev + at + (size_t)u * ld + covered, 0, sizeof(double) * (ld - covered));
    }
    const int rows = g->n_H * f;
    if (rows < Hp)
        memset(dA_prev + cs__at(Hp, Wp, C, i, rows, 0, 0), 0,
               sizeof(double) * (size_t)(Hp - rows) * ld);
}

int cs__pool_backward_overwrites(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties) {
    return g->stride == g->f && (mode != CS_POOL_MAX || ties == CS_TIES_ALL);
}

void cs__pool_backward_sample(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties,
                              const double *dA, const double *A_prev, int i, double *dA_prev) {
    if (cs__pool_backward_overwrites(g, mode, ties))
        pool_backward_disjoint(g, mode, dA, A_prev, i, dA_prev);
    else
        cs__pool_backward_rows(g, mode, ties, dA, A_prev, i, 0, g->n_C, 0, g->n_H, dA_prev);
}

cs_status cs_pool_backward(const double *dA, const double *A_prev, cs_shape in, cs_pool_params p,
                           double *dA_prev) {
    if (dA == NULL || A_prev == NULL || dA_prev == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__pool_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    /* zeros first, as the seed's np.zeros, unless every cell is written once anyway */
    if (!cs__pool_backward_overwrites(&g, p.mode, p.ties))
        memset(dA_prev, 0, sizeof(double) * (size_t)g.m * g.n_H_prev * g.n_W_prev * g.n_C);
    for (int i = 0; i < g.m; i++)
        cs__pool_backward_sample(&g, p.mode, p.ties, dA, A_prev, i, dA_prev);
    return CS_OK;
}
