/*
 * fuzz_api.c - a libFuzzer harness for the whole public API of convstep (c/include/convstep.h).
 *
 * Build and run with `bash c/fuzz/run.sh [seconds]` (see c/fuzz/README.md), which compiles
 * this file with the library's sources under clang's -fsanitize=fuzzer,address,undefined into
 * build/fuzz_api. `./build/fuzz_api FILE...` replays inputs.
 *
 * The first byte of an input picks what it exercises; the rest is decoded as it is needed:
 *   0 conv forward   1 conv backward   2 pool forward   3 pool backward
 *   4 conv transpose                                                   (batch + stepper)
 *   5 zero_pad       6 conv_single_step   7 create_mask_from_window   8 distribute_value
 *   9 the random generator and cs_status_message
 * (the ops are 0 .. CS_OP_COUNT-1, the small functions follow).
 * Dimensions and hyper-parameters come from one byte each: mostly a small range (dims 1..9),
 * and for bytes 240..255 an extreme value (0, negatives, INT_MIN/MAX, values around the
 * CS_MAX_ELEMENTS limit). Pool modes and ties are mostly 0/1, sometimes invalid. Tensor
 * values are small integers (many ties), fractions, specials (NaN, inf, -0, denormals,
 * DBL_MAX) or raw IEEE bits; once the input is used up they are small numbers from a
 * generator seeded by the input.
 *
 * Every buffer the harness hands to the library is malloc'ed to exactly the size its shape
 * describes, so AddressSanitizer reports any access outside it. Configurations that are valid
 * but whose tensors or work would be big are only validated (and called with NULL pointers),
 * never run; costly ones within the limits run for one input in N (see SMALL_COST), with
 * fewer checks per stepper command. Invariants are checked with CHECK(), which prints the case and aborts, so that
 * libFuzzer reports the input as a crash:
 *   - statuses are in range; they agree with an independent model of the documented checks
 *     (CS_OK exactly when the model says valid; an error status among the ones that apply);
 *     every kernel returns what cs_*_validate returns for the same configuration; a NULL
 *     required pointer on an otherwise valid configuration gives CS_ERR_NULL;
 *   - a failing call writes nothing: its NaN-filled outputs (and *out, *shape) keep their
 *     bytes; a successful call overwrites every output element;
 *   - validate's message: NUL-terminated within msg_cap, non-empty when msg_cap >= 2, valid
 *     UTF-8, a prefix of the full message, the full message fits in 256 bytes, "ok" on CS_OK,
 *     nothing written when msg_cap is 0;
 *   - output shapes follow the documented formulas;
 *   - batch kernels agree with a naive reference written from the header's loop order:
 *     bitwise for the forward ops, within 1e-9 * (1 + sum of magnitudes) for the backward ops
 *     (finite inputs);
 *   - a stepper run to the end equals the batch kernel (same comparisons); its position,
 *     total and window record are consistent after every call (step == position, the
 *     (i, c, h, w) of step-1 in the documented loop order, window bounds, value, amount, the
 *     mask and mask_count); next returns 0 at the end and changes nothing; seek(k) for a
 *     valid k lands on k with the same state, bit for bit (any two NaNs taken as equal), as
 *     k calls of next on a fresh stepper; an invalid k gives CS_ERR_PARAM and changes
 *     nothing; reset zeroes outputs;
 *     cs_stepper_tensor returns the documented tensors with their shapes (NULL for the
 *     others and for invalid ids, *shape untouched); changing A_prev after creation has no
 *     effect; changing W, b, dZ or dA followed by reset gives the new inputs' results;
 *   - the small functions: zero_pad copies bitwise and pads with +0.0; conv_single_step is
 *     the sum in index order plus b; create_mask_from_window's count, 0/1 mask and the
 *     reference mask; distribute_value's equal shares; NULL or f < 1 writes nothing; the
 *     generator against known numpy values and against itself (fill(n) == n draws);
 *     cs_status_message is non-empty UTF-8 for every code, also unknown ones;
 *   - no function crashes on a NULL pointer; those without a status return 0, 0.0 or NULL.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convstep.h"

/* Kernels and steppers run only when every tensor has at most LIMIT_ELEMS elements and one
 * pass over the outputs costs at most LIMIT_WORK multiply-adds. */
#define LIMIT_ELEMS (1L << 17)
#define LIMIT_WORK  (1L << 20)
/* A case whose cost (case_cost: multiply-adds of a pass plus SMALL_PER_ELEM per element) is at
 * most SMALL_COST is small: it always runs and gets every check after every stepper command.
 * A bigger one (an extreme dimension such as 2046 makes one) runs for one input in N, N the
 * power of two at or above cost / SMALL_COST, picked by a hash of the whole input (runs_big);
 * otherwise it is only validated and called with failing arguments. When it runs it gets the
 * same checks at the start and the end, but only BIG_CMDS commands, one replay, and after each
 * command only the output cells between the old and the new position. So a big shape costs
 * about what a small one costs per input, and the limits still see full-size runs. */
#define SMALL_COST     (1L << 13)
#define SMALL_PER_ELEM 16
#define MAX_CMDS       32
#define BIG_CMDS       8
#define MAX_REPLAYS    3

/* The checks and the references carry no coverage instrumentation: their loops and
 * comparisons would dominate the run time and tell libFuzzer nothing about the library.
 * (noinline: inlined into an instrumented caller, they would be instrumented after all.) */
#if defined(__clang__)
#define NOCOV __attribute__((no_sanitize("coverage"), noinline))
#else
#define NOCOV
#endif

/* ---- failure reporting ---------------------------------------------------------------------- */

static char g_case[512]; /* a description of the case being run, printed on failure */

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) fail(__LINE__, #cond);                                                        \
    } while (0)

static void fail(int line, const char *what) {
    fprintf(stderr, "\nfuzz_api.c:%d: invariant violated: %s\n  case: %s\n", line, what, g_case);
    abort();
}

/* A hash of the whole input (set by LLVMFuzzerTestOneInput): picks the big cases that run. */
static uint64_t g_input_hash;

static long long case_cost(long long work, long long elems) {
    return work + SMALL_PER_ELEM * elems;
}

/* Whether a case of this cost runs its kernels and stepper (see SMALL_COST). */
static int runs_big(long long cost) {
    uint64_t every = 1;
    while ((long long)every * SMALL_COST < cost) every <<= 1;
    return g_input_hash % every == 0;
}

/* ---- reading the input ---------------------------------------------------------------------- */

typedef struct {
    const uint8_t *p;
    size_t n;
    uint64_t rng; /* xorshift64 state for values once the input is used up */
} reader;

static uint8_t rd_u8(reader *r) {
    if (r->n == 0) return 0;
    r->n--;
    return *r->p++;
}

static uint64_t rd_bits(reader *r, int bytes) {
    uint64_t v = 0;
    for (int k = 0; k < bytes; k++) v |= (uint64_t)rd_u8(r) << (8 * k);
    return v;
}

NOCOV static uint64_t next_rng(reader *r) {
    r->rng ^= r->rng << 13;
    r->rng ^= r->rng >> 7;
    r->rng ^= r->rng << 17;
    return r->rng;
}

static const int64_t k_extremes[16] = {
    0,    -1,    -3,    INT_MIN,  INT_MAX,         INT_MAX - 1,         2046, 2047, 2048, 2049,
    4096, 46341, 65536, 1L << 21, CS_MAX_ELEMENTS, CS_MAX_ELEMENTS + 1,
};

/* A dimension or hyper-parameter: lo..hi for bytes 0..239, an extreme value for 240..255. */
static int rd_int(reader *r, int lo, int hi) {
    const uint8_t b = rd_u8(r);
    if (b < 240) return lo + b % (hi - lo + 1);
    return (int)k_extremes[b - 240];
}

/* A pool mode or ties value: mostly 0 or 1, sometimes an invalid one. */
static int rd_enum(reader *r) {
    static const int bad[8] = {2, 3, -1, 255, 256, INT_MAX, INT_MIN, 0x10001};
    const uint8_t b = rd_u8(r);
    if (b < 224) return b & 1;
    return bad[(b - 224) % 8];
}

/* The bits the harness fills outputs with to see whether a call wrote to them. A raw input
 * value with these bits is changed, so that no kernel can copy them to an output. */
static const uint64_t k_sentinel = 0x7ff4deadbeefcafeULL;

NOCOV static double bits_to_double(uint64_t u) {
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}
NOCOV static uint64_t double_to_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* A small number from the generator, once the input is used up. */
NOCOV static double rng_double(reader *r) {
    const uint64_t x = next_rng(r);
    if (x & 1) return (double)((int)((x >> 8) & 7) - 3);
    return (double)(int16_t)(x >> 16) / 256.0;
}

static double rd_double(reader *r) {
    static const double specials[16] = {
        NAN,       -NAN,    INFINITY,
        -INFINITY, -0.0,    DBL_MAX,
        -DBL_MAX,  DBL_MIN, 4.9406564584124654e-324,
        1e300,     -1e300,  1e-300,
        1e154,     -1e154,  0.1,
        1e16,
    };
    if (r->n == 0) return rng_double(r);
    const uint8_t b = rd_u8(r);
    if (b < 128) return (double)((int)(b & 15) - 8);
    if (b < 224) return (double)(int16_t)rd_bits(r, 2) / 256.0;
    if (b < 240) return specials[b - 224];
    uint64_t u = rd_bits(r, 8);
    if (u == k_sentinel) u ^= 1;
    return bits_to_double(u);
}

/* ---- small helpers -------------------------------------------------------------------------- */

static void *xmalloc(size_t bytes) {
    void *p = malloc(bytes ? bytes : 1);
    if (p == NULL) abort();
    return p;
}

NOCOV static double *dalloc(size_t n) {
    return xmalloc(n * sizeof(double));
}

NOCOV static double *dclone(const double *src, size_t n) {
    double *p = dalloc(n);
    if (n) memcpy(p, src, n * sizeof(double));
    return p;
}

NOCOV static void fill_values(reader *r, double *p, size_t n) {
    size_t j = 0;
    for (; j < n && r->n > 0; j++) p[j] = rd_double(r);
    for (; j < n; j++) p[j] = rng_double(r);
}

NOCOV static void fill_sentinel(double *p, size_t n) {
    for (size_t j = 0; j < n; j++) memcpy(p + j, &k_sentinel, sizeof k_sentinel);
}

NOCOV static int all_sentinel(const double *p, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (double_to_bits(p[j]) != k_sentinel) return 0;
    return 1;
}

NOCOV static int no_sentinel(const double *p, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (double_to_bits(p[j]) == k_sentinel) return 0;
    return 1;
}

NOCOV static int all_finite(const double *p, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (!isfinite(p[j])) return 0;
    return 1;
}

/* Equal bits, or both NaN (two NaN operands of one addition may come out in either order). */
NOCOV static int same_double(double a, double b) {
    return double_to_bits(a) == double_to_bits(b) || (isnan(a) && isnan(b));
}

NOCOV static int same_array(const double *a, const double *b, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (!same_double(a[j], b[j])) return 0;
    return 1;
}

NOCOV static int all_zero(const double *p, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (p[j] != 0.0) return 0;
    return 1;
}

/* |got - want| <= rel * mag + abs wherever mag (the sum of the magnitudes of the terms) is
 * small enough for the sums not to overflow. */
