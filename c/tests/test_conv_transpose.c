/*
 * test_conv_transpose.c - transposed convolution: hand cases, the golden fixtures
 * (tests/fixtures/conv_transpose.txt, numpy's loop checked against torch's conv_transpose2d),
 * conv_backward's dA_prev as a special case, and every way to call it wrongly.
 *
 * The stepper's partial sums, seek, reset and window record are tested with the other ops in
 * test_stepper.c, which loops over CS_OP_COUNT.
 *
 * Tolerance: numpy's loop adds each Y element's products in the same order as the kernel and
 * the stepper (Y_pad[window] += X[i,h,w,c] * W[:,:,:,c], then + b), so Y is compared exactly,
 * and also within 1e-12 times the sum of the magnitudes of its terms (the documented bound,
 * which any order meets).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define BUF 4096 /* every buffer passed to a failing call: larger than any valid use below */

static char sentinel_object;
#define SENTINEL ((cs_stepper *)(void *)&sentinel_object)

/* ---- hand cases ------------------------------------------------------------------------------ */

static void conv_transpose_with_stride_f_copies_each_input_into_its_own_block(void) {
    /* X = [[1,2],[3,4]], a 2×2 filter of ones, stride 2: every input pixel becomes a 2×2 block,
     * then + b = 0.5. n_H_out = (2-1)*2 - 0 + 1*(2-1) + 1 = 4. */
    const double X[] = {1, 2, 3, 4}, W[] = {1, 1, 1, 1}, b[] = {0.5};
    const cs_shape in = {1, 2, 2, 1};
    const cs_conv_transpose_params p = {.f = 2, .n_C_out = 1, .stride = 2};
    const double want[16] = {1.5, 1.5, 2.5, 2.5, 1.5, 1.5, 2.5, 2.5,
                             3.5, 3.5, 4.5, 4.5, 3.5, 3.5, 4.5, 4.5};
    cs_shape out = {0, 0, 0, 0};
    CHECK(cs_conv_transpose_output_shape(in, p, &out) == CS_OK &&
              t_shape_eq(out, (cs_shape){1, 4, 4, 1}),
          "output shape (%d,%d,%d,%d), expected (1,4,4,1)", out.m, out.n_H, out.n_W, out.n_C);
    double *Y = t_alloc_nan(16);
    CHECK(cs_conv_transpose(X, in, W, b, p, Y) == CS_OK, "cs_conv_transpose failed");
    T_EQUAL("2×2 blocks of X + 0.5", Y, want, ((cs_shape){1, 4, 4, 1}), T_NHWC);
    free(Y);
}

static void conv_transpose_with_stride_1_sums_overlapping_windows(void) {
    /* Same X and filter, stride 1: windows overlap; the centre gets all four inputs.
     * [[1,3,2],[4,10,6],[3,7,4]] - 1 (b = -1). Then pad 1 crops it to the centre 10 - 1. */
    const double X[] = {1, 2, 3, 4}, W[] = {1, 1, 1, 1}, b[] = {-1};
    const cs_shape in = {1, 2, 2, 1};
    cs_conv_transpose_params p = {.f = 2, .n_C_out = 1, .stride = 1};
    const double want[9] = {0, 2, 1, 3, 9, 5, 2, 6, 3};
    double *Y = t_alloc_nan(9);
    CHECK(cs_conv_transpose(X, in, W, b, p, Y) == CS_OK, "cs_conv_transpose failed");
    T_EQUAL("overlapping windows", Y, want, ((cs_shape){1, 3, 3, 1}), T_NHWC);
    p.pad = 1;
    t_fill_nan(Y, 9);
    CHECK(cs_conv_transpose(X, in, W, b, p, Y) == CS_OK, "cs_conv_transpose pad 1 failed");
    CHECK(Y[0] == 9.0, "pad 1: Y = %g, expected 9", Y[0]);
    CHECK(t_all_nan(Y + 1, 8), "pad 1: wrote past the 1×1 output");
    free(Y);
}

