/*
 * test.h - the tiny harness shared by convstep's C tests.
 *
 * A test is a static function whose name says the behaviour it protects; RUN(fn) records that
 * name, so a failure reads "FAIL conv_forward_skips_the_last_row_when_stride_does_not_tile ...".
 * Inside a test, CHECK(condition, printf-format, ...) counts one check; a failed check prints
 * one line with the details. The tensor comparisons below count as one check each and, on a
 * mismatch, name the first wrong element as (batch, y, x, channel) with the tolerance used,
 * as XNNPACK's operator testers do.
 *
 * The closing line `N passed, N failed` counts CHECKS, not test functions.
 *
 * Conventions borrowed from XNNPACK's testers:
 *   - outputs are filled with NaN (one fixed bit pattern, T_NAN_BITS) before every call, so an
 *     element the kernel forgot to write shows up, and a failing call can be proved to have
 *     written nothing;
 *   - the reference is a naive loop written in the test itself (test_ref.c), never the kernel;
 *   - a sum whose order of additions may differ from the reference's is compared with
 *     tolerance 1e-12 times the sum of the magnitudes of its terms (exactly when it has a
 *     single term); one whose order is the seed's is compared exactly.
 */
#ifndef CONVSTEP_TEST_H
#define CONVSTEP_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "convstep.h"

/* ---- harness ---------------------------------------------------------------------------- */

