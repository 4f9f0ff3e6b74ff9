/*
 * test_gradcheck.c - the backward kernels are the derivatives of the forward kernels.
 *
 * With L = sum(Z * dZ) for a fixed random dZ, dL/dA_prev, dL/dW and dL/db are exactly what
 * cs_conv_backward returns for that dZ (and likewise L = sum(A * dA) for pooling). Each sampled
 * coordinate is nudged by ±eps (eps = 1e-6) and the central difference compared with the
 * analytic gradient: relative error |num - ana| / max(|num|, |ana|, 1e-3) < 1e-6. L is summed
 * in long double so that the difference is not lost in L's own rounding.
 *
 * Max pooling is differentiable only away from ties, so its inputs are Gaussian and the test
 * first checks that every window's two largest values are more than 100*eps apart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define EPS 1e-6
#define TOL 1e-6

typedef struct {
    cs_shape in;
    cs_conv_params p;
    double *A, *W, *b, *dZ, *Z;
    cs_shape out;
} conv_problem;

static long double conv_loss(conv_problem *q) {
    if (cs_conv_forward(q->A, q->in, q->W, q->b, q->p, q->Z) != CS_OK) return NAN;
    long double L = 0;
    for (size_t k = 0; k < t_count(q->out); k++) L += (long double)q->Z[k] * q->dZ[k];
    return L;
}

/* Central difference of L along x[k]; the step actually taken is (x+eps) - (x-eps) as rounded. */
static double numeric(conv_problem *q, double *x, size_t k) {
    const double saved = x[k];
    const double hi = saved + EPS, lo = saved - EPS;
    x[k] = hi;
    const long double Lp = conv_loss(q);
    x[k] = lo;
    const long double Lm = conv_loss(q);
    x[k] = saved;
    return (double)((Lp - Lm) / ((long double)hi - (long double)lo));
}

static double rel_error(double num, double ana) {
    double den = fmax(fabs(num), fabs(ana));
    if (den < 1e-3) den = 1e-3;
    return fabs(num - ana) / den;
}

/* Checks `samples` coordinates of x (all of them when samples >= n); one check per tensor,
 * reporting the worst coordinate. */
static void check_coordinates(conv_problem *q, const char *name, double *x, const double *grad,
                              size_t n, int samples, t_rand *r) {
    double worst = 0, worst_num = 0, worst_ana = 0;
    size_t worst_k = 0;
    const size_t count = samples >= (int)n ? n : (size_t)samples;
    for (size_t j = 0; j < count; j++) {
        const size_t k = count == n ? j : (size_t)(t_rand_u64(r) % n);
        const double num = numeric(q, x, k), e = rel_error(num, grad[k]);
        if (!(e <= worst)) {
            worst = e;
            worst_k = k;
            worst_num = num;
            worst_ana = grad[k];
        }
    }
    CHECK(worst < TOL, "%s: relative error %.3g at flat index %zu: numeric %.17g, analytic %.17g",
          name, worst, worst_k, worst_num, worst_ana);
}