NOCOV static int within(const double *got, const double *want, const double *mag, size_t n,
                        double rel, double abs) {
    for (size_t j = 0; j < n; j++) {
        if (!(mag[j] < 1e300)) continue;
        if (!(fabs(got[j] - want[j]) <= rel * mag[j] + abs)) {
            fprintf(stderr, "  element %zu: got %.17g, want %.17g (magnitude %.17g)\n", j, got[j],
                    want[j], mag[j]);
            return 0;
        }
    }
    return 1;
}

/* The tolerance of sums taken in different orders: 1e-9 * (1 + sum of magnitudes). */
NOCOV static int close_array(const double *got, const double *want, const double *mag, size_t n) {
    return within(got, want, mag, n, 1e-9, 1e-9);
}

NOCOV static size_t at4(int H, int W, int C, int i, int h, int w, int c) {
    return (((size_t)i * (size_t)H + (size_t)h) * (size_t)W + (size_t)w) * (size_t)C + (size_t)c;
}

/* Saturating element count of a 4-d shape whose dimensions are all >= 0. */
NOCOV static long long count4(long long a, long long b, long long c, long long d) {
    const long long dims[4] = {a, b, c, d};
    long long n = 1;
    for (int k = 0; k < 4; k++) {
        if (dims[k] == 0) return 0;
        if (n > LLONG_MAX / dims[k]) return LLONG_MAX;
        n *= dims[k];
    }
    return n;
}

/* The size of a buffer for a tensor of an invalid configuration: the described size when it
 * makes sense and is small, else one element (the call must not touch it anyway). */
static size_t buffer_count(long long a, long long b, long long c, long long d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) return 1;
    const long long n = count4(a, b, c, d);
    return n < 1 || n > SMALL_COST ? 1 : (size_t)n;
}

/* strlen, looking at no more than cap bytes (strnlen is POSIX, not C11). */
NOCOV static size_t bounded_len(const char *s, size_t cap) {
    size_t n = 0;
    while (n < cap && s[n] != '\0') n++;
    return n;
}

static int status_in_range(cs_status s) {
    return (int)s >= CS_OK && (int)s <= CS_ERR_NOMEM;
}

/* ---- the model of the documented checks ------------------------------------------------------ */

typedef struct {
    int ok;                            /* the configuration is valid */
    int allow[6];                      /* when not ok: the statuses that fit the errors present */
    cs_shape out;                      /* when ok: the output shape */
    long long n_in, n_pad, n_w, n_out; /* when ok */
    int span, Hp, Wp, dil;
} model;

NOCOV static model conv_model(cs_shape in, cs_conv_params p) {
    model m;
    memset(&m, 0, sizeof m);
    const int P = p.f < 1 || p.n_C < 1 || p.stride < 1 || p.pad < 0 || p.dilation < 0;
    const int D = in.m < 1 || in.n_H < 1 || in.n_W < 1 || in.n_C < 1;
    if (P || D) {
        /* The header does not order the checks: any size error may come first as well. */
        m.allow[CS_ERR_PARAM] = P;
        m.allow[CS_ERR_SHAPE] = D;
        m.allow[CS_ERR_TOO_LARGE] = 1;
        return m;
    }
    const long long d = p.dilation == 0 ? 1 : p.dilation;
    const long long span = d * ((long long)p.f - 1) + 1;
    const long long Hp = (long long)in.n_H + 2LL * p.pad, Wp = (long long)in.n_W + 2LL * p.pad;
    m.n_in = count4(in.m, in.n_H, in.n_W, in.n_C);
    m.n_pad = count4(in.m, Hp, Wp, in.n_C);
    m.n_w = count4(p.f, p.f, in.n_C, p.n_C);
    int L = m.n_in > CS_MAX_ELEMENTS || m.n_pad > CS_MAX_ELEMENTS || m.n_w > CS_MAX_ELEMENTS;
    const int F = span > Hp || span > Wp;
    if (!F) {
        const long long nH = (Hp - span) / p.stride + 1, nW = (Wp - span) / p.stride + 1;
        m.n_out = count4(in.m, nH, nW, p.n_C);
        L |= m.n_out > CS_MAX_ELEMENTS;
        if (!L) {
            m.out = (cs_shape){in.m, (int)nH, (int)nW, p.n_C};
            m.span = (int)span;
            m.Hp = (int)Hp;
            m.Wp = (int)Wp;
            m.dil = (int)d;
        }
    }
    m.allow[CS_ERR_TOO_LARGE] = L;
    m.allow[CS_ERR_SHAPE] = F;
    m.ok = !L && !F;
    return m;
}

NOCOV static model pool_model(cs_shape in, cs_pool_params p) {
    model m;
    memset(&m, 0, sizeof m);
    const int P = p.f < 1 || p.stride < 1 || ((int)p.mode != 0 && (int)p.mode != 1) ||
                  ((int)p.ties != 0 && (int)p.ties != 1);
    const int D = in.m < 1 || in.n_H < 1 || in.n_W < 1 || in.n_C < 1;
    if (P || D) {
        m.allow[CS_ERR_PARAM] = P;
        m.allow[CS_ERR_SHAPE] = D;
        m.allow[CS_ERR_TOO_LARGE] = 1;
        return m;
    }
    m.n_in = m.n_pad = count4(in.m, in.n_H, in.n_W, in.n_C);
    const int L = m.n_in > CS_MAX_ELEMENTS;
    const int F = p.f > in.n_H || p.f > in.n_W;
    m.allow[CS_ERR_TOO_LARGE] = L;
    m.allow[CS_ERR_SHAPE] = F;
    m.ok = !L && !F;
    if (m.ok) {
        const int nH = (in.n_H - p.f) / p.stride + 1, nW = (in.n_W - p.f) / p.stride + 1;
        m.out = (cs_shape){in.m, nH, nW, in.n_C};
        m.n_out = count4(in.m, nH, nW, in.n_C);
        m.n_w = 0;
        m.span = p.f;
        m.Hp = in.n_H;
        m.Wp = in.n_W;
        m.dil = 1;
    }
    return m;
}

NOCOV static model zero_pad_model(cs_shape in, int pad) {
    model m;
    memset(&m, 0, sizeof m);
    const int D = in.m < 1 || in.n_H < 1 || in.n_W < 1 || in.n_C < 1;
    if (pad < 0 || D) {
        m.allow[CS_ERR_PARAM] = pad < 0;
        m.allow[CS_ERR_SHAPE] = D;
        m.allow[CS_ERR_TOO_LARGE] = 1;
        return m;
    }
    const long long Hp = (long long)in.n_H + 2LL * pad, Wp = (long long)in.n_W + 2LL * pad;
    m.n_in = count4(in.m, in.n_H, in.n_W, in.n_C);
    m.n_pad = count4(in.m, Hp, Wp, in.n_C);
    const int L = m.n_in > CS_MAX_ELEMENTS || m.n_pad > CS_MAX_ELEMENTS;
    m.allow[CS_ERR_TOO_LARGE] = L;
    m.ok = !L;
    if (m.ok) {
        m.Hp = (int)Hp;
        m.Wp = (int)Wp;
    }
    return m;
}

/* A status from a call with all pointers given (null_arg 0) or with a NULL required one. */
NOCOV static void check_status(cs_status s, const model *m, int null_arg) {
    CHECK(status_in_range(s));
    if (null_arg) {
        CHECK(s != CS_OK);
        if (m->ok)
            CHECK(s == CS_ERR_NULL);
        else
            CHECK(s == CS_ERR_NULL || m->allow[s]);
        return;
    }
    if (m->ok)
        CHECK(s == CS_OK);
    else
        CHECK(s != CS_OK && s != CS_ERR_NULL && s != CS_ERR_NOMEM && m->allow[s]);
}

/* ---- validation messages -------------------------------------------------------------------- */

NOCOV static int utf8_valid(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int extra;
        if (*p < 0x80)
            extra = 0;
        else if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
            extra = 1;
        else if ((*p & 0xF0) == 0xE0)
            extra = 2;
        else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
            extra = 3;
        else
            return 0;
        p++;
        for (int k = 0; k < extra; k++, p++)
            if ((*p & 0xC0) != 0x80) return 0;
    }
    return 1;
}

typedef cs_status (*validate_fn)(const void *cfg, char *msg, size_t cap);

static cs_status conv_validate_cb(const void *cfg, char *msg, size_t cap) {
    const struct {
        cs_shape in;
        cs_conv_params p;
    } *c = cfg;
    return cs_conv_validate(c->in, c->p, msg, cap);
}
static cs_status pool_validate_cb(const void *cfg, char *msg, size_t cap) {
    const struct {
        cs_shape in;
        cs_pool_params p;
    } *c = cfg;
    return cs_pool_validate(c->in, c->p, msg, cap);
}

/* Runs validate with several message capacities; returns its status. */
NOCOV static cs_status check_validate(validate_fn fn, const void *cfg, const model *m, reader *r) {
    const cs_status s = fn(cfg, NULL, 0);
    check_status(s, m, 0);
    CHECK(fn(cfg, NULL, 256) == s);

    /* The full sentence, with room to spare: it must fit in 256 bytes. */
    char full[1024];
    memset(full, 0x5A, sizeof full);
    CHECK(fn(cfg, full, sizeof full) == s);
    const size_t full_len = bounded_len(full, sizeof full);
    CHECK(full_len < 256);
    CHECK(full_len >= 1);
    CHECK(utf8_valid(full));
    if (s == CS_OK) CHECK(strcmp(full, "ok") == 0);

    /* msg_cap 0 writes nothing; small capacities truncate. */
    static const size_t caps[] = {0, 1, 2, 3, 5, 8, 13, 16, 21, 34, 55, 89, 256};
    const uint8_t pick = rd_u8(r);
    size_t chosen[4] = {0, 1, 5, 256};
    chosen[(pick >> 4) & 3] = caps[pick % (sizeof caps / sizeof caps[0])];
    for (int k = 0; k < 4; k++) {
        const size_t cap = chosen[k];
        char *buf = xmalloc(cap ? cap : 1); /* exactly cap bytes: ASan sees a write past it */
        memset(buf, 0x5A, cap ? cap : 1);
        CHECK(fn(cfg, buf, cap) == s);
        if (cap == 0) {
            CHECK(buf[0] == 0x5A);
        } else {
            const size_t len = bounded_len(buf, cap);
            CHECK(len < cap);                   /* NUL-terminated within the cap */
            if (cap >= 2) CHECK(len >= 1);      /* and not empty when it can hold a byte */
            CHECK(memcmp(buf, full, len) == 0); /* a prefix of the whole sentence */
            if (full_len < cap)
                CHECK(len == full_len);
            else
                CHECK(len + 4 >= cap); /* cut at most a character short */
            CHECK(utf8_valid(buf));    /* never cut inside a character */
        }
        free(buf);
    }
    return s;
}

/* ---- naive references, written from the header's loop order ---------------------------------- */

typedef struct {
    int op;
    int big; /* costs more than SMALL_COST: fewer checks per command (run_stepper) */
    cs_shape in, out;
    cs_conv_params cp;
    cs_pool_params pp;
    model m;
    int f, stride, pad, dil, span, Hp, Wp;
    size_t n_in, n_pad, n_w, n_b, n_out;
    double *A;          /* handed to the stepper, overwritten after it was created */
    double *A_orig;     /* what A held when the stepper was created */
    double *W, *b, *dY; /* dY: dZ or dA */
} fcase;

static int is_conv(int op) {
    return op == CS_OP_CONV_FORWARD || op == CS_OP_CONV_BACKWARD;
}
static int is_forward(int op) {
    return op == CS_OP_CONV_FORWARD || op == CS_OP_POOL_FORWARD;
}