void t_begin(const char *test_name);
int t_check_(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define CHECK(ok, ...) t_check_((ok) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define RUN(fn)        (t_begin(#fn), fn())

/* Each file's tests, called in order by main(). */
void run_hand_tests(void);
void run_fixture_tests(void);
void run_gradcheck_tests(void);
void run_stepper_tests(void);
void run_bad_input_tests(void);
void run_rng_tests(void);
void run_conv_transpose_tests(void);

/* ---- NaN sentinels ------------------------------------------------------------------------ */

/* A quiet NaN with a payload no arithmetic produces: an element that still has these bits was
 * not written. */
#define T_NAN_BITS UINT64_C(0x7ff8dead0badf00d)
void t_fill_nan(double *x, size_t n);
int t_all_nan(const double *x, size_t n); /* every element still has T_NAN_BITS */
double *t_alloc_nan(size_t n);            /* malloc'd and NaN-filled; aborts on failure */
int t_same_bits(double a, double b);

/* ---- shapes ----------------------------------------------------------------------------- */

size_t t_count(cs_shape s);
/* Offset of (i, h, w, c) in a tensor of shape s. */
size_t t_at(cs_shape s, int i, int h, int w, int c);
int t_shape_eq(cs_shape a, cs_shape b);

/* ---- comparisons -------------------------------------------------------------------------- */

/* How to name an element in a failure line. */
typedef enum { T_NHWC, T_FILTER } t_layout; /* (batch, y, x, channel) or (ky, kx, c_prev, c) */

/* got vs expected: |got - expected| <= 1e-12 * bound[k], or exactly equal when terms[k] <= 1
 * (terms may be NULL: then every element uses the bound). One check. */
int t_close_(const char *what, const double *got, const double *expected, const double *bound,
             const int *terms, cs_shape shape, t_layout layout, const char *file, int line);
#define T_CLOSE(what, got, exp, bound, terms, shape, layout)                                       \
    t_close_((what), (got), (exp), (bound), (terms), (shape), (layout), __FILE__, __LINE__)

/* got vs expected bit for bit (memcmp per element). One check. */
int t_same_(const char *what, const double *got, const double *expected, cs_shape shape,
            t_layout layout, const char *file, int line);
#define T_SAME(what, got, exp, shape, layout)                                                      \
    t_same_((what), (got), (exp), (shape), (layout), __FILE__, __LINE__)

/* got vs expected with ==, the kind of check hand-worked cases make. One check. */
int t_equal_(const char *what, const double *got, const double *expected, cs_shape shape,
             t_layout layout, const char *file, int line);
#define T_EQUAL(what, got, exp, shape, layout)                                                     \
    t_equal_((what), (got), (exp), (shape), (layout), __FILE__, __LINE__)

/* ---- a random source of the tests' own (splitmix64 + Box-Muller) ----------------------------
 * Independent of cs_rng, which is itself under test. */
typedef struct {
    uint64_t s;
    int has;
    double spare;
} t_rand;
void t_rand_seed(t_rand *r, uint64_t seed);
uint64_t t_rand_u64(t_rand *r);
int t_rand_int(t_rand *r, int lo, int hi); /* uniform in [lo, hi] */
double t_rand_uniform(t_rand *r);          /* [0, 1) */
double t_rand_gauss(t_rand *r);
void t_rand_fill_gauss(t_rand *r, double *x, size_t n);
/* Small integers in [lo, hi], as doubles: inputs full of exact ties for max pooling. */
void t_rand_fill_int(t_rand *r, double *x, size_t n, int lo, int hi);

/* ---- naive references (test_ref.c) ---------------------------------------------------------
 * Written from the seed's loops, independently of c/src. Each also returns, per output
 * element, `bound` = the sum of the magnitudes of the terms summed into it and `terms` = their
 * number; any of the out-pointers may be NULL. Shapes as in convstep.h; dilation 0 means 1. */
void ref_zero_pad(const double *X, cs_shape in, int pad, double *X_pad);
void ref_conv_forward(const double *A_prev, cs_shape in, const double *W, const double *b,
                      cs_conv_params p, double *Z, double *bound, int *terms);
/* Only the first `windows` windows in loop order (i, c, h, w) are accumulated: the state of a
 * stepper after that many steps. Pass a negative count for all of them. */
void ref_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                       cs_conv_params p, long windows, double *dA_prev, double *dA_bound,
                       int *dA_terms, double *dW, double *dW_bound, int *dW_terms, double *db,
                       double *db_bound, int *db_terms);
void ref_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p, double *A, double *bound,
                      int *terms);
void ref_pool_backward(const double *dA, const double *A_prev, cs_shape in, cs_pool_params p,
                       long windows, double *dA_prev, double *bound, int *terms);
/* The mask of one window: 1 at the maximum (every tied one, or the first in row-major order). */
int ref_mask(const double *A_prev, cs_shape in, int f, int i, int c, int vert_start, int hori_start,
             cs_pool_ties ties, unsigned char *mask);
/* The output shape by the formulas in convstep.h, for configurations known to be valid. */
cs_shape ref_conv_shape(cs_shape in, cs_conv_params p);
cs_shape ref_pool_shape(cs_shape in, cs_pool_params p);
/* Transposed convolution: the first `windows` windows (all when negative) of the loop
 * (i, c, h, w) over X. Y_pad gets the padded accumulator, Y the crop plus b; bound and terms
 * count b as one term. Any out-pointer may be NULL. */
void ref_conv_transpose(const double *X, cs_shape in, const double *W, const double *b,
                        cs_conv_transpose_params p, long windows, double *Y_pad, double *Y,
                        double *bound, int *terms);
cs_shape ref_conv_transpose_shape(cs_shape in, cs_conv_transpose_params p);
cs_shape ref_conv_transpose_pad_shape(cs_shape in, cs_conv_transpose_params p);
/* 1 when some window of the input has its maximum more than once, or its two largest values
 * within `gap` of each other. */
int ref_has_near_ties(const double *A_prev, cs_shape in, cs_pool_params p, double gap);

/* ---- fixture files (test_fixtures.c) ---------------------------------------------------------
 * The format of the .txt files in tests/fixtures/: '#' starts a comment that runs to the end of the line;
 * otherwise whitespace-separated tokens:
 *   case <name> | op conv|pool|conv_transpose | shape m H W C | conv f n_C stride pad dilation |
 *   conv_transpose f n_C_out stride pad dilation output_padding |
 *   pool f stride max|average | seed <s> | tensor <name> d0 d1 d2 d3 <d0*d1*d2*d3 values> | end
 * Read token by token, so a tensor's line may be any length. */
#define FX_MAX_TENSORS 16
typedef struct {
    char name[64];
    int d[4];
    size_t n;
    double *v;
} fx_tensor;
typedef struct {
    char name[128];
    int line; /* of the `case` token */
    int has_op, is_conv, is_conv_transpose, has_shape, has_conv, has_pool, has_seed;
    int has_conv_transpose;
    cs_shape in;
    cs_conv_params cp;
    cs_pool_params pp;
    cs_conv_transpose_params tp;
    uint32_t seed;
    int nt;
    fx_tensor t[FX_MAX_TENSORS];
} fx_case;
typedef void (*fx_case_fn)(const fx_case *c);
/* Calls fn at each case's `end`. A missing file or a format error is a failed check. Returns
 * the number of cases read. */
int fx_read(const char *path, fx_case_fn fn);
const fx_tensor *fx_get(const fx_case *c, const char *name); /* NULL when absent */
cs_shape fx_shape(const fx_tensor *t);

#endif /* CONVSTEP_TEST_H */
