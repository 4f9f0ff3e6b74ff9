/*
 * test_bad_input.c - every way to call the public API wrongly, and proof that a failing call
 * writes nothing.
 *
 * The contract (convstep.h): arguments are checked first; on any error a function returns a
 * status other than CS_OK and writes nothing to any output. So every output below is filled
 * with NaN (T_NAN_BITS) before the call and must still hold those bits after it, and a
 * stepper's *out must still hold the sentinel pointer. Validation, output shape, batch kernels
 * and stepper creation must all agree on the status; the sentence must name the numbers.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define BUF 4096 /* every buffer passed to a failing call: larger than any valid use below */

static char sentinel_object;
#define SENTINEL ((cs_stepper *)(void *)&sentinel_object)

static const char *status_name(cs_status s) {
    switch (s) {
        case CS_OK:
            return "CS_OK";
        case CS_ERR_NULL:
            return "CS_ERR_NULL";
        case CS_ERR_SHAPE:
            return "CS_ERR_SHAPE";
        case CS_ERR_PARAM:
            return "CS_ERR_PARAM";
        case CS_ERR_TOO_LARGE:
            return "CS_ERR_TOO_LARGE";
        case CS_ERR_NOMEM:
            return "CS_ERR_NOMEM";
    }
    return "(unknown)";
}

/* Buffers for every argument, NaN-filled. */
typedef struct {
    double *in1, *in2, *in3, *in4, *out1, *out2, *out3;
} bufs;

static void bufs_init(bufs *b) {
    b->in1 = t_alloc_nan(BUF);
    b->in2 = t_alloc_nan(BUF);
    b->in3 = t_alloc_nan(BUF);
    b->in4 = t_alloc_nan(BUF);
    b->out1 = t_alloc_nan(BUF);
    b->out2 = t_alloc_nan(BUF);
    b->out3 = t_alloc_nan(BUF);
}

static int bufs_untouched(const bufs *b) {
    return t_all_nan(b->in1, BUF) && t_all_nan(b->in2, BUF) && t_all_nan(b->in3, BUF) &&
           t_all_nan(b->in4, BUF) && t_all_nan(b->out1, BUF) && t_all_nan(b->out2, BUF) &&
           t_all_nan(b->out3, BUF);
}

static void bufs_free(bufs *b) {
    free(b->in1);
    free(b->in2);
    free(b->in3);
    free(b->in4);
    free(b->out1);
    free(b->out2);
    free(b->out3);
}

/* ---- convolution: one table, every entry point -------------------------------------------- */

enum { EITHER_SHAPE_OR_TOO_LARGE = -1 };

typedef struct {
    const char *what;
    cs_shape in;
    cs_conv_params p;
    int want;                /* a cs_status, or EITHER_SHAPE_OR_TOO_LARGE */
    const char *say1, *say2; /* substrings the sentence must contain (or NULL) */
} conv_bad;