/* A_pad[i, y, x, k] of the zero-padded input: 0.0 in the padding. */
NOCOV static double padded(const fcase *c, const double *A, int i, int y, int x, int k) {
    const int row = y - c->pad, col = x - c->pad;
    if (row < 0 || row >= c->in.n_H || col < 0 || col >= c->in.n_W) return 0.0;
    return A[at4(c->in.n_H, c->in.n_W, c->in.n_C, i, row, col, k)];
}

NOCOV static void ref_conv_forward(const fcase *c, double *Z) {
    const int C = c->in.n_C, nC = c->out.n_C;
    for (int i = 0; i < c->out.m; i++)
        for (int ch = 0; ch < nC; ch++)
            for (int h = 0; h < c->out.n_H; h++)
                for (int w = 0; w < c->out.n_W; w++) {
                    const int vs = h * c->stride, hs = w * c->stride;
                    double s = 0.0;
                    for (int u = 0; u < c->f; u++)
                        for (int v = 0; v < c->f; v++)
                            for (int k = 0; k < C; k++)
                                s += padded(c, c->A_orig, i, vs + u * c->dil, hs + v * c->dil, k) *
                                     c->W[at4(c->f, C, nC, u, v, k, ch)];
                    Z[at4(c->out.n_H, c->out.n_W, nC, i, h, w, ch)] = s + c->b[ch];
                }
}

/* dA_prev, dW, db and the magnitude sums of their terms. */
NOCOV static void ref_conv_backward(const fcase *c, double *dA, double *dW, double *db, double *mA,
                                    double *mW, double *mb) {
    const int C = c->in.n_C, nC = c->out.n_C;
    double *dA_pad = calloc(c->n_pad ? c->n_pad : 1, sizeof(double));
    double *mA_pad = calloc(c->n_pad ? c->n_pad : 1, sizeof(double));
    if (dA_pad == NULL || mA_pad == NULL) abort();
    memset(dW, 0, c->n_w * sizeof(double));
    memset(mW, 0, c->n_w * sizeof(double));
    memset(db, 0, c->n_b * sizeof(double));
    memset(mb, 0, c->n_b * sizeof(double));
    for (int i = 0; i < c->out.m; i++)
        for (int ch = 0; ch < nC; ch++)
            for (int h = 0; h < c->out.n_H; h++)
                for (int w = 0; w < c->out.n_W; w++) {
                    const int vs = h * c->stride, hs = w * c->stride;
                    const double dz = c->dY[at4(c->out.n_H, c->out.n_W, nC, i, h, w, ch)];
                    for (int u = 0; u < c->f; u++)
                        for (int v = 0; v < c->f; v++)
                            for (int k = 0; k < C; k++) {
                                const int y = vs + u * c->dil, x = hs + v * c->dil;
                                const size_t pa = at4(c->Hp, c->Wp, C, i, y, x, k);
                                const size_t pw = at4(c->f, C, nC, u, v, k, ch);
                                const double a = padded(c, c->A_orig, i, y, x, k);
                                dA_pad[pa] += dz * c->W[pw];
                                mA_pad[pa] += fabs(dz * c->W[pw]);
                                dW[pw] += dz * a;
                                mW[pw] += fabs(dz * a);
                            }
                    db[ch] += dz;
                    mb[ch] += fabs(dz);
                }
    for (int i = 0; i < c->in.m; i++)
        for (int h = 0; h < c->in.n_H; h++)
            for (int w = 0; w < c->in.n_W; w++)
                for (int k = 0; k < C; k++) {
                    const size_t d = at4(c->in.n_H, c->in.n_W, C, i, h, w, k);
                    const size_t s = at4(c->Hp, c->Wp, C, i, h + c->pad, w + c->pad, k);
                    dA[d] = dA_pad[s];
                    mA[d] = mA_pad[s];
                }
    free(dA_pad);
    free(mA_pad);
}

/* The window x[u*ld + v*cs], u, v < f: max as the header defines it (x[0], then any larger). */
NOCOV static double window_max(const double *x, int f, size_t ld, size_t cs) {
    double mx = x[0];
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++)
            if (x[u * ld + v * cs] > mx) mx = x[u * ld + v * cs];
    return mx;
}

/* mask = (x == max(x)), all ties or only the first in row-major order. Returns the count. */
NOCOV static int ref_mask(const double *x, int f, size_t ld, size_t cs, int first_only,
                          unsigned char *mask) {
    const double mx = window_max(x, f, ld, cs);
    int count = 0;
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            const int hit = x[u * ld + v * cs] == mx && !(first_only && count > 0);
            mask[u * f + v] = (unsigned char)hit;
            count += hit;
        }
    return count;
}

NOCOV static void ref_pool_forward(const fcase *c, double *A) {
    const int C = c->in.n_C, f = c->f;
    const size_t ld = (size_t)c->in.n_W * C;
    for (int i = 0; i < c->out.m; i++)
        for (int ch = 0; ch < C; ch++)
            for (int h = 0; h < c->out.n_H; h++)
                for (int w = 0; w < c->out.n_W; w++) {
                    const double *x = c->A_orig + at4(c->in.n_H, c->in.n_W, C, i, h * c->stride,
                                                      w * c->stride, ch);
                    double val;
                    if (c->pp.mode == CS_POOL_MAX) {
                        val = window_max(x, f, ld, (size_t)C);
                    } else {
                        double s = 0.0;
                        for (int u = 0; u < f; u++)
                            for (int v = 0; v < f; v++) s += x[u * ld + (size_t)v * C];
                        val = s / ((double)f * (double)f);
                    }
                    A[at4(c->out.n_H, c->out.n_W, C, i, h, w, ch)] = val;
                }
}

NOCOV static void ref_pool_backward(const fcase *c, double *dA, double *mag) {
    const int C = c->in.n_C, f = c->f;
    const size_t ld = (size_t)c->in.n_W * C;
    unsigned char *mask = xmalloc((size_t)f * f);
    memset(dA, 0, c->n_in * sizeof(double));
    memset(mag, 0, c->n_in * sizeof(double));
    for (int i = 0; i < c->out.m; i++)
        for (int ch = 0; ch < C; ch++)
            for (int h = 0; h < c->out.n_H; h++)
                for (int w = 0; w < c->out.n_W; w++) {
                    const size_t at =
                        at4(c->in.n_H, c->in.n_W, C, i, h * c->stride, w * c->stride, ch);
                    const double da = c->dY[at4(c->out.n_H, c->out.n_W, C, i, h, w, ch)];
                    if (c->pp.mode == CS_POOL_MAX) {
                        ref_mask(c->A_orig + at, f, ld, (size_t)C, c->pp.ties == CS_TIES_FIRST,
                                 mask);
                        for (int u = 0; u < f; u++)
                            for (int v = 0; v < f; v++)
                                if (mask[u * f + v]) {
                                    dA[at + u * ld + (size_t)v * C] += da;
                                    mag[at + u * ld + (size_t)v * C] += fabs(da);
                                }
                    } else {
                        const double share = da / ((double)f * (double)f);
                        for (int u = 0; u < f; u++)
                            for (int v = 0; v < f; v++) {
                                dA[at + u * ld + (size_t)v * C] += share;
                                mag[at + u * ld + (size_t)v * C] += fabs(share);
                            }
                    }
                }
    free(mask);
}

/* ---- batch kernels --------------------------------------------------------------------------- */

/* Calls the op's batch kernel; ptr_null (0..) makes that pointer argument NULL, -1 none. */
static cs_status call_batch(const fcase *c, const double *A, int ptr_null, double *o1, double *o2,
                            double *o3) {
#define ARG(k, p) (ptr_null == (k) ? NULL : (p))
    switch (c->op) {
        case CS_OP_CONV_FORWARD:
            return cs_conv_forward(ARG(0, A), c->in, ARG(1, c->W), ARG(2, c->b), c->cp, ARG(3, o1));
        case CS_OP_CONV_BACKWARD:
            return cs_conv_backward(ARG(0, c->dY), ARG(1, A), c->in, ARG(2, c->W), c->cp,
                                    ARG(3, o1), ARG(4, o2), ARG(5, o3));
        case CS_OP_POOL_FORWARD:
            return cs_pool_forward(ARG(0, A), c->in, c->pp, ARG(1, o1));
        default:
            return cs_pool_backward(ARG(0, c->dY), ARG(1, A), c->in, c->pp, ARG(2, o1));
    }
#undef ARG
}

static int n_batch_ptrs(int op) {
    return op == CS_OP_CONV_FORWARD    ? 4
           : op == CS_OP_CONV_BACKWARD ? 6
           : op == CS_OP_POOL_FORWARD  ? 2
                                       : 3;
}

static cs_status call_create(const fcase *c, const double *A, int ptr_null, cs_stepper **out) {
#define ARG(k, p) (ptr_null == (k) ? NULL : (p))
    switch (c->op) {
        case CS_OP_CONV_FORWARD:
            return cs_stepper_create_conv_forward(ARG(0, A), c->in, ARG(1, c->W), ARG(2, c->b),
                                                  c->cp, ARG(3, out));
        case CS_OP_CONV_BACKWARD:
            return cs_stepper_create_conv_backward(ARG(0, c->dY), ARG(1, A), c->in, ARG(2, c->W),
                                                   c->cp, ARG(3, out));
        case CS_OP_POOL_FORWARD:
            return cs_stepper_create_pool_forward(ARG(0, A), c->in, c->pp, ARG(1, out));
        default:
            return cs_stepper_create_pool_backward(ARG(0, c->dY), ARG(1, A), c->in, c->pp,
                                                   ARG(2, out));
    }
#undef ARG
}

static int n_create_ptrs(int op) {
    return op == CS_OP_CONV_FORWARD    ? 4
           : op == CS_OP_CONV_BACKWARD ? 4
           : op == CS_OP_POOL_FORWARD  ? 2
                                       : 3;
}

/* Output buffer sizes of the op's batch kernel. */
static void batch_out_sizes(const fcase *c, size_t n[3]) {
    n[0] = n[1] = n[2] = 0;
    switch (c->op) {
        case CS_OP_CONV_FORWARD:
        case CS_OP_POOL_FORWARD:
            n[0] = c->n_out;
            break;
        case CS_OP_CONV_BACKWARD:
            n[0] = c->n_in;
            n[1] = c->n_w;
            n[2] = c->n_b;
            break;
        default:
            n[0] = c->n_in;
            break;
    }
}

/* Every pointer NULL in turn, then (for an invalid configuration) none: the status fits, the
 * NaN-filled outputs keep their bytes, and a stepper is not made. */
NOCOV static void check_failing_calls(const fcase *c, cs_status validated) {
    size_t n[3];
    batch_out_sizes(c, n);
    double *o[3];
    for (int k = 0; k < 3; k++) o[k] = dalloc(n[k] ? n[k] : 1);
    static int anchor;
    cs_stepper *const untouched = (cs_stepper *)(void *)&anchor;
    for (int null_at = c->m.ok ? 0 : -1; null_at < n_batch_ptrs(c->op); null_at++) {
        for (int k = 0; k < 3; k++) fill_sentinel(o[k], n[k] ? n[k] : 1);
        const cs_status s = call_batch(c, c->A, null_at, o[0], o[1], o[2]);
        check_status(s, &c->m, null_at >= 0);
        if (null_at < 0) CHECK(s == validated);
        for (int k = 0; k < 3; k++) CHECK(all_sentinel(o[k], n[k] ? n[k] : 1));
    }
    for (int null_at = c->m.ok ? 0 : -1; null_at < n_create_ptrs(c->op); null_at++) {
        cs_stepper *st = untouched;
        const cs_status s = call_create(c, c->A, null_at, &st);
        check_status(s, &c->m, null_at >= 0);
        if (null_at < 0) CHECK(s == validated);
        CHECK(st == untouched);
    }
    for (int k = 0; k < 3; k++) free(o[k]);
}

