/*
 * test_util.c - NaN sentinels, tensor comparisons that report (batch, y, x, channel), and the
 * tests' own random numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* ---- NaN sentinels ------------------------------------------------------------------------ */

void t_fill_nan(double *x, size_t n) {
    const uint64_t bits = T_NAN_BITS;
    for (size_t k = 0; k < n; k++) memcpy(&x[k], &bits, sizeof bits);
}

int t_all_nan(const double *x, size_t n) {
    const uint64_t bits = T_NAN_BITS;
    for (size_t k = 0; k < n; k++)
        if (memcmp(&x[k], &bits, sizeof bits) != 0) return 0;
    return 1;
}

double *t_alloc_nan(size_t n) {
    double *x = malloc((n > 0 ? n : 1) * sizeof *x);
    if (x == NULL) {
        fprintf(stderr, "test: out of memory allocating %zu doubles\n", n);
        abort();
    }
    t_fill_nan(x, n);
    return x;
}

int t_same_bits(double a, double b) {
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ---- shapes ----------------------------------------------------------------------------- */

size_t t_count(cs_shape s) {
    return (size_t)s.m * (size_t)s.n_H * (size_t)s.n_W * (size_t)s.n_C;
}

size_t t_at(cs_shape s, int i, int h, int w, int c) {
    return (((size_t)i * (size_t)s.n_H + (size_t)h) * (size_t)s.n_W + (size_t)w) * (size_t)s.n_C +
           (size_t)c;
}

int t_shape_eq(cs_shape a, cs_shape b) {
    return a.m == b.m && a.n_H == b.n_H && a.n_W == b.n_W && a.n_C == b.n_C;
}

/* ---- comparisons -------------------------------------------------------------------------- */

/* "(batch 0, y 1, x 2, channel 3)" for element k of a tensor of shape s. */
static void name_element(char *buf, size_t cap, cs_shape s, t_layout layout, size_t k) {
    const int c = (int)(k % (size_t)s.n_C);
    const int x = (int)(k / (size_t)s.n_C % (size_t)s.n_W);
    const int y = (int)(k / ((size_t)s.n_C * (size_t)s.n_W) % (size_t)s.n_H);
    const int i = (int)(k / ((size_t)s.n_C * (size_t)s.n_W * (size_t)s.n_H));
    if (layout == T_FILTER)
        snprintf(buf, cap, "(ky %d, kx %d, c_prev %d, c %d)", i, y, x, c);
    else
        snprintf(buf, cap, "(batch %d, y %d, x %d, channel %d)", i, y, x, c);
}

int t_close_(const char *what, const double *got, const double *expected, const double *bound,
             const int *terms, cs_shape shape, t_layout layout, const char *file, int line) {
    const size_t n = t_count(shape);
    size_t bad = 0, first = 0;
    double first_tol = 0;
    for (size_t k = 0; k < n; k++) {
        const int exact = terms != NULL && terms[k] <= 1;
        const double tol = exact ? 0.0 : 1e-12 * bound[k];
        const int ok = exact ? got[k] == expected[k] : fabs(got[k] - expected[k]) <= tol;
        if (!ok) {
            if (bad == 0) {
                first = k;
                first_tol = tol;
            }
            bad++;
        }
    }
    if (bad == 0) return t_check_(1, file, line, "%s", what);
    char where[96];
    name_element(where, sizeof where, shape, layout, first);
    return t_check_(0, file, line,
                    "%s: %zu of %zu elements differ; first at %s: expected %.17g, got %.17g, "
                    "difference %.3g, tolerance %s%.3g",
                    what, bad, n, where, expected[first], got[first],
                    fabs(got[first] - expected[first]), first_tol == 0.0 ? "exact " : "",
                    first_tol);
}

int t_same_(const char *what, const double *got, const double *expected, cs_shape shape,
            t_layout layout, const char *file, int line) {
    const size_t n = t_count(shape);
    size_t bad = 0, first = 0;
    for (size_t k = 0; k < n; k++)
        if (!t_same_bits(got[k], expected[k]) && bad++ == 0) first = k;
    if (bad == 0) return t_check_(1, file, line, "%s", what);
    char where[96];
    name_element(where, sizeof where, shape, layout, first);
    return t_check_(
        0, file, line,
        "%s: %zu of %zu elements differ bitwise; first at %s: expected %.17g, got %.17g", what, bad,
        n, where, expected[first], got[first]);
}

int t_equal_(const char *what, const double *got, const double *expected, cs_shape shape,
             t_layout layout, const char *file, int line) {
    const size_t n = t_count(shape);
    size_t bad = 0, first = 0;
    for (size_t k = 0; k < n; k++)
        if (!(got[k] == expected[k]) && bad++ == 0) first = k;
    if (bad == 0) return t_check_(1, file, line, "%s", what);
    char where[96];
    name_element(where, sizeof where, shape, layout, first);
    return t_check_(0, file, line,
                    "%s: %zu of %zu elements differ; first at %s: expected %.17g, got %.17g", what,
                    bad, n, where, expected[first], got[first]);
}

/* ---- random numbers ------------------------------------------------------------------------ */

void t_rand_seed(t_rand *r, uint64_t seed) {
    r->s = seed;
    r->has = 0;
    r->spare = 0;
}

uint64_t t_rand_u64(t_rand *r) { /* splitmix64 */
    uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

int t_rand_int(t_rand *r, int lo, int hi) {
    return lo + (int)(t_rand_u64(r) % (uint64_t)(hi - lo + 1));
}

double t_rand_uniform(t_rand *r) {
    return (double)(t_rand_u64(r) >> 11) * 0x1.0p-53;
}

double t_rand_gauss(t_rand *r) {
    if (r->has) {
        r->has = 0;
        return r->spare;
    }
    double u1;
    do u1 = t_rand_uniform(r);
    while (u1 == 0.0);
    const double u2 = t_rand_uniform(r);
    const double rad = sqrt(-2.0 * log(u1)), ang = 6.283185307179586 * u2;
    r->spare = rad * sin(ang);
    r->has = 1;
    return rad * cos(ang);
}

void t_rand_fill_gauss(t_rand *r, double *x, size_t n) {
    for (size_t k = 0; k < n; k++) x[k] = t_rand_gauss(r);
}

void t_rand_fill_int(t_rand *r, double *x, size_t n, int lo, int hi) {
    for (size_t k = 0; k < n; k++) x[k] = (double)t_rand_int(r, lo, hi);
}