static const conv_bad conv_cases[] = {
    /* dimensions < 1, each */
    {"m 0", {0, 5, 5, 3}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "0", NULL},
    {"m -3", {-3, 5, 5, 3}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "-3", NULL},
    {"n_H -4", {2, -4, 5, 3}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "-4", NULL},
    {"n_W 0", {2, 5, 0, 3}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "0", NULL},
    {"n_C_prev -6", {2, 5, 5, -6}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "-6", NULL},
    {"n_H INT_MIN", {2, INT_MIN, 5, 3}, {2, 4, 2, 1, 1}, CS_ERR_SHAPE, "-2147483648", NULL},
    /* hyper-parameters out of range, each */
    {"f 0", {2, 5, 5, 3}, {0, 4, 2, 1, 1}, CS_ERR_PARAM, "0", NULL},
    {"f -7", {2, 5, 5, 3}, {-7, 4, 2, 1, 1}, CS_ERR_PARAM, "-7", NULL},
    {"n_C 0", {2, 5, 5, 3}, {2, 0, 2, 1, 1}, CS_ERR_PARAM, "0", NULL},
    {"n_C -8", {2, 5, 5, 3}, {2, -8, 2, 1, 1}, CS_ERR_PARAM, "-8", NULL},
    {"stride 0", {2, 5, 5, 3}, {2, 4, 0, 1, 1}, CS_ERR_PARAM, "0", NULL},
    {"stride -9", {2, 5, 5, 3}, {2, 4, -9, 1, 1}, CS_ERR_PARAM, "-9", NULL},
    {"pad -1", {2, 5, 5, 3}, {2, 4, 2, -1, 1}, CS_ERR_PARAM, "-1", NULL},
    {"pad INT_MIN", {2, 5, 5, 3}, {2, 4, 2, INT_MIN, 1}, CS_ERR_PARAM, "-2147483648", NULL},
    {"dilation -1", {2, 5, 5, 3}, {2, 4, 2, 1, -1}, CS_ERR_PARAM, "-1", NULL},
    {"dilation INT_MIN", {2, 5, 5, 3}, {2, 4, 2, 1, INT_MIN}, CS_ERR_PARAM, "-2147483648", NULL},
    /* the window does not fit the padded input */
    {"f 6 on 5x5", {1, 5, 5, 1}, {6, 1, 1, 0, 1}, CS_ERR_SHAPE, "6×6", "5×5"},
    {"f 6 on 3x3 padded by 1 to 5x5", {1, 3, 3, 1}, {6, 1, 1, 1, 1}, CS_ERR_SHAPE, "6×6", "5×5"},
    {"f 3 on 2x7 (too short)", {1, 2, 7, 1}, {3, 1, 1, 0, 1}, CS_ERR_SHAPE, "3×3", "2×7"},
    {"f 3 on 7x2 (too narrow)", {1, 7, 2, 1}, {3, 1, 1, 0, 0}, CS_ERR_SHAPE, "3×3", "7×2"},
    {"f 3 dilation 3 spans 7 on 6x6", {1, 6, 6, 1}, {3, 1, 1, 0, 3}, CS_ERR_SHAPE, "7×7", "6×6"},
    {"dilation INT_MAX, f 2", {1, 5, 5, 1}, {2, 1, 1, 0, INT_MAX}, CS_ERR_SHAPE, "5×5", NULL},
    {"f INT_MAX", {1, 5, 5, 1}, {INT_MAX, 1, 1, 0, 1}, EITHER_SHAPE_OR_TOO_LARGE, NULL, NULL},
    /* overflow and the size limit */
    {"m INT_MAX", {INT_MAX, 1, 1, 1}, {1, 1, 1, 0, 1}, CS_ERR_TOO_LARGE, "2147483647", NULL},
    {"every dimension INT_MAX",
     {INT_MAX, INT_MAX, INT_MAX, INT_MAX},
     {1, 1, 1, 0, 1},
     CS_ERR_TOO_LARGE,
     "2147483647",
     NULL},
    {"pad INT_MAX", {1, 1, 1, 1}, {1, 1, 1, INT_MAX, 1}, CS_ERR_TOO_LARGE, NULL, NULL},
    {"n_C INT_MAX", {1, 1, 1, 1}, {1, INT_MAX, 1, 0, 1}, CS_ERR_TOO_LARGE, "2147483647", NULL},
    {"A_prev 2x2048x1025x1, just over 2^22",
     {2, 2048, 1025, 1},
     {1, 1, 1, 0, 1},
     CS_ERR_TOO_LARGE,
     "1025",
     NULL},
    {"padded input 2050x2050, just over",
     {1, 2048, 2048, 1},
     {3, 1, 1, 1, 1},
     CS_ERR_TOO_LARGE,
     "2050",
     NULL},
    {"W 2x2x65536x17, just over",
     {1, 2, 2, 65536},
     {2, 17, 1, 0, 1},
     CS_ERR_TOO_LARGE,
     "65536",
     NULL},
    {"Z 1x1449x1449x2 over, all else under",
     {1, 1449, 1449, 1},
     {1, 2, 1, 0, 1},
     CS_ERR_TOO_LARGE,
     "1449",
     NULL},
    {"n_C 2^22 + 1", {1, 1, 1, 1}, {1, 4194305, 1, 0, 1}, CS_ERR_TOO_LARGE, "4194305", NULL},
    /* valid edges: at the limit, and extreme but harmless values */
    {"A_prev 1x2048x2048x1, exactly 2^22", {1, 2048, 2048, 1}, {1, 1, 1, 0, 1}, CS_OK, "ok", NULL},
    {"A_prev 2x2048x1024x1, exactly 2^22", {2, 2048, 1024, 1}, {1, 1, 1, 0, 1}, CS_OK, "ok", NULL},
    {"padded input 2048x2048 from 2046 + 2",
     {1, 2046, 2046, 1},
     {3, 1, 1, 1, 1},
     CS_OK,
     "ok",
     NULL},
    {"W 2x2x65536x16, exactly 2^22", {1, 2, 2, 65536}, {2, 16, 1, 0, 1}, CS_OK, "ok", NULL},
    {"Z 1x1448x1448x2, under", {1, 1448, 1448, 1}, {1, 2, 1, 0, 1}, CS_OK, "ok", NULL},
    {"n_C 2^22 (W and Z exactly at the limit)",
     {1, 1, 1, 1},
     {1, 4194304, 1, 0, 1},
     CS_OK,
     "ok",
     NULL},
    {"stride INT_MAX", {2, 5, 5, 3}, {2, 4, INT_MAX, 1, 1}, CS_OK, "ok", NULL},
    {"window exactly the padded input", {1, 3, 3, 1}, {5, 1, 1, 1, 1}, CS_OK, "ok", NULL},
    {"dilation 3 spans exactly 7x7", {1, 7, 7, 1}, {3, 1, 1, 0, 3}, CS_OK, "ok", NULL},
};