/* ---- steppers --------------------------------------------------------------------------------- */

/* Everything a stepper call might change, to see that a failing or idle call changed nothing. */
typedef struct {
    int64_t pos, total;
    cs_window win;
    unsigned char *mask;
    double *t[6];
    size_t n[6];
} snapshot;

NOCOV static void take_snapshot(cs_stepper *s, const fcase *c, snapshot *sn) {
    memset(sn, 0, sizeof *sn);
    sn->pos = cs_stepper_position(s);
    sn->total = cs_stepper_total(s);
    memcpy(&sn->win, cs_stepper_window(s), sizeof sn->win);
    sn->mask = xmalloc((size_t)c->f * c->f);
    memcpy(sn->mask, cs_stepper_mask(s), (size_t)c->f * c->f);
    for (int id = 0; id < 6; id++) {
        if (id == CS_T_DA_PREV) continue; /* refreshed by the call itself */
        cs_shape sh;
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, &sh);
        if (p == NULL) continue;
        sn->n[id] = (size_t)count4(sh.m, sh.n_H, sh.n_W, sh.n_C);
        sn->t[id] = dclone(p, sn->n[id]);
    }
}

/* The state equals the snapshot: every byte (exact), or with any two NaNs taken as equal
 * (a NaN's payload depends on the order of the operands of an addition, which the library
 * may pick differently on two paths to the same state). */
NOCOV static void check_snapshot(cs_stepper *s, const fcase *c, const snapshot *sn, int exact) {
    CHECK(cs_stepper_position(s) == sn->pos);
    CHECK(cs_stepper_total(s) == sn->total);
    const cs_window *w = cs_stepper_window(s);
    if (exact) {
        CHECK(memcmp(w, &sn->win, sizeof sn->win) == 0);
    } else {
        cs_window a = *w, b = sn->win;
        CHECK(same_double(a.value, b.value) && same_double(a.amount, b.amount));
        a.value = b.value = a.amount = b.amount = 0.0;
        CHECK(memcmp(&a, &b, sizeof a) == 0);
    }
    CHECK(memcmp(cs_stepper_mask(s), sn->mask, (size_t)c->f * c->f) == 0);
    for (int id = 0; id < 6; id++) {
        if (sn->t[id] == NULL) continue;
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, NULL);
        CHECK(p != NULL);
        if (exact)
            CHECK(memcmp(p, sn->t[id], sn->n[id] * sizeof(double)) == 0);
        else
            CHECK(same_array(p, sn->t[id], sn->n[id]));
    }
}

NOCOV static void free_snapshot(snapshot *sn) {
    free(sn->mask);
    for (int id = 0; id < 6; id++) free(sn->t[id]);
}

/* The tensors a stepper of this op owns, and their documented shapes. */
NOCOV static int expected_tensor(const fcase *c, int id, cs_shape *sh) {
    const cs_shape padded_in = {c->in.m, c->Hp, c->Wp, c->in.n_C};
    switch (id) {
        case CS_T_A_PREV_PAD:
            *sh = padded_in;
            return 1;
        case CS_T_OUT:
            *sh = c->out;
            return is_forward(c->op);
        case CS_T_DA_PREV_PAD:
            *sh = padded_in;
            return !is_forward(c->op);
        case CS_T_DA_PREV:
            *sh = c->in;
            return !is_forward(c->op);
        case CS_T_DW:
            *sh = (cs_shape){c->f, c->f, c->in.n_C, c->out.n_C};
            return c->op == CS_OP_CONV_BACKWARD;
        case CS_T_DB:
            *sh = (cs_shape){1, 1, 1, c->out.n_C};
            return c->op == CS_OP_CONV_BACKWARD;
        default:
            return 0;
    }
}

NOCOV static int same_shape(cs_shape a, cs_shape b) {
    return a.m == b.m && a.n_H == b.n_H && a.n_W == b.n_W && a.n_C == b.n_C;
}

NOCOV static void check_tensor(cs_stepper *s, const fcase *c, int id, int with_shape) {
    const cs_shape poison = {-7, -7, -7, -7};
    cs_shape sh = poison, want;
    const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, with_shape ? &sh : NULL);
    if (!expected_tensor(c, id, &want)) {
        CHECK(p == NULL);
        CHECK(same_shape(sh, poison));
        return;
    }
    CHECK(p != NULL);
    if (with_shape) CHECK(same_shape(sh, want));
    const size_t n = (size_t)count4(want.m, want.n_H, want.n_W, want.n_C);
    volatile double sink = 0.0;
    for (size_t j = 0; j < n; j++) sink += p[j]; /* reads every element: ASan checks the size */
    (void)sink;
    if (id == CS_T_A_PREV_PAD) {
        /* The zero-padded copy of A_prev as it was at creation. */
        for (int i = 0; i < c->in.m; i++)
            for (int y = 0; y < c->Hp; y++)
                for (int x = 0; x < c->Wp; x++)
                    for (int k = 0; k < c->in.n_C; k++) {
                        const double got = p[at4(c->Hp, c->Wp, c->in.n_C, i, y, x, k)];
                        const double want_v = padded(c, c->A_orig, i, y, x, k);
                        CHECK(double_to_bits(got) == double_to_bits(want_v));
                    }
    }
    if (id == CS_T_DA_PREV) {
        /* The crop of the padded gradient. */
        const double *pad = cs_stepper_tensor(s, CS_T_DA_PREV_PAD, NULL);
        CHECK(pad != NULL);
        for (int i = 0; i < c->in.m; i++)
            for (int h = 0; h < c->in.n_H; h++)
                for (int w = 0; w < c->in.n_W; w++)
                    for (int k = 0; k < c->in.n_C; k++)
                        CHECK(double_to_bits(p[at4(c->in.n_H, c->in.n_W, c->in.n_C, i, h, w, k)]) ==
                              double_to_bits(
                                  pad[at4(c->Hp, c->Wp, c->in.n_C, i, h + c->pad, w + c->pad, k)]));
    }
}

/* Position, total, the window record and the mask, against the header. */
NOCOV static void check_window(cs_stepper *s, const fcase *c, int finite) {
    const int64_t pos = cs_stepper_position(s), total = cs_stepper_total(s);
    CHECK(total == (int64_t)c->n_out);
    CHECK(pos >= 0 && pos <= total);
    const cs_window *win = cs_stepper_window(s);
    CHECK(win != NULL);
    CHECK(win->step == pos);
    CHECK(win->total == total);
    CHECK(win->op == c->op);
    CHECK(win->f == c->f);
    const unsigned char *mask = cs_stepper_mask(s);
    CHECK(mask != NULL);
    const int ff = c->f * c->f;
    int ones = 0;
    for (int j = 0; j < ff; j++) {
        CHECK(mask[j] <= 1);
        ones += mask[j];
    }
    CHECK(win->mask_count == ones);
    if (pos == 0) {
        CHECK(win->i == 0 && win->c == 0 && win->h == 0 && win->w == 0);
        CHECK(win->vert_start == 0 && win->vert_end == 0 && win->hori_start == 0 &&
              win->hori_end == 0);
        CHECK(win->mask_count == 0);
        CHECK(win->value == 0.0 && win->amount == 0.0);
        return;
    }
    int64_t k = pos - 1;
    const int w = (int)(k % c->out.n_W);
    k /= c->out.n_W;
    const int h = (int)(k % c->out.n_H);
    k /= c->out.n_H;
    const int ch = (int)(k % c->out.n_C);
    k /= c->out.n_C;
    const int i = (int)k;
    CHECK(win->i == i && win->c == ch && win->h == h && win->w == w);
    CHECK(win->vert_start == h * c->stride && win->vert_end == h * c->stride + c->span);
    CHECK(win->hori_start == w * c->stride && win->hori_end == w * c->stride + c->span);
    const size_t o = at4(c->out.n_H, c->out.n_W, c->out.n_C, i, h, w, ch);
    if (is_forward(c->op)) {
        const double *out = cs_stepper_tensor(s, CS_T_OUT, NULL);
        CHECK(out != NULL);
        CHECK(double_to_bits(win->value) == double_to_bits(out[o]));
        CHECK(double_to_bits(win->amount) == double_to_bits(0.0));
    } else {
        CHECK(double_to_bits(win->value) == double_to_bits(c->dY[o]));
        if (c->op == CS_OP_POOL_BACKWARD && c->pp.mode == CS_POOL_AVERAGE)
            CHECK(same_double(win->amount, c->dY[o] / ((double)c->f * (double)c->f)));
        else
            CHECK(double_to_bits(win->amount) == double_to_bits(c->dY[o]));
    }
    if (!is_conv(c->op) && c->pp.mode == CS_POOL_MAX) {
        if (finite) {
            /* Forward shows every tied maximum; backward the cells that get the gradient. */
            unsigned char *want = xmalloc((size_t)ff);
            const size_t at =
                at4(c->in.n_H, c->in.n_W, c->in.n_C, i, h * c->stride, w * c->stride, ch);
            const int first = c->op == CS_OP_POOL_BACKWARD && c->pp.ties == CS_TIES_FIRST;
            const int n = ref_mask(c->A_orig + at, c->f, (size_t)c->in.n_W * c->in.n_C,
                                   (size_t)c->in.n_C, first, want);
            CHECK(n == ones);
            CHECK(memcmp(want, mask, (size_t)ff) == 0);
            free(want);
        }
    } else {
        CHECK(ones == 0);
    }
}

/* Forward ops: the cells of the steps done hold the reference, the others are zero; the
 * cells of the steps lo .. hi-1 only (walked in the documented (i, c, h, w) order). */
NOCOV static void check_forward_progress(cs_stepper *s, const fcase *c, const double *ref,
                                         int finite, int64_t lo, int64_t hi) {
    if (!is_forward(c->op)) return;
    const double *out = cs_stepper_tensor(s, CS_T_OUT, NULL);
    CHECK(out != NULL);
    const int64_t pos = cs_stepper_position(s);
    if (lo < 0) lo = 0;
    if (hi > (int64_t)c->n_out) hi = (int64_t)c->n_out;
    if (lo >= hi) return;
    const int oW = c->out.n_W, oH = c->out.n_H, oC = c->out.n_C;
    int64_t q = lo;
    int w = (int)(q % oW);
    q /= oW;
    int h = (int)(q % oH);
    q /= oH;
    int ch = (int)(q % oC);
    int i = (int)(q / oC);
    for (int64_t k = lo; k < hi; k++) {
        const size_t o = at4(oH, oW, oC, i, h, w, ch);
        if (k >= pos)
            CHECK(out[o] == 0.0);
        else if (finite)
            CHECK(same_double(out[o], ref[o]));
        if (++w == oW) {
            w = 0;
            if (++h == oH) {
                h = 0;
                if (++ch == oC) {
                    ch = 0;
                    i++;
                }
            }
        }
    }
}

static cs_stepper *make_stepper(const fcase *c, const double *A) {
    cs_stepper *s = NULL;
    const cs_status st = call_create(c, A, -1, &s);
    CHECK(st == CS_OK);
    CHECK(s != NULL);
    return s;
}

/* Two steppers hold the same state: position, total, the window record (any two NaNs taken
 * as equal), the mask and every tensor. */