static void gradcheck_conv(const char *name, cs_shape in, cs_conv_params p, uint64_t seed) {
    t_rand r;
    t_rand_seed(&r, seed);
    conv_problem q = {.in = in, .p = p};
    CHECK(cs_conv_output_shape(in, p, &q.out) == CS_OK, "%s: invalid configuration", name);
    const cs_shape ws = {p.f, p.f, in.n_C, p.n_C};
    const size_t na = t_count(in), nw = t_count(ws), nb = (size_t)p.n_C, nz = t_count(q.out);
    q.A = t_alloc_nan(na);
    q.W = t_alloc_nan(nw);
    q.b = t_alloc_nan(nb);
    q.dZ = t_alloc_nan(nz);
    q.Z = t_alloc_nan(nz);
    t_rand_fill_gauss(&r, q.A, na);
    t_rand_fill_gauss(&r, q.W, nw);
    t_rand_fill_gauss(&r, q.b, nb);
    t_rand_fill_gauss(&r, q.dZ, nz);
    double *dA = t_alloc_nan(na), *dW = t_alloc_nan(nw), *db = t_alloc_nan(nb);
    CHECK(cs_conv_backward(q.dZ, q.A, in, q.W, p, dA, dW, db) == CS_OK, "%s: backward failed",
          name);
    char what[160];
    snprintf(what, sizeof what, "%s: dA_prev", name);
    check_coordinates(&q, what, q.A, dA, na, 24, &r);
    snprintf(what, sizeof what, "%s: dW", name);
    check_coordinates(&q, what, q.W, dW, nw, 24, &r);
    snprintf(what, sizeof what, "%s: db", name);
    check_coordinates(&q, what, q.b, db, nb, (int)nb, &r);
    free(q.A);
    free(q.W);
    free(q.b);
    free(q.dZ);
    free(q.Z);
    free(dA);
    free(dW);
    free(db);
}

static void conv_backward_is_the_gradient_of_conv_forward(void) {
    /* The assignment's kind of layer: pad 1, stride 2, 3×3 filters. */
    gradcheck_conv("pad 1, stride 2", (cs_shape){2, 5, 4, 3},
                   (cs_conv_params){.f = 3, .n_C = 2, .stride = 2, .pad = 1}, 101);
    /* pad 0, stride 1. */
    gradcheck_conv("pad 0, stride 1", (cs_shape){1, 4, 5, 2},
                   (cs_conv_params){.f = 2, .n_C = 3, .stride = 1, .pad = 0}, 102);
    /* Dilation 2 with padding on a rectangle. */
    gradcheck_conv("dilation 2, pad 2", (cs_shape){2, 5, 6, 2},
                   (cs_conv_params){.f = 3, .n_C = 2, .stride = 1, .pad = 2, .dilation = 2}, 103);
    /* Stride 3 leaves rows and columns unread: their gradient is 0, exactly. */
    gradcheck_conv("stride 3, unread rows", (cs_shape){1, 7, 8, 1},
                   (cs_conv_params){.f = 2, .n_C = 2, .stride = 3, .pad = 0}, 104);
}

static void conv_backward_gives_zero_gradient_to_cells_no_window_reads(void) {
    /* n = 7, f = 2, stride 3: windows start at 0 and 3, covering rows 0,1,3,4; rows 2, 5, 6
     * (and the same columns) are never read, so dA_prev is exactly 0 there. */
    const cs_shape in = {1, 7, 7, 1};
    const cs_conv_params p = {.f = 2, .n_C = 1, .stride = 3};
    t_rand r;
    t_rand_seed(&r, 105);
    double A[49], W[4], dZ[4], dA[49], dW[4], db[1];
    t_rand_fill_gauss(&r, A, 49);
    t_rand_fill_gauss(&r, W, 4);
    t_rand_fill_gauss(&r, dZ, 4);
    t_fill_nan(dA, 49);
    CHECK(cs_conv_backward(dZ, A, in, W, p, dA, dW, db) == CS_OK, "backward failed");
    int ok = 1, bad_y = -1, bad_x = -1;
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 7; x++) {
            const int unread = y % 3 == 2 || y == 6 || x % 3 == 2 || x == 6;
            const int zero = dA[y * 7 + x] == 0.0;
            if (unread != zero && ok) {
                ok = 0;
                bad_y = y;
                bad_x = x;
            }
        }
    CHECK(ok,
          "dA_prev at (batch 0, y %d, x %d, channel 0) is %.17g: should be 0 exactly where no "
          "window reads and nonzero elsewhere",
          bad_y, bad_x, ok ? 0.0 : dA[bad_y * 7 + bad_x]);
}

/* ---- pooling --------------------------------------------------------------------------------- */

typedef struct {
    cs_shape in, out;
    cs_pool_params p;
    double *A, *dA, *Aout;
} pool_problem;