static void conv_transpose_output_padding_rows_get_only_b(void) {
    /* f 1, stride 2, output_padding 1: X 2×2 -> 4×4, inputs at even rows and columns, b
     * elsewhere (the last row and column are the output_padding). Two output channels
     * read W[0, 0, k, 0] = 10, -1. */
    const double X[] = {1, 2, 3, 4}, W[] = {10, -1}, b[] = {0.25, 7};
    const cs_shape in = {1, 2, 2, 1};
    const cs_conv_transpose_params p = {.f = 1, .n_C_out = 2, .stride = 2, .output_padding = 1};
    double want[32];
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++) {
            const int hit = y % 2 == 0 && x % 2 == 0;
            const double v = hit ? X[(y / 2) * 2 + x / 2] : 0.0;
            want[(y * 4 + x) * 2 + 0] = v * 10 + 0.25;
            want[(y * 4 + x) * 2 + 1] = v * -1 + 7;
        }
    double *Y = t_alloc_nan(32);
    CHECK(cs_conv_transpose(X, in, W, b, p, Y) == CS_OK, "cs_conv_transpose failed");
    T_EQUAL("gaps and output_padding hold b", Y, want, ((cs_shape){1, 4, 4, 2}), T_NHWC);
    free(Y);
}

/* ---- fixtures -------------------------------------------------------------------------------- */

static char test_name[256];