NOCOV static void check_same_state(cs_stepper *s, cs_stepper *t, const fcase *c) {
    CHECK(cs_stepper_position(s) == cs_stepper_position(t));
    CHECK(cs_stepper_total(s) == cs_stepper_total(t));
    cs_window a = *cs_stepper_window(s), b = *cs_stepper_window(t);
    CHECK(same_double(a.value, b.value) && same_double(a.amount, b.amount));
    a.value = b.value = a.amount = b.amount = 0.0;
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK(memcmp(cs_stepper_mask(s), cs_stepper_mask(t), (size_t)c->f * c->f) == 0);
    for (int id = 0; id < 6; id++) {
        cs_shape sh;
        const double *q = cs_stepper_tensor(t, (cs_tensor_id)id, &sh);
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, NULL);
        CHECK((p == NULL) == (q == NULL));
        if (q != NULL) CHECK(same_array(p, q, (size_t)count4(sh.m, sh.n_H, sh.n_W, sh.n_C)));
    }
}

/* The state of s equals that of a fresh stepper after pos calls of next. The fresh stepper is
 * kept in *replay and only ever stepped by next: a later check at a position at or after its
 * own steps it on, an earlier one starts a new one (so a run of replays costs one pass). */
static void check_replay(cs_stepper *s, const fcase *c, cs_stepper **replay) {
    const int64_t pos = cs_stepper_position(s);
    if (*replay != NULL && cs_stepper_position(*replay) > pos) {
        cs_stepper_destroy(*replay);
        *replay = NULL;
    }
    if (*replay == NULL) *replay = make_stepper(c, c->A_orig);
    cs_stepper *t = *replay;
    for (int64_t k = cs_stepper_position(t); k < pos; k++) CHECK(cs_stepper_next(t) == 1);
    check_same_state(s, t, c);
}

/* The op's results from the batch kernel (fresh NaN-filled outputs) and the reference. */
typedef struct {
    double *o[3], *ref[3], *mag[3];
    size_t n[3];
    int stale; /* not computed for the current inputs */
} results;

NOCOV static void compute_results(const fcase *c, results *res, int finite) {
    batch_out_sizes(c, res->n);
    for (int k = 0; k < 3; k++) {
        res->o[k] = dalloc(res->n[k]);
        res->ref[k] = dalloc(res->n[k]);
        res->mag[k] = dalloc(res->n[k]);
        fill_sentinel(res->o[k], res->n[k]);
    }
    CHECK(call_batch(c, c->A_orig, -1, res->o[0], res->o[1], res->o[2]) == CS_OK);
    for (int k = 0; k < 3; k++) CHECK(no_sentinel(res->o[k], res->n[k])); /* all overwritten */
    switch (c->op) {
        case CS_OP_CONV_FORWARD:
            ref_conv_forward(c, res->ref[0]);
            break;
        case CS_OP_POOL_FORWARD:
            ref_pool_forward(c, res->ref[0]);
            break;
        case CS_OP_CONV_BACKWARD:
            ref_conv_backward(c, res->ref[0], res->ref[1], res->ref[2], res->mag[0], res->mag[1],
                              res->mag[2]);
            break;
        default:
            ref_pool_backward(c, res->ref[0], res->mag[0]);
            break;
    }
    if (!finite) return;
    for (int k = 0; k < 3; k++) {
        if (is_forward(c->op))
            CHECK(same_array(res->o[k], res->ref[k], res->n[k]));
        else
            CHECK(close_array(res->o[k], res->ref[k], res->mag[k], res->n[k]));
    }
}

static void free_results(results *res) {
    for (int k = 0; k < 3; k++) {
        free(res->o[k]);
        free(res->ref[k]);
        free(res->mag[k]);
        res->o[k] = res->ref[k] = res->mag[k] = NULL;
    }
    res->stale = 1;
}

/* The results for the current inputs, computed (and checked) when first needed. */
static void ensure_results(const fcase *c, results *res, int finite) {
    if (!res->stale) return;
    compute_results(c, res, finite);
    res->stale = 0;
}

/* A stepper at the end holds the batch kernel's results: bit for bit, except conv backward's
 * dA_prev, which the batch kernel sums in another order (within 1e-9 * (1 + magnitudes), and
 * within the header's 1e-12 of the magnitudes, give or take the smallest normal double for
 * sums of subnormal terms). */
NOCOV static void check_final(cs_stepper *s, const fcase *c, const results *res, int finite) {
    CHECK(cs_stepper_position(s) == cs_stepper_total(s));
    if (!finite) return;
    static const int ids[3][3] = {
        {CS_T_OUT, -1, -1}, {CS_T_DA_PREV, CS_T_DW, CS_T_DB}, {CS_T_DA_PREV, -1, -1}};
    const int row = is_forward(c->op) ? 0 : c->op == CS_OP_CONV_BACKWARD ? 1 : 2;
    for (int k = 0; k < 3; k++) {
        if (ids[row][k] < 0) continue;
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)ids[row][k], NULL);
        CHECK(p != NULL);
        if (c->op == CS_OP_CONV_BACKWARD && k == 0) {
            CHECK(close_array(p, res->o[k], res->mag[k], res->n[k]));
            CHECK(within(p, res->o[k], res->mag[k], res->n[k], 1e-12, DBL_MIN));
        } else {
            CHECK(same_array(p, res->o[k], res->n[k]));
        }
    }
}

static int64_t pick_seek(reader *r, int64_t pos, int64_t total) {
    const uint8_t b = rd_u8(r);
    switch (b % 10) {
        case 0:
        case 1:
        case 2:
            return (int64_t)(rd_bits(r, 2) % (uint64_t)(total + 1));
        case 3:
            return total;
        case 4:
            return total + 1;
        case 5:
            return -1;
        case 6:
            return b & 0x80 ? INT64_MIN : INT64_MAX;
        case 7:
            return pos - 1;
        case 8:
            return pos + 1;
        default:
            return 0;
    }
}

NOCOV static int inputs_finite(const fcase *c) {
    return all_finite(c->A_orig, c->n_in) && (c->W == NULL || all_finite(c->W, c->n_w)) &&
           (c->b == NULL || all_finite(c->b, c->n_b)) &&
           (c->dY == NULL || all_finite(c->dY, c->n_out));
}

static void run_stepper(const fcase *cin, reader *r) {
    fcase cc = *cin;
    fcase *c = &cc;
    int finite = inputs_finite(c);
    const int end_by_next = rd_u8(r) & 1; /* how the run ends: next until 0, or seek(total) */
    const int big = c->big;
    results res = {.stale = 1};
    ensure_results(c, &res, finite);

    cs_stepper *s = make_stepper(c, c->A);
    /* A stepper copies A_prev at creation: what the caller does with it afterwards is no
     * concern of the stepper. */
    fill_sentinel(c->A, c->n_in);

    cs_stepper *replay = NULL; /* a fresh stepper moved by next only (check_replay) */
    int replays = 0;
    check_window(s, c, finite);
    for (int cmd_no = 0; cmd_no < (big ? BIG_CMDS : MAX_CMDS) && r->n > 0; cmd_no++) {
        const uint8_t cmd = rd_u8(r);
        const int64_t total = cs_stepper_total(s);
        const int64_t pos_before = cs_stepper_position(s);
        switch (cmd % 8) {
            case 0:
            case 1: { /* next, a few times or past the end */
                const uint8_t b = rd_u8(r);
                const int64_t times = b >= 0xF0 ? total + 2 : 1 + b % 8;
                for (int64_t t = 0; t < times; t++) {
                    const int64_t before = cs_stepper_position(s);
                    if (before == total) {
                        snapshot sn;
                        take_snapshot(s, c, &sn);
                        CHECK(cs_stepper_next(s) == 0);
                        check_snapshot(s, c, &sn, 1);
                        free_snapshot(&sn);
                        break;
                    }
                    CHECK(cs_stepper_next(s) == 1);
                    CHECK(cs_stepper_position(s) == before + 1);
                }
                break;
            }
            case 2:
            case 3: { /* seek */
                const int64_t pos = cs_stepper_position(s);
                const int64_t k = pick_seek(r, pos, total);
                if (k < 0 || k > total) {
                    snapshot sn;
                    take_snapshot(s, c, &sn);
                    CHECK(cs_stepper_seek(s, k) == CS_ERR_PARAM);
                    check_snapshot(s, c, &sn, 1);
                    free_snapshot(&sn);
                } else {
                    CHECK(cs_stepper_seek(s, k) == CS_OK);
                    CHECK(cs_stepper_position(s) == k);
                    if (k > 0) CHECK(cs_stepper_window(s)->step == k);
                }
                break;
            }
            case 4: /* reset */
                cs_stepper_reset(s);
                CHECK(cs_stepper_position(s) == 0);
                for (int id = 0; id < 6; id++) {
                    cs_shape sh;
                    const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, &sh);
                    if (p != NULL && id != CS_T_A_PREV_PAD)
                        CHECK(all_zero(p, (size_t)count4(sh.m, sh.n_H, sh.n_W, sh.n_C)));
                }
                break;
            case 5: { /* tensors, valid and invalid ids */
                static const int bad_ids[6] = {-1, 6, 7, 1000, INT_MIN, INT_MAX};
                const uint8_t b = rd_u8(r);
                const int sel = (b & 0x7F) % 12;
                const int id = sel < 6 ? sel : bad_ids[sel - 6];
                check_tensor(s, c, id, b & 0x80);
                break;
            }
            case 6: /* the state equals a replay from the start */
                if (!big && replays++ < MAX_REPLAYS) check_replay(s, c, &replay);
                break;
            default: { /* new W, b, dZ or dA, then reset as the header asks */
                const uint8_t b = rd_u8(r);
                double *target = NULL;
                size_t n = 0;
                if (c->op == CS_OP_CONV_FORWARD) {
                    target = b & 1 ? c->b : c->W;
                    n = b & 1 ? c->n_b : c->n_w;
                } else if (c->op == CS_OP_CONV_BACKWARD) {
                    target = b & 1 ? c->dY : c->W;
                    n = b & 1 ? c->n_out : c->n_w;
                } else if (c->op == CS_OP_POOL_BACKWARD) {
                    target = c->dY;
                    n = c->n_out;
                }
                if (target == NULL) break;
                const size_t j = rd_bits(r, 2) % n;
                target[j] = rd_double(r);
                cs_stepper_reset(s);
                finite = inputs_finite(c);
                free_results(&res);         /* computed again when needed */
                cs_stepper_destroy(replay); /* it reads the inputs: a new one is needed */
                replay = NULL;
                break;
            }
        }
        check_window(s, c, finite);
        /* Every output cell of a small case; of a big one, the cells between the old and
         * the new position (the start and the end check all of them). */
        const int64_t pos = cs_stepper_position(s);
        if (is_forward(c->op) && finite && pos > 0) ensure_results(c, &res, finite);
        if (big)
            check_forward_progress(s, c, res.ref[0], finite,
                                   (pos < pos_before ? pos : pos_before) - 1,
                                   (pos > pos_before ? pos : pos_before) + 1);
        else
            check_forward_progress(s, c, res.ref[0], finite, 0, (int64_t)c->n_out);
    }
    ensure_results(c, &res, finite);

    /* To the end, by next or by seek, then compare with the batch kernel. */
    const int64_t total = cs_stepper_total(s), before = cs_stepper_position(s);
    if (end_by_next) {
        int64_t steps = 0;
        while (cs_stepper_next(s)) steps++;
        CHECK(steps == total - before);
    } else {
        CHECK(cs_stepper_seek(s, total) == CS_OK);
    }
    check_window(s, c, finite);
    CHECK(cs_stepper_next(s) == 0);
    check_window(s, c, finite);
    check_final(s, c, &res, finite);
    for (int id = 0; id < 6; id++) check_tensor(s, c, id, 1);
    if (big || replays < MAX_REPLAYS) check_replay(s, c, &replay);
    cs_stepper_destroy(replay);

    /* Back to the start: nothing done. */
    CHECK(cs_stepper_seek(s, 0) == CS_OK);
    check_window(s, c, finite);
    check_forward_progress(s, c, res.ref[0], finite, 0, (int64_t)c->n_out);
    for (int id = 1; id < 6; id++) {
        cs_shape sh;
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)id, &sh);
        if (p != NULL) CHECK(all_zero(p, (size_t)count4(sh.m, sh.n_H, sh.n_W, sh.n_C)));
    }
    cs_stepper_destroy(s);
    free_results(&res);
}