static long double pool_loss(pool_problem *q) {
    if (cs_pool_forward(q->A, q->in, q->p, q->Aout) != CS_OK) return NAN;
    long double L = 0;
    for (size_t k = 0; k < t_count(q->out); k++) L += (long double)q->Aout[k] * q->dA[k];
    return L;
}

static void gradcheck_pool(const char *name, cs_shape in, cs_pool_params p, uint64_t seed) {
    t_rand r;
    t_rand_seed(&r, seed);
    pool_problem q = {.in = in, .p = p};
    CHECK(cs_pool_output_shape(in, p, &q.out) == CS_OK, "%s: invalid configuration", name);
    const size_t na = t_count(in), no = t_count(q.out);
    q.A = t_alloc_nan(na);
    q.dA = t_alloc_nan(no);
    q.Aout = t_alloc_nan(no);
    t_rand_fill_gauss(&r, q.A, na);
    t_rand_fill_gauss(&r, q.dA, no);
    if (p.mode == CS_POOL_MAX)
        CHECK(!ref_has_near_ties(q.A, in, p, 100 * EPS),
              "%s: the test's input has two values within 100*eps in one window; pick another seed",
              name);
    double *g = t_alloc_nan(na);
    CHECK(cs_pool_backward(q.dA, q.A, in, p, g) == CS_OK, "%s: backward failed", name);
    double worst = 0, worst_num = 0, worst_ana = 0;
    size_t worst_k = 0;
    for (size_t k = 0; k < na; k++) { /* every coordinate: these are small */
        const double saved = q.A[k], hi = saved + EPS, lo = saved - EPS;
        q.A[k] = hi;
        const long double Lp = pool_loss(&q);
        q.A[k] = lo;
        const long double Lm = pool_loss(&q);
        q.A[k] = saved;
        const double num = (double)((Lp - Lm) / ((long double)hi - (long double)lo));
        const double e = rel_error(num, g[k]);
        if (!(e <= worst)) {
            worst = e;
            worst_k = k;
            worst_num = num;
            worst_ana = g[k];
        }
    }
    CHECK(worst < TOL, "%s: relative error %.3g at flat index %zu: numeric %.17g, analytic %.17g",
          name, worst, worst_k, worst_num, worst_ana);
    free(q.A);
    free(q.dA);
    free(q.Aout);
    free(g);
}

static void pool_backward_is_the_gradient_of_pool_forward(void) {
    gradcheck_pool("max, f 2, stride 1 (overlapping)", (cs_shape){2, 4, 5, 2},
                   (cs_pool_params){.f = 2, .stride = 1, .mode = CS_POOL_MAX}, 201);
    gradcheck_pool("max, f 3, stride 2", (cs_shape){1, 7, 6, 3},
                   (cs_pool_params){.f = 3, .stride = 2, .mode = CS_POOL_MAX}, 202);
    gradcheck_pool(
        "max, f 2, stride 3 (gaps)", (cs_shape){1, 7, 8, 1},
        (cs_pool_params){.f = 2, .stride = 3, .mode = CS_POOL_MAX, .ties = CS_TIES_FIRST}, 203);
    gradcheck_pool("average, f 2, stride 1", (cs_shape){2, 4, 5, 2},
                   (cs_pool_params){.f = 2, .stride = 1, .mode = CS_POOL_AVERAGE}, 204);
    gradcheck_pool("average, f 3, stride 2", (cs_shape){1, 7, 6, 3},
                   (cs_pool_params){.f = 3, .stride = 2, .mode = CS_POOL_AVERAGE}, 205);
}

void run_gradcheck_tests(void) {
    RUN(conv_backward_is_the_gradient_of_conv_forward);
    RUN(conv_backward_gives_zero_gradient_to_cells_no_window_reads);
    RUN(pool_backward_is_the_gradient_of_pool_forward);
}