static const fx_tensor *need(const fx_case *c, const char *name, cs_shape want) {
    const fx_tensor *t = fx_get(c, name);
    if (!CHECK(t != NULL, "case %s: tensor %s is missing", c->name, name)) return NULL;
    const cs_shape s = fx_shape(t);
    if (!CHECK(t_shape_eq(s, want), "case %s: tensor %s is (%d,%d,%d,%d), expected (%d,%d,%d,%d)",
               c->name, name, s.m, s.n_H, s.n_W, s.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return NULL;
    return t;
}

static void conv_transpose_case(const fx_case *c) {
    snprintf(test_name, sizeof test_name, "conv_transpose_matches_golden_fixture[%s]", c->name);
    t_begin(test_name);
    if (!CHECK(c->has_op && c->is_conv_transpose && c->has_shape && c->has_conv_transpose,
               "case %s (line %d): needs op conv_transpose, shape and conv_transpose lines",
               c->name, c->line))
        return;
    const cs_shape in = c->in;
    const cs_conv_transpose_params p = c->tp;
    cs_shape out = {-1, -1, -1, -1};
    if (!CHECK(cs_conv_transpose_output_shape(in, p, &out) == CS_OK,
               "case %s: cs_conv_transpose_output_shape failed", c->name))
        return;
    const fx_tensor *X = need(c, "X", in),
                    *W = need(c, "W", ((cs_shape){p.f, p.f, p.n_C_out, in.n_C}));
    const fx_tensor *b = need(c, "b", ((cs_shape){1, 1, 1, p.n_C_out})), *Yf = need(c, "Y", out);
    if (!X || !W || !b || !Yf) return;
    const size_t n = t_count(out);
    double *Y = t_alloc_nan(n), *bound = t_alloc_nan(n);
    int *terms = malloc(n * sizeof *terms);
    ref_conv_transpose(X->v, in, W->v, b->v, p, -1, NULL, NULL, bound, terms);
    char what[300];
    CHECK(cs_conv_transpose(X->v, in, W->v, b->v, p, Y) == CS_OK, "case %s: kernel failed",
          c->name);
    snprintf(what, sizeof what, "%s: batch Y within 1e-12 of the magnitudes", c->name);
    T_CLOSE(what, Y, Yf->v, bound, terms, out, T_NHWC);
    snprintf(what, sizeof what, "%s: batch Y exactly numpy's (same order)", c->name);
    T_EQUAL(what, Y, Yf->v, out, T_NHWC);

    cs_stepper *s = NULL;
    if (CHECK(cs_stepper_create_conv_transpose(X->v, in, W->v, b->v, p, &s) == CS_OK,
              "case %s: stepper create failed", c->name)) {
        int64_t steps = 0;
        while (steps <= cs_stepper_total(s) && cs_stepper_next(s)) steps++;
        CHECK(steps == (int64_t)t_count(in), "case %s: %lld steps, expected m*n_H*n_W*n_C = %zu",
              c->name, (long long)steps, t_count(in));
        cs_shape sh = {-1, -1, -1, -1};
        const double *got = cs_stepper_tensor(s, CS_T_OUT, &sh);
        snprintf(what, sizeof what, "%s: stepper CS_T_OUT exactly numpy's", c->name);
        if (CHECK(got != NULL && t_shape_eq(sh, out), "case %s: CS_T_OUT missing or misshaped",
                  c->name))
            T_EQUAL(what, got, Yf->v, out, T_NHWC);
        cs_stepper_destroy(s);
    }
    free(Y);
    free(bound);
    free(terms);
}

static void conv_transpose_fixture_file_is_complete(void) {
    const int n = fx_read("tests/fixtures/conv_transpose.txt", conv_transpose_case);
    t_begin("conv_transpose_fixture_file_is_complete");
    CHECK(n == 10, "tests/fixtures/conv_transpose.txt has %d cases, expected 10", n);
}

/* conv.txt's notebook_conv_backward: conv_transpose of its dZ with b = 0 is its dA_prev. */
static void conv_backward_case(const fx_case *c) {
    if (strcmp(c->name, "notebook_conv_backward") != 0) return;
    t_begin("conv_transpose_of_dZ_is_conv_backward_dA_prev");
    const cs_conv_params cp = c->cp;
    cs_shape zs = {-1, -1, -1, -1};
    CHECK(cs_conv_output_shape(c->in, cp, &zs) == CS_OK, "conv output shape failed");
    const fx_tensor *dZ = need(c, "dZ", zs),
                    *W = need(c, "W", ((cs_shape){cp.f, cp.f, c->in.n_C, cp.n_C}));
    const fx_tensor *dA = need(c, "dA_prev", c->in), *A = need(c, "A_prev", c->in);
    if (!dZ || !W || !dA || !A) return;
    /* X = dZ: n_C = the convolution's n_C, n_C_out = its n_C_prev; the windows reach
     * (4-1)*2 + 2 = 8 = 4 + 2*2 rows, so output_padding 0 gives A_prev's 4×4. */
    const cs_conv_transpose_params p = {.f = cp.f,
                                        .n_C_out = c->in.n_C,
                                        .stride = cp.stride,
                                        .pad = cp.pad,
                                        .dilation = cp.dilation};
    cs_shape out = {-1, -1, -1, -1};
    CHECK(cs_conv_transpose_output_shape(zs, p, &out) == CS_OK && t_shape_eq(out, c->in),
          "conv_transpose of dZ %dx%dx%dx%d is (%d,%d,%d,%d), expected A_prev's shape", zs.m,
          zs.n_H, zs.n_W, zs.n_C, out.m, out.n_H, out.n_W, out.n_C);
    const size_t n = t_count(c->in);
    double *zero = calloc((size_t)c->in.n_C, sizeof *zero), *Y = t_alloc_nan(n);
    double *dA_batch = t_alloc_nan(n), *bound = t_alloc_nan(n);
    double *dW = t_alloc_nan(t_count(fx_shape(W))), *db = t_alloc_nan((size_t)cp.n_C);
    int *terms = malloc(n * sizeof *terms);
    CHECK(cs_conv_transpose(dZ->v, zs, W->v, zero, p, Y) == CS_OK, "conv_transpose failed");
    T_EQUAL("conv_transpose(dZ, W, b = 0) vs the fixture's dA_prev (same loop: exact)", Y, dA->v,
            c->in, T_NHWC);
    CHECK(cs_conv_backward(dZ->v, A->v, c->in, W->v, cp, dA_batch, dW, db) == CS_OK,
          "conv_backward failed");
    ref_conv_backward(dZ->v, A->v, c->in, W->v, cp, -1, NULL, bound, terms, NULL, NULL, NULL, NULL,
                      NULL, NULL);
    T_CLOSE("conv_transpose(dZ, W, b = 0) vs cs_conv_backward's dA_prev", Y, dA_batch, bound, terms,
            c->in, T_NHWC);
    free(zero);
    free(Y);
    free(dA_batch);
    free(bound);
    free(dW);
    free(db);
    free(terms);
}

static void conv_transpose_of_dz_is_conv_backward_da_prev(void) {
    fx_read("tests/fixtures/conv.txt", conv_backward_case);
}

/* ---- bad input ------------------------------------------------------------------------------- */

typedef struct {
    const char *what;
    cs_shape in;
    cs_conv_transpose_params p;
    cs_status want;
    const char *say1, *say2; /* must appear in the sentence (NULL: no requirement) */
} ct_bad;

/* One entry per error branch of the validation, in its order, then valid edges. */
static const ct_bad ct_cases[] = {
    {"f 0", {1, 3, 3, 1}, {0, 1, 1, 0, 0, 0}, CS_ERR_PARAM, "filter size f", "got 0"},
    {"n_C_out 0", {1, 3, 3, 1}, {2, 0, 1, 0, 0, 0}, CS_ERR_PARAM, "n_C_out", "got 0"},
    {"stride 0", {1, 3, 3, 1}, {2, 1, 0, 0, 0, 0}, CS_ERR_PARAM, "stride", "got 0"},
    {"pad -1", {1, 3, 3, 1}, {2, 1, 1, -1, 0, 0}, CS_ERR_PARAM, "pad must be 0 or more", "-1"},
    {"dilation -2", {1, 3, 3, 1}, {2, 1, 1, 0, -2, 0}, CS_ERR_PARAM, "dilation", "-2"},
    {"output_padding -1",
     {1, 3, 3, 1},
     {2, 1, 1, 0, 0, -1},
     CS_ERR_PARAM,
     "output_padding must be 0 or more",
     "-1"},
    {"output_padding = stride, no dilation",
     {1, 3, 3, 1},
     {2, 1, 2, 0, 0, 2},
     CS_ERR_PARAM,
     "output_padding 2 must be smaller than the stride 2 or the dilation 1",
     NULL},
    {"output_padding = dilation > stride",
     {1, 3, 3, 1},
     {2, 1, 1, 0, 3, 3},
     CS_ERR_PARAM,
     "the stride 1 or the dilation 3",
     NULL},
    {"m 0", {0, 3, 3, 1}, {2, 1, 1, 0, 0, 0}, CS_ERR_SHAPE, "m (samples)", "got 0"},
    {"n_H -1", {1, -1, 3, 1}, {2, 1, 1, 0, 0, 0}, CS_ERR_SHAPE, "n_H (input height)", "-1"},
    {"n_W 0", {1, 3, 0, 1}, {2, 1, 1, 0, 0, 0}, CS_ERR_SHAPE, "n_W (input width)", "got 0"},
    {"n_C INT_MIN",
     {1, 3, 3, INT_MIN},
     {2, 1, 1, 0, 0, 0},
     CS_ERR_SHAPE,
     "n_C (input channels)",
     "-2147483648"},
    {"X 1x2048x2049x1",
     {1, 2048, 2049, 1},
     {1, 1, 1, 0, 0, 0},
     CS_ERR_TOO_LARGE,
     "X would be 1×2048×2049×1",
     "4194304"},
    {"W 2048x2048x2x1",
     {1, 3, 3, 1},
     {2048, 2, 1, 0, 0, 0},
     CS_ERR_TOO_LARGE,
     "W would be 2048×2048×2×1",
     NULL},
    {"pad crops everything",
     {1, 2, 2, 1},
     {2, 1, 1, 2, 0, 0},
     CS_ERR_SHAPE,
     "pad 2 crops the whole output",
     "3×3"},
    {"pad crops the width only", {1, 5, 1, 1}, {1, 1, 1, 1, 0, 0}, CS_ERR_SHAPE, "5×1", "3×-1"},
    {"Y_pad over the limit",
     {1, 2048, 2048, 1},
     {1, 1, 2, 0, 0, 0},
     CS_ERR_TOO_LARGE,
     "the padded output Y_pad would be 1×4095×4095×1",
     NULL},
    {"stride INT_MAX",
     {1, 2, 1, 1},
     {1, 1, INT_MAX, 0, 0, 0},
     CS_ERR_TOO_LARGE,
     "Y_pad",
     "2147483648"},
    {"dilation INT_MAX", {1, 1, 1, 1}, {2, 1, 1, 0, INT_MAX, 0}, CS_ERR_TOO_LARGE, "Y_pad", NULL},
    {"exactly 2^22 in Y_pad", {1, 1024, 1024, 1}, {2, 1, 2, 0, 0, 0}, CS_OK, "ok", NULL},
    {"output_padding below the dilation", {1, 3, 3, 1}, {2, 1, 1, 0, 3, 2}, CS_OK, "ok", NULL},
    {"pad leaves one row", {1, 1, 1, 1}, {3, 1, 1, 1, 0, 0}, CS_OK, "ok", NULL},
};

static void conv_transpose_rejects_each_bad_configuration_with_a_sentence(void) {
    double *in1 = t_alloc_nan(BUF), *in2 = t_alloc_nan(BUF), *in3 = t_alloc_nan(BUF),
           *out1 = t_alloc_nan(BUF);
    for (size_t k = 0; k < sizeof ct_cases / sizeof ct_cases[0]; k++) {
        const ct_bad *e = &ct_cases[k];
        char msg[256];
        memset(msg, 0x5A, sizeof msg);
        const cs_status v = cs_conv_transpose_validate(e->in, e->p, msg, sizeof msg);
        CHECK(v == e->want, "%s: cs_conv_transpose_validate returned %d, expected %d", e->what,
              (int)v, (int)e->want);
        const int terminated = memchr(msg, '\0', sizeof msg) != NULL;
        CHECK(terminated && msg[0] != '\0', "%s: the sentence is empty or not NUL-terminated",
              e->what);
        if (terminated) {
            CHECK(!e->say1 || strstr(msg, e->say1), "%s: the sentence \"%s\" does not say \"%s\"",
                  e->what, msg, e->say1);
            CHECK(!e->say2 || strstr(msg, e->say2), "%s: the sentence \"%s\" does not say \"%s\"",
                  e->what, msg, e->say2);
        }
        CHECK(cs_conv_transpose_validate(e->in, e->p, NULL, 0) == v,
              "%s: validate without a buffer gives another status", e->what);
        cs_shape out = {-77, -77, -77, -77};
        const cs_status o = cs_conv_transpose_output_shape(e->in, e->p, &out);
        CHECK(o == v, "%s: output_shape returned %d, validate %d", e->what, (int)o, (int)v);
        if (v == CS_OK) {
            const cs_shape want = ref_conv_transpose_shape(e->in, e->p);
            CHECK(t_shape_eq(out, want), "%s: output shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)",
                  e->what, out.m, out.n_H, out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C);
            continue;
        }
        CHECK(out.m == -77 && out.n_H == -77 && out.n_W == -77 && out.n_C == -77,
              "%s: output_shape wrote *out on failure", e->what);
        const cs_status s = cs_conv_transpose(in1, e->in, in2, in3, e->p, out1);
        CHECK(s == v, "%s: cs_conv_transpose returned %d, validate %d", e->what, (int)s, (int)v);
        cs_stepper *st = SENTINEL;
        const cs_status c = cs_stepper_create_conv_transpose(in1, e->in, in2, in3, e->p, &st);
        CHECK(c == v && st == SENTINEL, "%s: create returned %d (validate %d), *out %s", e->what,
              (int)c, (int)v, st == SENTINEL ? "untouched" : "changed");
        CHECK(t_all_nan(in1, BUF) && t_all_nan(in2, BUF) && t_all_nan(in3, BUF) &&
                  t_all_nan(out1, BUF),
              "%s: a failing call wrote to a buffer", e->what);
    }
    free(in1);
    free(in2);
    free(in3);
    free(out1);
}

static void conv_transpose_rejects_every_null_pointer(void) {
    const cs_shape in = {1, 2, 2, 1};
    const cs_conv_transpose_params p = {.f = 2, .n_C_out = 1, .stride = 1};
    double X[4] = {1, 2, 3, 4}, W[4] = {1, 1, 1, 1}, b[1] = {0};
    double *Y = t_alloc_nan(9);
    for (int k = 0; k < 4; k++) {
        const cs_status s = cs_conv_transpose(k == 0 ? NULL : X, in, k == 1 ? NULL : W,
                                              k == 2 ? NULL : b, p, k == 3 ? NULL : Y);
        CHECK(s == CS_ERR_NULL, "cs_conv_transpose with argument %d NULL returned %d", k, (int)s);
    }
    CHECK(t_all_nan(Y, 9), "a cs_conv_transpose with a NULL argument wrote to Y");
    for (int k = 0; k < 4; k++) {
        cs_stepper *st = SENTINEL;
        const cs_status s = cs_stepper_create_conv_transpose(
            k == 0 ? NULL : X, in, k == 1 ? NULL : W, k == 2 ? NULL : b, p, k == 3 ? NULL : &st);
        CHECK(s == CS_ERR_NULL && st == SENTINEL, "create with argument %d NULL returned %d", k,
              (int)s);
    }
    CHECK(cs_conv_transpose_output_shape(in, p, NULL) == CS_ERR_NULL,
          "output_shape with out NULL is not CS_ERR_NULL");
    free(Y);
}

void run_conv_transpose_tests(void) {
    RUN(conv_transpose_with_stride_f_copies_each_input_into_its_own_block);
    RUN(conv_transpose_with_stride_1_sums_overlapping_windows);
    RUN(conv_transpose_output_padding_rows_get_only_b);
    RUN(conv_transpose_fixture_file_is_complete);
    RUN(conv_transpose_of_dz_is_conv_backward_da_prev);
    RUN(conv_transpose_rejects_each_bad_configuration_with_a_sentence);
    RUN(conv_transpose_rejects_every_null_pointer);
}