/* ---- the four ops: shapes, validation, failing calls, batch and stepper ---------------------- */

NOCOV static void describe_case(const fcase *c) {
    if (is_conv(c->op))
        snprintf(g_case, sizeof g_case,
                 "op %d, in (%d,%d,%d,%d), f %d n_C %d stride %d pad %d dilation %d", c->op,
                 c->in.m, c->in.n_H, c->in.n_W, c->in.n_C, c->cp.f, c->cp.n_C, c->cp.stride,
                 c->cp.pad, c->cp.dilation);
    else
        snprintf(g_case, sizeof g_case, "op %d, in (%d,%d,%d,%d), f %d stride %d mode %d ties %d",
                 c->op, c->in.m, c->in.n_H, c->in.n_W, c->in.n_C, c->pp.f, c->pp.stride,
                 (int)c->pp.mode, (int)c->pp.ties);
}

static void fuzz_op(reader *r, int op) {
    fcase c;
    memset(&c, 0, sizeof c);
    c.op = op;
    c.in = (cs_shape){rd_int(r, 1, 3), rd_int(r, 1, 9), rd_int(r, 1, 9), rd_int(r, 1, 4)};
    cs_status validated;
    cs_shape shape_out = {-9, -9, -9, -9};
    const cs_shape poison = shape_out;
    cs_status shaped;
    if (is_conv(op)) {
        c.cp = (cs_conv_params){rd_int(r, 1, 4), rd_int(r, 1, 4), rd_int(r, 1, 3), rd_int(r, 0, 3),
                                rd_int(r, 0, 3)};
        describe_case(&c);
        c.m = conv_model(c.in, c.cp);
        const struct {
            cs_shape in;
            cs_conv_params p;
        } cfg = {c.in, c.cp};
        validated = check_validate(conv_validate_cb, &cfg, &c.m, r);
        shaped = cs_conv_output_shape(c.in, c.cp, &shape_out);
        CHECK(cs_conv_output_shape(c.in, c.cp, NULL) == CS_ERR_NULL);
    } else {
        c.pp.f = rd_int(r, 1, 4);
        c.pp.stride = rd_int(r, 1, 3);
        c.pp.mode = (cs_pool_mode)rd_enum(r);
        c.pp.ties = (cs_pool_ties)rd_enum(r);
        describe_case(&c);
        c.m = pool_model(c.in, c.pp);
        const struct {
            cs_shape in;
            cs_pool_params p;
        } cfg = {c.in, c.pp};
        validated = check_validate(pool_validate_cb, &cfg, &c.m, r);
        shaped = cs_pool_output_shape(c.in, c.pp, &shape_out);
        CHECK(cs_pool_output_shape(c.in, c.pp, NULL) == CS_ERR_NULL);
    }
    CHECK(shaped == validated);
    if (shaped == CS_OK)
        CHECK(same_shape(shape_out, c.m.out));
    else
        CHECK(same_shape(shape_out, poison));

    c.f = is_conv(op) ? c.cp.f : c.pp.f;
    c.stride = is_conv(op) ? c.cp.stride : c.pp.stride;
    c.pad = is_conv(op) ? c.cp.pad : 0;
    const int nC = is_conv(op) ? c.cp.n_C : c.in.n_C;
    int runnable = 0;
    if (c.m.ok) {
        c.out = c.m.out;
        c.span = c.m.span;
        c.Hp = c.m.Hp;
        c.Wp = c.m.Wp;
        c.dil = c.m.dil;
        c.n_in = (size_t)c.m.n_in;
        c.n_pad = (size_t)c.m.n_pad;
        c.n_out = (size_t)c.m.n_out;
        c.n_w = is_conv(op) ? (size_t)c.m.n_w : 0;
        c.n_b = is_conv(op) ? (size_t)nC : 0;
        const long long window = (long long)c.f * c.f * (is_conv(op) ? c.in.n_C : 1);
        runnable = c.m.n_pad <= LIMIT_ELEMS && c.m.n_out <= LIMIT_ELEMS && c.m.n_w <= LIMIT_ELEMS &&
                   c.m.n_out <= LIMIT_WORK / window;
        if (runnable) {
            const long long cost =
                case_cost(c.m.n_out * window, c.m.n_pad + c.m.n_out + c.m.n_w + c.m.n_in);
            c.big = cost > SMALL_COST;
            runnable = runs_big(cost);
        }
    }
    if (runnable) {
        c.A = dalloc(c.n_in);
        fill_values(r, c.A, c.n_in);
        if (is_conv(op)) {
            c.W = dalloc(c.n_w);
            fill_values(r, c.W, c.n_w);
        }
        if (op == CS_OP_CONV_FORWARD) {
            c.b = dalloc(c.n_b);
            fill_values(r, c.b, c.n_b);
        }
        if (!is_forward(op)) {
            c.dY = dalloc(c.n_out);
            fill_values(r, c.dY, c.n_out);
        }
        c.A_orig = dclone(c.A, c.n_in);
    } else {
        /* Invalid or big: buffers of the described size when that is small, else one element.
         * Only failing calls are made, and they must not touch anything. */
        const long long m = c.in.m, H = c.in.n_H, Wd = c.in.n_W, C = c.in.n_C;
        long long oH = -1, oW = -1;
        if (c.m.ok) {
            oH = c.m.out.n_H;
            oW = c.m.out.n_W;
        }
        c.n_in = buffer_count(m, H, Wd, C);
        c.n_w = is_conv(op) ? buffer_count(c.f, c.f, C, nC) : 0;
        c.n_b = is_conv(op) ? buffer_count(1, 1, 1, nC) : 0;
        c.n_out = buffer_count(m, oH, oW, nC);
        c.A = dalloc(c.n_in);
        fill_values(r, c.A, c.n_in);
        c.W = is_conv(op) ? dalloc(c.n_w) : NULL;
        c.b = op == CS_OP_CONV_FORWARD ? dalloc(c.n_b) : NULL;
        if (c.W) fill_values(r, c.W, c.n_w);
        if (c.b) fill_values(r, c.b, c.n_b);
        c.dY = is_forward(op) ? NULL : dalloc(c.n_out);
        if (c.dY) fill_values(r, c.dY, c.n_out);
        c.A_orig = dclone(c.A, c.n_in);
    }
    check_failing_calls(&c, validated);
    if (runnable) run_stepper(&c, r);
    free(c.A);
    free(c.A_orig);
    free(c.W);
    free(c.b);
    free(c.dY);
}

/* ---- transposed convolution ---------------------------------------------------------------- */

typedef struct {
    cs_shape in, out, ps; /* X, Y, Y_pad */
    cs_conv_transpose_params p;
    int d, span;
    size_t n_x, n_w, n_b, n_y, n_pad;
} ctcase;

NOCOV static model conv_transpose_model(cs_shape in, cs_conv_transpose_params p) {
    model m;
    memset(&m, 0, sizeof m);
    const long long d = p.dilation == 0 ? 1 : p.dilation;
    const int P = p.f < 1 || p.n_C_out < 1 || p.stride < 1 || p.pad < 0 || p.dilation < 0 ||
                  p.output_padding < 0 || (p.output_padding >= p.stride && p.output_padding >= d);
    const int D = in.m < 1 || in.n_H < 1 || in.n_W < 1 || in.n_C < 1;
    if (P || D) {
        m.allow[CS_ERR_PARAM] = P;
        m.allow[CS_ERR_SHAPE] = D;
        m.allow[CS_ERR_TOO_LARGE] = 1;
        return m;
    }
    m.n_in = count4(in.m, in.n_H, in.n_W, in.n_C);
    m.n_w = count4(p.f, p.f, p.n_C_out, in.n_C);
    if (m.n_in > CS_MAX_ELEMENTS || m.n_w > CS_MAX_ELEMENTS) {
        m.allow[CS_ERR_TOO_LARGE] = 1; /* checked before the output's size */
        return m;
    }
    const long long span = d * ((long long)p.f - 1) + 1;
    const long long Hp = ((long long)in.n_H - 1) * p.stride + span + p.output_padding;
    const long long Wp = ((long long)in.n_W - 1) * p.stride + span + p.output_padding;
    const long long nH = Hp - 2LL * p.pad, nW = Wp - 2LL * p.pad;
    const int F = nH < 1 || nW < 1;
    m.n_pad = count4(in.m, Hp, Wp, p.n_C_out);
    const int L = !F && m.n_pad > CS_MAX_ELEMENTS;
    m.allow[CS_ERR_SHAPE] = F;
    m.allow[CS_ERR_TOO_LARGE] = L;
    m.ok = !F && !L;
    if (m.ok) {
        m.out = (cs_shape){in.m, (int)nH, (int)nW, p.n_C_out};
        m.n_out = count4(in.m, nH, nW, p.n_C_out);
        m.span = (int)span;
        m.Hp = (int)Hp;
        m.Wp = (int)Wp;
        m.dil = (int)d;
    }
    return m;
}

static cs_status conv_transpose_validate_cb(const void *cfg, char *msg, size_t cap) {
    const struct {
        cs_shape in;
        cs_conv_transpose_params p;
    } *c = cfg;
    return cs_conv_transpose_validate(c->in, c->p, msg, cap);
}

/* The loop of convstep.h, literally: Y_pad += X * W per window in (i, c, h, w) order, crop, + b.
 * ct_ref_advance adds the windows done .. to-1 to Y_pad, ct_ref_crop writes Y. */
NOCOV static void ct_ref_advance(const ctcase *c, const double *X, const double *W, int64_t done,
                                 int64_t to, double *Y_pad) {
    const int f = c->p.f, C = c->in.n_C, Co = c->p.n_C_out;
    for (int64_t k = done; k < to; k++) {
        int64_t q = k;
        const int w = (int)(q % c->in.n_W);
        q /= c->in.n_W;
        const int h = (int)(q % c->in.n_H);
        q /= c->in.n_H;
        const int ch = (int)(q % C);
        const int i = (int)(q / C);
        const double x = X[at4(c->in.n_H, c->in.n_W, C, i, h, w, ch)];
        for (int u = 0; u < f; u++)
            for (int v = 0; v < f; v++)
                for (int k2 = 0; k2 < Co; k2++)
                    Y_pad[at4(c->ps.n_H, c->ps.n_W, Co, i, h * c->p.stride + u * c->d,
                              w * c->p.stride + v * c->d, k2)] +=
                        x * W[at4(f, Co, C, u, v, k2, ch)];
    }
}