static int status_ok_for(int want, cs_status got) {
    if (want == EITHER_SHAPE_OR_TOO_LARGE) return got == CS_ERR_SHAPE || got == CS_ERR_TOO_LARGE;
    return (int)got == want;
}

static const char *want_name(int want) {
    return want == EITHER_SHAPE_OR_TOO_LARGE ? "CS_ERR_SHAPE or CS_ERR_TOO_LARGE"
                                             : status_name((cs_status)want);
}

static void every_conv_entry_point_rejects_each_bad_configuration(void) {
    bufs b;
    bufs_init(&b);
    for (size_t k = 0; k < sizeof conv_cases / sizeof conv_cases[0]; k++) {
        const conv_bad *e = &conv_cases[k];
        char msg[256];
        memset(msg, 0x5A, sizeof msg);
        const cs_status v = cs_conv_validate(e->in, e->p, msg, sizeof msg);
        CHECK(status_ok_for(e->want, v), "%s: cs_conv_validate returned %s, expected %s", e->what,
              status_name(v), want_name(e->want));
        const int terminated = memchr(msg, '\0', sizeof msg) != NULL;
        CHECK(terminated && msg[0] != '\0', "%s: the sentence is empty or not NUL-terminated",
              e->what);
        if (terminated) {
            CHECK(!e->say1 || strstr(msg, e->say1),
                  "%s: the sentence \"%s\" does not mention \"%s\"", e->what, msg, e->say1);
            CHECK(!e->say2 || strstr(msg, e->say2),
                  "%s: the sentence \"%s\" does not mention \"%s\"", e->what, msg, e->say2);
        }
        CHECK(cs_conv_validate(e->in, e->p, NULL, 0) == v,
              "%s: validate without a buffer gives another status", e->what);

        cs_shape out = {-77, -77, -77, -77};
        const cs_status o = cs_conv_output_shape(e->in, e->p, &out);
        CHECK(o == v, "%s: cs_conv_output_shape returned %s, cs_conv_validate %s", e->what,
              status_name(o), status_name(v));
        if (e->want == CS_OK) {
            const cs_shape want = ref_conv_shape(e->in, e->p);
            CHECK(o == CS_OK && t_shape_eq(out, want),
                  "%s: output shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)", e->what, out.m, out.n_H,
                  out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C);
            continue; /* valid: the big ones are not run (no 32 MiB allocations needed) */
        }
        CHECK(out.m == -77 && out.n_H == -77 && out.n_W == -77 && out.n_C == -77,
              "%s: cs_conv_output_shape wrote *out on failure", e->what);
        if (v == CS_OK) continue; /* validation wrongly accepted: running a kernel could overrun */

        cs_status s = cs_conv_forward(b.in1, e->in, b.in2, b.in3, e->p, b.out1);
        CHECK(s == v, "%s: cs_conv_forward returned %s, validate %s", e->what, status_name(s),
              status_name(v));
        CHECK(bufs_untouched(&b), "%s: the failing cs_conv_forward wrote to a buffer", e->what);
        s = cs_conv_backward(b.in4, b.in1, e->in, b.in2, e->p, b.out1, b.out2, b.out3);
        CHECK(s == v, "%s: cs_conv_backward returned %s, validate %s", e->what, status_name(s),
              status_name(v));
        CHECK(bufs_untouched(&b), "%s: the failing cs_conv_backward wrote to a buffer", e->what);

        cs_stepper *st = SENTINEL;
        s = cs_stepper_create_conv_forward(b.in1, e->in, b.in2, b.in3, e->p, &st);
        CHECK(s == v && st == SENTINEL,
              "%s: cs_stepper_create_conv_forward returned %s (validate %s), *out %s", e->what,
              status_name(s), status_name(v), st == SENTINEL ? "untouched" : "changed");
        st = SENTINEL;
        s = cs_stepper_create_conv_backward(b.in4, b.in1, e->in, b.in2, e->p, &st);
        CHECK(s == v && st == SENTINEL,
              "%s: cs_stepper_create_conv_backward returned %s (validate %s), *out %s", e->what,
              status_name(s), status_name(v), st == SENTINEL ? "untouched" : "changed");
        CHECK(bufs_untouched(&b), "%s: a failing stepper create wrote to a buffer", e->what);
    }
    bufs_free(&b);
}

/* ---- pooling -------------------------------------------------------------------------------- */

typedef struct {
    const char *what;
    cs_shape in;
    cs_pool_params p;
    cs_status want;
    const char *say1, *say2;
} pool_bad;