NOCOV static void ct_ref_crop(const ctcase *c, const double *Y_pad, const double *b, double *Y) {
    const int Co = c->p.n_C_out;
    for (int i = 0; i < c->out.m; i++)
        for (int y = 0; y < c->out.n_H; y++)
            for (int x = 0; x < c->out.n_W; x++)
                for (int k = 0; k < Co; k++)
                    Y[at4(c->out.n_H, c->out.n_W, Co, i, y, x, k)] =
                        Y_pad[at4(c->ps.n_H, c->ps.n_W, Co, i, y + c->p.pad, x + c->p.pad, k)] +
                        b[k];
}

/* The reference after `done` windows, moved on (or started again) as the checks need. */
typedef struct {
    double *Y_pad, *Y;
    int64_t done;
} ctref;

NOCOV static void ct_ref_goto(const ctcase *c, const double *X, const double *W, const double *b,
                              int64_t pos, ctref *ref) {
    if (ref->done > pos) {
        memset(ref->Y_pad, 0, c->n_pad * sizeof(double));
        ref->done = 0;
    }
    ct_ref_advance(c, X, W, ref->done, pos, ref->Y_pad);
    ref->done = pos;
    ct_ref_crop(c, ref->Y_pad, b, ref->Y);
}

/* The record and the tensors after `pos` steps, against the reference. */
NOCOV static void check_conv_transpose_state(cs_stepper *s, const ctcase *c, const double *X,
                                             const double *W, const double *b, ctref *ref) {
    const int64_t pos = cs_stepper_position(s);
    CHECK(cs_stepper_total(s) == (int64_t)c->n_x);
    const cs_window *win = cs_stepper_window(s);
    CHECK(win->step == pos && win->total == (int64_t)c->n_x && win->op == CS_OP_CONV_TRANSPOSE &&
          win->f == c->p.f && win->mask_count == 0);
    const unsigned char *mask = cs_stepper_mask(s);
    for (int j = 0; j < c->p.f * c->p.f; j++) CHECK(mask[j] == 0);
    if (pos > 0) {
        int64_t k = pos - 1;
        const int w = (int)(k % c->in.n_W), h = (int)(k / c->in.n_W % c->in.n_H);
        const int ch = (int)(k / ((int64_t)c->in.n_W * c->in.n_H) % c->in.n_C);
        const int i = (int)(k / ((int64_t)c->in.n_W * c->in.n_H * c->in.n_C));
        CHECK(win->i == i && win->c == ch && win->h == h && win->w == w);
        CHECK(win->vert_start == h * c->p.stride && win->vert_end == h * c->p.stride + c->span);
        CHECK(win->hori_start == w * c->p.stride && win->hori_end == w * c->p.stride + c->span);
        const double x = X[at4(c->in.n_H, c->in.n_W, c->in.n_C, i, h, w, ch)];
        CHECK(same_double(win->value, x) && same_double(win->amount, x));
    } else {
        CHECK(win->i == 0 && win->c == 0 && win->h == 0 && win->w == 0 && win->vert_end == 0 &&
              win->value == 0.0 && win->amount == 0.0);
    }
    ct_ref_goto(c, X, W, b, pos, ref);
    cs_shape sh = {-7, -7, -7, -7};
    const double *t = cs_stepper_tensor(s, CS_T_OUT_PAD, &sh);
    CHECK(t != NULL && same_shape(sh, c->ps) && same_array(t, ref->Y_pad, c->n_pad));
    t = cs_stepper_tensor(s, CS_T_OUT, &sh);
    CHECK(t != NULL && same_shape(sh, c->out) && same_array(t, ref->Y, c->n_y));
    t = cs_stepper_tensor(s, CS_T_A_PREV_PAD, &sh);
    CHECK(t != NULL && same_shape(sh, c->in) && memcmp(t, X, c->n_x * sizeof(double)) == 0);
    for (int id = -1; id <= CS_T_OUT_PAD + 1; id++) {
        if (id == CS_T_A_PREV_PAD || id == CS_T_OUT || id == CS_T_OUT_PAD) continue;
        cs_shape un = {-7, -7, -7, -7};
        CHECK(cs_stepper_tensor(s, (cs_tensor_id)id, &un) == NULL && un.m == -7);
    }
}

static void fuzz_conv_transpose(reader *r) {
    ctcase c;
    memset(&c, 0, sizeof c);
    c.in = (cs_shape){rd_int(r, 1, 2), rd_int(r, 1, 5), rd_int(r, 1, 5), rd_int(r, 1, 3)};
    c.p = (cs_conv_transpose_params){rd_int(r, 1, 4), rd_int(r, 1, 3), rd_int(r, 1, 3),
                                     rd_int(r, 0, 3), rd_int(r, 0, 3), rd_int(r, 0, 2)};
    snprintf(g_case, sizeof g_case,
             "conv_transpose X (%d,%d,%d,%d) f %d n_C_out %d stride %d pad %d dilation %d "
             "output_padding %d",
             c.in.m, c.in.n_H, c.in.n_W, c.in.n_C, c.p.f, c.p.n_C_out, c.p.stride, c.p.pad,
             c.p.dilation, c.p.output_padding);
    const model m = conv_transpose_model(c.in, c.p);
    const struct {
        cs_shape in;
        cs_conv_transpose_params p;
    } cfg = {c.in, c.p};
    const cs_status validated = check_validate(conv_transpose_validate_cb, &cfg, &m, r);
    cs_shape shape_out = {-9, -9, -9, -9};
    CHECK(cs_conv_transpose_output_shape(c.in, c.p, &shape_out) == validated);
    CHECK(cs_conv_transpose_output_shape(c.in, c.p, NULL) == CS_ERR_NULL);
    if (validated == CS_OK)
        CHECK(same_shape(shape_out, m.out));
    else
        CHECK(shape_out.m == -9 && shape_out.n_H == -9 && shape_out.n_W == -9 &&
              shape_out.n_C == -9);

    int runnable = m.ok && m.n_in <= LIMIT_ELEMS && m.n_pad <= LIMIT_ELEMS &&
                   m.n_w <= LIMIT_ELEMS &&
                   m.n_in <= LIMIT_WORK / ((long long)c.p.f * c.p.f * c.p.n_C_out);
    const long long cost = runnable ? case_cost(m.n_in * c.p.f * c.p.f * c.p.n_C_out,
                                                m.n_in + m.n_w + m.n_pad + m.n_out)
                                    : 0;
    const int big = cost > SMALL_COST;
    if (runnable) runnable = runs_big(cost);
    if (runnable) {
        c.out = m.out;
        c.ps = (cs_shape){c.in.m, m.Hp, m.Wp, c.p.n_C_out};
        c.d = m.dil;
        c.span = m.span;
        c.n_x = (size_t)m.n_in;
        c.n_w = (size_t)m.n_w;
        c.n_b = (size_t)c.p.n_C_out;
        c.n_y = (size_t)m.n_out;
        c.n_pad = (size_t)m.n_pad;
    } else {
        /* Only failing calls: one-element buffers, which they must not touch. */
        c.n_x = c.n_w = c.n_b = c.n_y = 1;
    }
    double *X = dalloc(c.n_x), *W = dalloc(c.n_w), *b = dalloc(c.n_b), *Y = dalloc(c.n_y);
    fill_values(r, X, c.n_x);
    fill_values(r, W, c.n_w);
    fill_values(r, b, c.n_b);
    static int anchor;
    cs_stepper *const untouched = (cs_stepper *)(void *)&anchor;
    for (int null_at = m.ok ? 0 : -1; null_at < 5; null_at++) {
        fill_sentinel(Y, c.n_y);
        if (null_at < 4) {
            const cs_status s =
                cs_conv_transpose(null_at == 0 ? NULL : X, c.in, null_at == 1 ? NULL : W,
                                  null_at == 2 ? NULL : b, c.p, null_at == 3 ? NULL : Y);
            check_status(s, &m, null_at >= 0);
            if (null_at < 0) CHECK(s == validated);
            CHECK(all_sentinel(Y, c.n_y));
        }
        cs_stepper *st = untouched;
        const int cn = null_at == 4 ? 3 : null_at; /* create has 4 pointers: X, W, b, out */
        const cs_status s =
            cs_stepper_create_conv_transpose(cn == 0 ? NULL : X, c.in, cn == 1 ? NULL : W,
                                             cn == 2 ? NULL : b, c.p, cn == 3 ? NULL : &st);
        check_status(s, &m, cn >= 0);
        CHECK(st == untouched);
        if (null_at < 0) break;
    }
    if (runnable) {
        ctref ref = {dalloc(c.n_pad), dalloc(c.n_y), 0};
        memset(ref.Y_pad, 0, c.n_pad * sizeof(double));
        fill_sentinel(Y, c.n_y);
        CHECK(cs_conv_transpose(X, c.in, W, b, c.p, Y) == CS_OK);
        CHECK(no_sentinel(Y, c.n_y));
        ct_ref_goto(&c, X, W, b, (int64_t)c.n_x, &ref);
        CHECK(same_array(Y, ref.Y, c.n_y)); /* the loop's order: the same bits */

        double *X_copy = dclone(X, c.n_x);
        cs_stepper *s = NULL;
        CHECK(cs_stepper_create_conv_transpose(X, c.in, W, b, c.p, &s) == CS_OK && s != NULL);
        fill_sentinel(X, c.n_x); /* the stepper keeps its own copy */
        check_conv_transpose_state(s, &c, X_copy, W, b, &ref);
        const int64_t total = (int64_t)c.n_x;
        for (int k = 0; k < (big ? BIG_CMDS : MAX_CMDS) && r->n > 0; k++) {
            const uint8_t cmd = rd_u8(r);
            switch (cmd % 4) {
                case 0: {
                    const int times = 1 + rd_u8(r) % 8;
                    for (int j = 0; j < times; j++) {
                        const int64_t before = cs_stepper_position(s);
                        CHECK(cs_stepper_next(s) == (before < total));
                    }
                    break;
                }
                case 1: {
                    const int64_t to = pick_seek(r, cs_stepper_position(s), total);
                    const int64_t before = cs_stepper_position(s);
                    const cs_status st = cs_stepper_seek(s, to);
                    if (to < 0 || to > total)
                        CHECK(st == CS_ERR_PARAM && cs_stepper_position(s) == before);
                    else
                        CHECK(st == CS_OK && cs_stepper_position(s) == to);
                    break;
                }
                case 2:
                    cs_stepper_reset(s);
                    CHECK(cs_stepper_position(s) == 0);
                    break;
                default:
                    check_conv_transpose_state(s, &c, X_copy, W, b, &ref);
                    break;
            }
        }
        check_conv_transpose_state(s, &c, X_copy, W, b, &ref);
        CHECK(cs_stepper_seek(s, total) == CS_OK);
        cs_shape sh;
        CHECK(same_array(cs_stepper_tensor(s, CS_T_OUT, &sh), Y, c.n_y));
        cs_stepper_destroy(s);
        free(X_copy);
        free(ref.Y_pad);
        free(ref.Y);
    }
    free(X);
    free(W);
    free(b);
    free(Y);
}

/* ---- the small functions ---------------------------------------------------------------------- */

static void fuzz_zero_pad(reader *r) {
    const cs_shape in = {rd_int(r, 1, 3), rd_int(r, 1, 9), rd_int(r, 1, 9), rd_int(r, 1, 4)};
    const int pad = rd_int(r, 0, 4);
    snprintf(g_case, sizeof g_case, "zero_pad in (%d,%d,%d,%d) pad %d", in.m, in.n_H, in.n_W,
             in.n_C, pad);
    const model m = zero_pad_model(in, pad);
    const int runnable = m.ok && m.n_pad <= LIMIT_ELEMS && runs_big(case_cost(0, m.n_in + m.n_pad));
    const size_t n_in = runnable ? (size_t)m.n_in : buffer_count(in.m, in.n_H, in.n_W, in.n_C);
    const size_t n_pad = runnable ? (size_t)m.n_pad
                                  : (pad < 0 ? 1
                                             : buffer_count(in.m, (long long)in.n_H + 2LL * pad,
                                                            (long long)in.n_W + 2LL * pad, in.n_C));
    double *X = dalloc(n_in), *P = dalloc(n_pad);
    fill_values(r, X, n_in);
    /* NULL pointers first: nothing written. */
    fill_sentinel(P, n_pad);
    check_status(cs_zero_pad(NULL, in, pad, P), &m, 1);
    CHECK(all_sentinel(P, n_pad));
    check_status(cs_zero_pad(X, in, pad, NULL), &m, 1);
    check_status(cs_zero_pad(NULL, in, pad, NULL), &m, 1);
    if (!m.ok) {
        check_status(cs_zero_pad(X, in, pad, P), &m, 0);
        CHECK(all_sentinel(P, n_pad));
    } else if (runnable) { /* valid but big: only the NULL calls above */
        CHECK(cs_zero_pad(X, in, pad, P) == CS_OK);
        for (int i = 0; i < in.m; i++)
            for (int y = 0; y < m.Hp; y++)
                for (int x = 0; x < m.Wp; x++)
                    for (int k = 0; k < in.n_C; k++) {
                        const int row = y - pad, col = x - pad;
                        const double got = P[at4(m.Hp, m.Wp, in.n_C, i, y, x, k)];
                        if (row < 0 || row >= in.n_H || col < 0 || col >= in.n_W)
                            CHECK(double_to_bits(got) == 0); /* +0.0 */
                        else
                            CHECK(double_to_bits(got) ==
                                  double_to_bits(X[at4(in.n_H, in.n_W, in.n_C, i, row, col, k)]));
                    }
    }
    free(X);
    free(P);
}

static void fuzz_single_step(reader *r) {
    const size_t n = rd_u8(r) % 64;
    snprintf(g_case, sizeof g_case, "conv_single_step n %zu", n);
    double *a = dalloc(n), *w = dalloc(n);
    fill_values(r, a, n);
    fill_values(r, w, n);
    const double b = rd_double(r);
    double s = 0.0;
    for (size_t j = 0; j < n; j++) s += a[j] * w[j];
    CHECK(same_double(cs_conv_single_step(a, w, b, n), s + b));
    /* A NULL array: "functions without a status return do nothing (and return ... 0.0) when
     * given NULL", whatever n is. */
    const uint8_t nulls = rd_u8(r);
    if (nulls & 3)
        CHECK(cs_conv_single_step(nulls & 1 ? NULL : a, nulls & 2 ? NULL : w, b, n) == 0.0);
    CHECK(cs_conv_single_step(NULL, NULL, b, 0) == 0.0);
    free(a);
    free(w);
}

static void fuzz_mask(reader *r) {
    const int f = rd_int(r, 1, 5);
    const size_t cs = rd_u8(r) % 4; /* 0: every column the same cell */
    const size_t ld = (size_t)(f > 0 ? f : 1) * cs + rd_u8(r) % 4;
    static const int ties_vals[4] = {CS_TIES_ALL, CS_TIES_FIRST, 2, -1};
    const int ties = ties_vals[rd_u8(r) % 4];
    snprintf(g_case, sizeof g_case, "create_mask_from_window f %d ld %zu cs %zu ties %d", f, ld, cs,
             ties);
    const int valid = f >= 1 && f <= 64;
    const size_t nx = valid ? (size_t)(f - 1) * ld + (size_t)(f - 1) * cs + 1 : 1;
    const size_t nm = valid ? (size_t)f * f : 1;
    double *x = dalloc(nx);
    fill_values(r, x, nx);
    unsigned char *mask = xmalloc(nm), *want = xmalloc(nm);
    memset(mask, 0xAA, nm);
    CHECK(cs_create_mask_from_window(NULL, f, ld, cs, (cs_pool_ties)ties, mask) == 0);
    CHECK(cs_create_mask_from_window(x, f, ld, cs, (cs_pool_ties)ties, NULL) == 0);
    for (size_t j = 0; j < nm; j++) CHECK(mask[j] == 0xAA);
    if (f < 1) {
        CHECK(cs_create_mask_from_window(x, f, ld, cs, (cs_pool_ties)ties, mask) == 0);
        CHECK(mask[0] == 0xAA);
    } else if (valid) {
        const int n = cs_create_mask_from_window(x, f, ld, cs, (cs_pool_ties)ties, mask);
        int ones = 0;
        for (size_t j = 0; j < nm; j++) {
            CHECK(mask[j] <= 1);
            ones += mask[j];
        }
        CHECK(n == ones);
        if (ties == CS_TIES_FIRST) CHECK(n <= 1);
        if (all_finite(x, nx)) {
            CHECK(n >= 1);
            if (ties == CS_TIES_ALL || ties == CS_TIES_FIRST) {
                ref_mask(x, f, ld, cs, ties == CS_TIES_FIRST, want);
                CHECK(memcmp(mask, want, nm) == 0);
            }
        }
    }
    free(x);
    free(mask);
    free(want);
}

static void fuzz_distribute(reader *r) {
    const int f = rd_int(r, 1, 6);
    const double dz = rd_double(r);
    snprintf(g_case, sizeof g_case, "distribute_value f %d dz %.17g", f, dz);
    const int valid = f >= 1 && f <= 64;
    const size_t n = valid ? (size_t)f * f : 1;
    double *a = dalloc(n);
    fill_sentinel(a, n);
    cs_distribute_value(dz, f, NULL);
    if (!valid && f >= 1) {
        /* f*f doubles would not fit in memory: not called. */
    } else {
        cs_distribute_value(dz, f, a);
        if (!valid) {
            CHECK(all_sentinel(a, n));
        } else {
            const double share = dz / ((double)f * (double)f);
            for (size_t j = 0; j < n; j++) CHECK(same_double(a[j], share));
        }
    }
    free(a);
}

static void fuzz_rng_and_messages(reader *r) {
    snprintf(g_case, sizeof g_case, "rng and status messages");
    for (int s = -3; s <= 9; s++) {
        const char *msg = cs_status_message((cs_status)s);
        CHECK(msg != NULL);
        const size_t len = bounded_len(msg, 1024);
        CHECK(len >= 1 && len < 1024);
        CHECK(utf8_valid(msg));
    }
    /* Known values: numpy's RandomState(5489) first draw, np.random.seed(0); randn(). */
    /* (Once per process: seeding costs 624 words, and the answer cannot change.) */
    static int known_checked;
    if (!known_checked) {
        static cs_rng known; /* big: keep it off the stack */
        cs_rng_seed(&known, 5489u);
        CHECK(cs_rng_next_u32(&known) == 3499211612u);
        cs_rng_seed(&known, 0u);
        CHECK(cs_rng_randn(&known) == 1.764052345967664);
        known_checked = 1;
    }

    static cs_rng a, b;
    const uint32_t seed = (uint32_t)rd_bits(r, 4);
    cs_rng_seed(&a, seed);
    cs_rng_seed(&b, seed);
    cs_rng_seed(NULL, seed);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    for (int k = 0; k < 16 && r->n > 0; k++) {
        const uint8_t cmd = rd_u8(r);
        switch (cmd % 5) {
            case 0:
                CHECK(cs_rng_next_u32(&a) == cs_rng_next_u32(&b));
                break;
            case 1: {
                const double x = cs_rng_random(&a);
                CHECK(x >= 0.0 && x < 1.0);
                CHECK(double_to_bits(x) == double_to_bits(cs_rng_random(&b)));
                break;
            }
            case 2: {
                const double x = cs_rng_randn(&a);
                CHECK(isfinite(x));
                CHECK(double_to_bits(x) == double_to_bits(cs_rng_randn(&b)));
                break;
            }
            case 3: {
                /* fill(n) == n single draws, the cached Gaussian carried across. */
                const size_t n = rd_u8(r) % 40;
                double *out = dalloc(n);
                fill_sentinel(out, n);
                cs_rng_randn_fill(&a, out, n);
                for (size_t j = 0; j < n; j++)
                    CHECK(double_to_bits(out[j]) == double_to_bits(cs_rng_randn(&b)));
                free(out);
                break;
            }
            default: {
                /* NULL arguments: nothing happens. */
                static cs_rng before;
                memcpy(&before, &a, sizeof a);
                cs_rng_randn_fill(&a, NULL, rd_u8(r));
                cs_rng_randn_fill(NULL, NULL, 3);
                double one = 5.0;
                cs_rng_randn_fill(NULL, &one, 1);
                CHECK(one == 5.0);
                CHECK(memcmp(&before, &a, sizeof a) == 0);
                CHECK(cs_rng_next_u32(NULL) == 0);
                CHECK(cs_rng_random(NULL) == 0.0);
                CHECK(cs_rng_randn(NULL) == 0.0);
                break;
            }
        }
    }
    CHECK(memcmp(&a, &b, sizeof a) == 0);
}

/* The stepper functions that take a NULL stepper. */
static void null_steppers(void) {
    cs_stepper_destroy(NULL);
    CHECK(cs_stepper_next(NULL) == 0);
    CHECK(cs_stepper_seek(NULL, 0) == CS_ERR_NULL);
    CHECK(cs_stepper_seek(NULL, -1) != CS_OK);
    cs_stepper_reset(NULL);
    CHECK(cs_stepper_window(NULL) == NULL);
    CHECK(cs_stepper_mask(NULL) == NULL);
    CHECK(cs_stepper_total(NULL) == 0);
    CHECK(cs_stepper_position(NULL) == 0);
    cs_shape sh = {-7, -7, -7, -7};
    CHECK(cs_stepper_tensor(NULL, CS_T_OUT, &sh) == NULL);
    CHECK(sh.m == -7 && sh.n_H == -7 && sh.n_W == -7 && sh.n_C == -7);
}

static void fuzz_rng_messages_and_null_steppers(reader *r) {
    fuzz_rng_and_messages(r);
    null_steppers();
}

/* The targets after the ops, in selector order. */
static void (*const k_small_targets[])(reader *) = {
    fuzz_zero_pad,
    fuzz_single_step,
    fuzz_mask,
    fuzz_distribute,
    fuzz_rng_messages_and_null_steppers,
};
#define N_SMALL_TARGETS ((int)(sizeof k_small_targets / sizeof k_small_targets[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    reader r = {data, size, 0x9E3779B97F4A7C15ULL};
    for (size_t j = 0; j < size; j++) r.rng = (r.rng ^ data[j]) * 0x100000001B3ULL;
    if (r.rng == 0) r.rng = 1;
    /* splitmix64's finalizer: every bit of the hash depends on every byte. */
    uint64_t h = r.rng;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
    g_input_hash = h ^ (h >> 31);
    g_case[0] = '\0';
    /* Selectors 0 .. CS_OP_COUNT-1 are the ops (fuzz_op), then the small functions. */
    const uint8_t sel = rd_u8(&r) % (CS_OP_COUNT + N_SMALL_TARGETS);
    if (sel == CS_OP_CONV_TRANSPOSE)
        fuzz_conv_transpose(&r);
    else if (sel < CS_OP_COUNT)
        fuzz_op(&r, sel);
    else
        k_small_targets[sel - CS_OP_COUNT](&r);
    return 0;
}