static const pool_bad pool_cases[] = {
    {"m 0", {0, 5, 5, 3}, {2, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_SHAPE, "0", NULL},
    {"n_H -4", {2, -4, 5, 3}, {2, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_SHAPE, "-4", NULL},
    {"n_W -5", {2, 5, -5, 3}, {2, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_SHAPE, "-5", NULL},
    {"n_C 0", {2, 5, 5, 0}, {2, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_SHAPE, "0", NULL},
    {"f 0", {2, 5, 5, 3}, {0, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_PARAM, "0", NULL},
    {"f -7", {2, 5, 5, 3}, {-7, 2, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_PARAM, "-7", NULL},
    {"stride 0", {2, 5, 5, 3}, {2, 0, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_PARAM, "0", NULL},
    {"stride -9", {2, 5, 5, 3}, {2, -9, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_PARAM, "-9", NULL},
    {"mode 7", {2, 5, 5, 3}, {2, 2, (cs_pool_mode)7, CS_TIES_ALL}, CS_ERR_PARAM, "7", NULL},
    {"mode -1", {2, 5, 5, 3}, {2, 2, (cs_pool_mode)-1, CS_TIES_ALL}, CS_ERR_PARAM, "-1", NULL},
    {"ties 9 (max)", {2, 5, 5, 3}, {2, 2, CS_POOL_MAX, (cs_pool_ties)9}, CS_ERR_PARAM, "9", NULL},
    {"ties -2 (average)",
     {2, 5, 5, 3},
     {2, 2, CS_POOL_AVERAGE, (cs_pool_ties)-2},
     CS_ERR_PARAM,
     "-2",
     NULL},
    {"f 6 on 5x5", {1, 5, 5, 1}, {6, 1, CS_POOL_MAX, CS_TIES_ALL}, CS_ERR_SHAPE, "6×6", "5×5"},
    {"f 3 on 2x7", {1, 2, 7, 1}, {3, 1, CS_POOL_AVERAGE, CS_TIES_ALL}, CS_ERR_SHAPE, "3×3", "2×7"},
    {"f 3 on 7x2", {1, 7, 2, 1}, {3, 1, CS_POOL_MAX, CS_TIES_FIRST}, CS_ERR_SHAPE, "3×3", "7×2"},
    {"f INT_MAX",
     {1, 5, 5, 1},
     {INT_MAX, 1, CS_POOL_MAX, CS_TIES_ALL},
     CS_ERR_SHAPE,
     "2147483647",
     NULL},
    {"m INT_MAX",
     {INT_MAX, 1, 1, 1},
     {1, 1, CS_POOL_MAX, CS_TIES_ALL},
     CS_ERR_TOO_LARGE,
     "2147483647",
     NULL},
    {"every dimension INT_MAX",
     {INT_MAX, INT_MAX, INT_MAX, INT_MAX},
     {1, 1, CS_POOL_MAX, CS_TIES_ALL},
     CS_ERR_TOO_LARGE,
     "2147483647",
     NULL},
    {"A_prev 1x2048x2049x1, just over",
     {1, 2048, 2049, 1},
     {2, 2, CS_POOL_MAX, CS_TIES_ALL},
     CS_ERR_TOO_LARGE,
     "2049",
     NULL},
    {"A_prev 1x2048x2048x1, exactly 2^22",
     {1, 2048, 2048, 1},
     {2, 2, CS_POOL_MAX, CS_TIES_ALL},
     CS_OK,
     "ok",
     NULL},
    {"stride INT_MAX",
     {2, 5, 5, 3},
     {2, INT_MAX, CS_POOL_AVERAGE, CS_TIES_FIRST},
     CS_OK,
     "ok",
     NULL},
    {"window exactly the input", {1, 4, 4, 1}, {4, 1, CS_POOL_MAX, CS_TIES_ALL}, CS_OK, "ok", NULL},
};

static void every_pool_entry_point_rejects_each_bad_configuration(void) {
    bufs b;
    bufs_init(&b);
    for (size_t k = 0; k < sizeof pool_cases / sizeof pool_cases[0]; k++) {
        const pool_bad *e = &pool_cases[k];
        char msg[256];
        memset(msg, 0x5A, sizeof msg);
        const cs_status v = cs_pool_validate(e->in, e->p, msg, sizeof msg);
        CHECK(v == e->want, "%s: cs_pool_validate returned %s, expected %s", e->what,
              status_name(v), status_name(e->want));
        const int terminated = memchr(msg, '\0', sizeof msg) != NULL;
        CHECK(terminated && msg[0] != '\0', "%s: the sentence is empty or not NUL-terminated",
              e->what);
        if (terminated) {
            CHECK(!e->say1 || strstr(msg, e->say1),
                  "%s: the sentence \"%s\" does not mention \"%s\"", e->what, msg, e->say1);
            CHECK(!e->say2 || strstr(msg, e->say2),
                  "%s: the sentence \"%s\" does not mention \"%s\"", e->what, msg, e->say2);
        }
        CHECK(cs_pool_validate(e->in, e->p, NULL, 0) == v,
              "%s: validate without a buffer gives another status", e->what);

        cs_shape out = {-77, -77, -77, -77};
        const cs_status o = cs_pool_output_shape(e->in, e->p, &out);
        CHECK(o == v, "%s: cs_pool_output_shape returned %s, cs_pool_validate %s", e->what,
              status_name(o), status_name(v));
        if (e->want == CS_OK) {
            const cs_shape want = ref_pool_shape(e->in, e->p);
            CHECK(o == CS_OK && t_shape_eq(out, want),
                  "%s: output shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)", e->what, out.m, out.n_H,
                  out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C);
            continue;
        }
        CHECK(out.m == -77 && out.n_H == -77 && out.n_W == -77 && out.n_C == -77,
              "%s: cs_pool_output_shape wrote *out on failure", e->what);
        if (v == CS_OK) continue;

        cs_status s = cs_pool_forward(b.in1, e->in, e->p, b.out1);
        CHECK(s == v, "%s: cs_pool_forward returned %s, validate %s", e->what, status_name(s),
              status_name(v));
        CHECK(bufs_untouched(&b), "%s: the failing cs_pool_forward wrote to a buffer", e->what);
        s = cs_pool_backward(b.in2, b.in1, e->in, e->p, b.out2);
        CHECK(s == v, "%s: cs_pool_backward returned %s, validate %s", e->what, status_name(s),
              status_name(v));
        CHECK(bufs_untouched(&b), "%s: the failing cs_pool_backward wrote to a buffer", e->what);
        cs_stepper *st = SENTINEL;
        s = cs_stepper_create_pool_forward(b.in1, e->in, e->p, &st);
        CHECK(s == v && st == SENTINEL,
              "%s: cs_stepper_create_pool_forward returned %s (validate %s), *out %s", e->what,
              status_name(s), status_name(v), st == SENTINEL ? "untouched" : "changed");
        st = SENTINEL;
        s = cs_stepper_create_pool_backward(b.in2, b.in1, e->in, e->p, &st);
        CHECK(s == v && st == SENTINEL,
              "%s: cs_stepper_create_pool_backward returned %s (validate %s), *out %s", e->what,
              status_name(s), status_name(v), st == SENTINEL ? "untouched" : "changed");
        CHECK(bufs_untouched(&b), "%s: a failing stepper create wrote to a buffer", e->what);
    }
    bufs_free(&b);
}

/* ---- zero_pad --------------------------------------------------------------------------------- */

static void zero_pad_rejects_bad_shapes_pads_and_sizes(void) {
    bufs b;
    bufs_init(&b);
    const struct {
        const char *what;
        cs_shape in;
        int pad;
        cs_status want;
    } cases[] = {
        {"m 0", {0, 2, 2, 1}, 1, CS_ERR_SHAPE},
        {"n_H -1", {1, -1, 2, 1}, 1, CS_ERR_SHAPE},
        {"n_W 0", {1, 2, 0, 1}, 1, CS_ERR_SHAPE},
        {"n_C -2", {1, 2, 2, -2}, 1, CS_ERR_SHAPE},
        {"pad -1", {1, 2, 2, 1}, -1, CS_ERR_PARAM},
        {"pad INT_MIN", {1, 2, 2, 1}, INT_MIN, CS_ERR_PARAM},
        {"pad INT_MAX", {1, 2, 2, 1}, INT_MAX, CS_ERR_TOO_LARGE},
        {"m INT_MAX", {INT_MAX, 1, 1, 1}, 0, CS_ERR_TOO_LARGE},
        {"every dimension INT_MAX", {INT_MAX, INT_MAX, INT_MAX, INT_MAX}, 1, CS_ERR_TOO_LARGE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const cs_status s = cs_zero_pad(b.in1, cases[k].in, cases[k].pad, b.out1);
        CHECK(s == cases[k].want, "zero_pad %s: returned %s, expected %s", cases[k].what,
              status_name(s), status_name(cases[k].want));
        CHECK(bufs_untouched(&b), "zero_pad %s: wrote to a buffer", cases[k].what);
    }
    CHECK(cs_zero_pad(NULL, (cs_shape){1, 2, 2, 1}, 1, b.out1) == CS_ERR_NULL,
          "zero_pad X NULL: not CS_ERR_NULL");
    CHECK(cs_zero_pad(b.in1, (cs_shape){1, 2, 2, 1}, 1, NULL) == CS_ERR_NULL,
          "zero_pad X_pad NULL: not CS_ERR_NULL");
    CHECK(bufs_untouched(&b), "zero_pad with a NULL argument wrote to a buffer");
    bufs_free(&b);

    /* At and just over the limit with real buffers, so that a wrong answer cannot overrun:
     * 2046 + 2*1 = 2048, 2048² = 2^22 elements: ok.  2047 + 2 = 2049: 2049² > 2^22. */
    const size_t big = (size_t)2049 * 2049;
    double *X = malloc((size_t)2047 * 2047 * sizeof *X), *P = t_alloc_nan(big);
    if (X == NULL) abort();
    for (size_t k = 0; k < (size_t)2047 * 2047; k++) X[k] = 1.0;
    cs_status s = cs_zero_pad(X, (cs_shape){1, 2046, 2046, 1}, 1, P);
    CHECK(s == CS_OK, "zero_pad to exactly 2^22 elements returned %s", status_name(s));
    CHECK(s != CS_OK || (P[0] == 0.0 && P[2049] == 1.0 && P[(size_t)2048 * 2048 - 1] == 0.0 &&
                         t_all_nan(P + (size_t)2048 * 2048, big - (size_t)2048 * 2048)),
          "zero_pad to exactly 2^22 elements: wrong contents or wrote past the padded size");
    t_fill_nan(P, big);
    s = cs_zero_pad(X, (cs_shape){1, 2047, 2047, 1}, 1, P);
    CHECK(s == CS_ERR_TOO_LARGE, "zero_pad to 2049x2049 returned %s, expected CS_ERR_TOO_LARGE",
          status_name(s));
    CHECK(t_all_nan(P, big), "zero_pad to 2049x2049 wrote to its output");
    free(X);
    free(P);
}

/* ---- NULL pointers, each argument of each function -------------------------------------------- */

static void every_null_pointer_argument_is_rejected(void) {
    bufs b;
    bufs_init(&b);
    const cs_shape in = {2, 5, 5, 3};
    const cs_conv_params cp = {.f = 2, .n_C = 4, .stride = 2, .pad = 1};
    const cs_pool_params pp = {.f = 2, .stride = 2};
    double *A = b.in1, *W = b.in2, *bias = b.in3, *dZ = b.in4;
    double *o1 = b.out1, *o2 = b.out2, *o3 = b.out3;
    static const char *const what[] = {
        "cs_conv_output_shape(out NULL)", "cs_pool_output_shape(out NULL)",
        "cs_conv_forward(A_prev NULL)",   "cs_conv_forward(W NULL)",
        "cs_conv_forward(b NULL)",        "cs_conv_forward(Z NULL)",
        "cs_conv_backward(dZ NULL)",      "cs_conv_backward(A_prev NULL)",
        "cs_conv_backward(W NULL)",       "cs_conv_backward(dA_prev NULL)",
        "cs_conv_backward(dW NULL)",      "cs_conv_backward(db NULL)",
        "cs_pool_forward(A_prev NULL)",   "cs_pool_forward(A NULL)",
        "cs_pool_backward(dA NULL)",      "cs_pool_backward(A_prev NULL)",
        "cs_pool_backward(dA_prev NULL)",
    };
    for (int k = 0; k < (int)(sizeof what / sizeof what[0]); k++) {
        cs_status got = CS_OK;
        switch (k) {
            case 0:
                got = cs_conv_output_shape(in, cp, NULL);
                break;
            case 1:
                got = cs_pool_output_shape(in, pp, NULL);
                break;
            case 2:
                got = cs_conv_forward(NULL, in, W, bias, cp, o1);
                break;
            case 3:
                got = cs_conv_forward(A, in, NULL, bias, cp, o1);
                break;
            case 4:
                got = cs_conv_forward(A, in, W, NULL, cp, o1);
                break;
            case 5:
                got = cs_conv_forward(A, in, W, bias, cp, NULL);
                break;
            case 6:
                got = cs_conv_backward(NULL, A, in, W, cp, o1, o2, o3);
                break;
            case 7:
                got = cs_conv_backward(dZ, NULL, in, W, cp, o1, o2, o3);
                break;
            case 8:
                got = cs_conv_backward(dZ, A, in, NULL, cp, o1, o2, o3);
                break;
            case 9:
                got = cs_conv_backward(dZ, A, in, W, cp, NULL, o2, o3);
                break;
            case 10:
                got = cs_conv_backward(dZ, A, in, W, cp, o1, NULL, o3);
                break;
            case 11:
                got = cs_conv_backward(dZ, A, in, W, cp, o1, o2, NULL);
                break;
            case 12:
                got = cs_pool_forward(NULL, in, pp, o1);
                break;
            case 13:
                got = cs_pool_forward(A, in, pp, NULL);
                break;
            case 14:
                got = cs_pool_backward(NULL, A, in, pp, o1);
                break;
            case 15:
                got = cs_pool_backward(dZ, NULL, in, pp, o1);
                break;
            case 16:
                got = cs_pool_backward(dZ, A, in, pp, NULL);
                break;
        }
        CHECK(got == CS_ERR_NULL, "%s returned %s, expected CS_ERR_NULL", what[k],
              status_name(got));
        CHECK(bufs_untouched(&b), "%s wrote to a buffer", what[k]);
    }

    /* Stepper creation: each pointer, including out; *out untouched. */
    struct {
        const char *what;
        int which;
    } sc[] = {
        {"conv forward A_prev", 0}, {"conv forward W", 1},    {"conv forward b", 2},
        {"conv forward out", 3},    {"conv backward dZ", 4},  {"conv backward A_prev", 5},
        {"conv backward W", 6},     {"conv backward out", 7}, {"pool forward A_prev", 8},
        {"pool forward out", 9},    {"pool backward dA", 10}, {"pool backward A_prev", 11},
        {"pool backward out", 12},
    };
    for (size_t k = 0; k < sizeof sc / sizeof sc[0]; k++) {
        cs_stepper *st = SENTINEL;
        cs_status s = CS_OK;
        switch (sc[k].which) {
            case 0:
                s = cs_stepper_create_conv_forward(NULL, in, W, bias, cp, &st);
                break;
            case 1:
                s = cs_stepper_create_conv_forward(A, in, NULL, bias, cp, &st);
                break;
            case 2:
                s = cs_stepper_create_conv_forward(A, in, W, NULL, cp, &st);
                break;
            case 3:
                s = cs_stepper_create_conv_forward(A, in, W, bias, cp, NULL);
                break;
            case 4:
                s = cs_stepper_create_conv_backward(NULL, A, in, W, cp, &st);
                break;
            case 5:
                s = cs_stepper_create_conv_backward(dZ, NULL, in, W, cp, &st);
                break;
            case 6:
                s = cs_stepper_create_conv_backward(dZ, A, in, NULL, cp, &st);
                break;
            case 7:
                s = cs_stepper_create_conv_backward(dZ, A, in, W, cp, NULL);
                break;
            case 8:
                s = cs_stepper_create_pool_forward(NULL, in, pp, &st);
                break;
            case 9:
                s = cs_stepper_create_pool_forward(A, in, pp, NULL);
                break;
            case 10:
                s = cs_stepper_create_pool_backward(NULL, A, in, pp, &st);
                break;
            case 11:
                s = cs_stepper_create_pool_backward(dZ, NULL, in, pp, &st);
                break;
            case 12:
                s = cs_stepper_create_pool_backward(dZ, A, in, pp, NULL);
                break;
        }
        CHECK(s == CS_ERR_NULL && st == SENTINEL, "stepper create, %s NULL: returned %s, *out %s",
              sc[k].what, status_name(s), st == SENTINEL ? "untouched" : "changed");
        CHECK(bufs_untouched(&b), "stepper create, %s NULL: wrote to a buffer", sc[k].what);
    }
    bufs_free(&b);
}

static void functions_without_a_status_ignore_bad_arguments(void) {
    /* Not in convstep.h's list of statuses, but the branches exist: a NULL pointer or f < 1
     * makes create_mask_from_window return 0 and distribute_value write nothing; the stepper's
     * accessors and reset accept NULL. */
    unsigned char mask[16];
    memset(mask, 0xAA, sizeof mask);
    const double x[4] = {1, 2, 3, 4};
    CHECK(cs_create_mask_from_window(NULL, 2, 2, 1, CS_TIES_ALL, mask) == 0,
          "mask with x NULL did not return 0");
    CHECK(cs_create_mask_from_window(x, 2, 2, 1, CS_TIES_ALL, NULL) == 0,
          "mask with mask NULL did not return 0");
    CHECK(cs_create_mask_from_window(x, 0, 2, 1, CS_TIES_ALL, mask) == 0,
          "mask with f 0 did not return 0");
    CHECK(cs_create_mask_from_window(x, -3, 2, 1, CS_TIES_FIRST, mask) == 0,
          "mask with f -3 did not return 0");
    int untouched = 1;
    for (size_t k = 0; k < sizeof mask; k++) untouched &= mask[k] == 0xAA;
    CHECK(untouched, "create_mask_from_window with a bad argument wrote to the mask");
    double a[4];
    t_fill_nan(a, 4);
    cs_distribute_value(1.0, 0, a);
    cs_distribute_value(1.0, -2, a);
    cs_distribute_value(1.0, 2, NULL);
    CHECK(t_all_nan(a, 4), "distribute_value with f < 1 wrote to its output");

    cs_stepper_reset(NULL);
    CHECK(cs_stepper_window(NULL) == NULL, "cs_stepper_window(NULL) is not NULL");
    CHECK(cs_stepper_mask(NULL) == NULL, "cs_stepper_mask(NULL) is not NULL");
    CHECK(cs_stepper_total(NULL) == 0, "cs_stepper_total(NULL) is not 0");
    CHECK(cs_stepper_position(NULL) == 0, "cs_stepper_position(NULL) is not 0");
    cs_shape sh = {-77, -77, -77, -77};
    CHECK(cs_stepper_tensor(NULL, CS_T_A_PREV_PAD, &sh) == NULL,
          "cs_stepper_tensor(NULL, ...) is not NULL");
    CHECK(cs_stepper_next(NULL) == 0, "cs_stepper_next(NULL) is not 0");
    cs_stepper_destroy(NULL);
}

/* ---- sentences -------------------------------------------------------------------------------- */

static void every_status_has_its_own_message(void) {
    const cs_status all[] = {CS_OK,        CS_ERR_NULL,      CS_ERR_SHAPE,
                             CS_ERR_PARAM, CS_ERR_TOO_LARGE, CS_ERR_NOMEM};
    const size_t n = sizeof all / sizeof all[0];
    for (size_t j = 0; j < n; j++) {
        const char *m = cs_status_message(all[j]);
        CHECK(m != NULL && m[0] != '\0', "cs_status_message(%s) is empty", status_name(all[j]));
        for (size_t k = 0; k < j; k++) {
            const char *o = cs_status_message(all[k]);
            CHECK(m == NULL || o == NULL || strcmp(m, o) != 0, "%s and %s share the message \"%s\"",
                  status_name(all[j]), status_name(all[k]), m ? m : "");
        }
    }
    /* The codes themselves are distinct too (NNPACK once had two codes with one value). */
    int distinct = 1;
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k < j; k++) distinct &= all[j] != all[k];
    CHECK(distinct, "two status codes share a value");
    const char *u = cs_status_message((cs_status)99);
    CHECK(u != NULL && u[0] != '\0', "cs_status_message of an unknown code is NULL or empty");
    const char *neg = cs_status_message((cs_status)-1);
    CHECK(neg != NULL && neg[0] != '\0', "cs_status_message(-1) is NULL or empty");
}

/* 1 when s is valid UTF-8 (no cut multi-byte sequence). */
static int valid_utf8(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0) return 0;
        p++;
        for (int k = 0; k < n; k++, p++)
            if ((*p & 0xC0) != 0x80) return 0;
    }
    return 1;
}

static void validation_sentences_truncate_to_the_buffer(void) {
    /* "filter 6×6 does not fit the padded input 5×5": the × is two bytes in UTF-8. */
    const cs_shape in = {1, 5, 5, 1};
    const cs_conv_params p = {.f = 6, .n_C = 1, .stride = 1};
    char full[256];
    cs_conv_validate(in, p, full, sizeof full);
    const size_t len = strlen(full);
    int prefix_ok = 1, bounded_ok = 1, utf8_ok = 1, zero_cap_ok = 1;
    size_t bad_utf8_cap = 0;
    for (size_t cap = 0; cap <= len + 1; cap++) {
        char buf[256];
        memset(buf, 0x5A, sizeof buf);
        const cs_status s = cs_conv_validate(in, p, buf, cap);
        if (s != CS_ERR_SHAPE) prefix_ok = 0;
        if (cap == 0) {
            for (size_t k = 0; k < sizeof buf; k++) zero_cap_ok &= buf[k] == 0x5A;
            continue;
        }
        const char *nul = memchr(buf, '\0', cap);
        if (nul == NULL) {
            bounded_ok = 0;
            continue;
        }
        for (size_t k = cap; k < sizeof buf; k++) bounded_ok &= buf[k] == 0x5A;
        if (strncmp(buf, full, strlen(buf)) != 0) prefix_ok = 0;
        if (!valid_utf8(buf) && utf8_ok) {
            utf8_ok = 0;
            bad_utf8_cap = cap;
        }
    }
    CHECK(zero_cap_ok, "msg_cap 0 wrote to the buffer");
    CHECK(bounded_ok, "a truncated sentence was not NUL-terminated within msg_cap bytes, or bytes "
                      "past it were written");
    CHECK(
        prefix_ok,
        "a truncated sentence is not a prefix of the full one, or the status changed with msg_cap");
    CHECK(utf8_ok, "msg_cap %zu cuts the sentence \"%s\" inside a multi-byte character: not UTF-8",
          bad_utf8_cap, full);
    char ok[8];
    CHECK(cs_conv_validate((cs_shape){1, 5, 5, 1}, (cs_conv_params){.f = 2, .n_C = 1, .stride = 1},
                           ok, sizeof ok) == CS_OK &&
              strcmp(ok, "ok") == 0,
          "a valid configuration's sentence is \"%s\", expected \"ok\"", ok);
    CHECK(cs_pool_validate((cs_shape){1, 5, 5, 1}, (cs_pool_params){.f = 2, .stride = 1}, ok,
                           sizeof ok) == CS_OK &&
              strcmp(ok, "ok") == 0,
          "a valid pooling configuration's sentence is \"%s\", expected \"ok\"", ok);
}

void run_bad_input_tests(void) {
    RUN(every_conv_entry_point_rejects_each_bad_configuration);
    RUN(every_pool_entry_point_rejects_each_bad_configuration);
    RUN(zero_pad_rejects_bad_shapes_pads_and_sizes);
    RUN(every_null_pointer_argument_is_rejected);
    RUN(functions_without_a_status_ignore_bad_arguments);
    RUN(every_status_has_its_own_message);
    RUN(validation_sentences_truncate_to_the_buffer);
}
