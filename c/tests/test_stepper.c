/*
 * test_stepper.c - the step iterator the page animates.
 *
 * On a few dozen random small configurations (fixed seeds) of the four ops:
 *   - run to the end it equals the batch kernel: forward ops bit for bit, backward ops within
 *     1e-12 times the sum of the magnitudes of each element's terms (the batch conv kernel sums
 *     dA_prev over output channels first), and the test's naive seed-order loop exactly;
 *   - after k steps its tensors hold the partial sums of the first k windows in loop order;
 *   - the batch kernels equal the naive loops (exactly where they keep the seed's order);
 *   - seek(k) leaves exactly the state of k calls of next(), forwards and backwards;
 *   - the window record of every step matches one computed here from the loop order;
 * and the edges: step 0 (total, op and f set, all else 0), the end, the tensors each op owns,
 * the padded copy and the crop.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static const char *const op_names[] = {"conv forward", "conv backward", "pool forward",
                                       "pool backward", "conv transpose"};
_Static_assert(sizeof op_names / sizeof op_names[0] == CS_OP_COUNT, "one name per op");

typedef struct {
    cs_op op;
    cs_shape in, out;
    cs_shape loop; /* the loop's (i, h, w, c) extents: out, or X's shape for conv transpose */
    cs_conv_params cp;
    cs_pool_params pp;
    cs_conv_transpose_params tp;
    int f;
    double *A, *W, *b, *dZ; /* dZ is dA for pool backward; conv transpose: A is X, no dZ */
    char label[200];
} problem;

/* Tensor ids 0 .. N_TENSOR_IDS-1 exist (cs_tensor_id). */
#define N_TENSOR_IDS (CS_T_OUT_PAD + 1)

static int is_conv(cs_op op) {
    return op == CS_OP_CONV_FORWARD || op == CS_OP_CONV_BACKWARD;
}
static int is_max_pool(const problem *pr) {
    return (pr->op == CS_OP_POOL_FORWARD || pr->op == CS_OP_POOL_BACKWARD) &&
           pr->pp.mode == CS_POOL_MAX;
}
/* Written out here rather than taken from cs_op_is_forward, which this file tests. */
static int is_forward(cs_op op) {
    return op == CS_OP_CONV_FORWARD || op == CS_OP_POOL_FORWARD;
}

static void make_problem(problem *pr, cs_op op, uint64_t seed) {
    t_rand r;
    t_rand_seed(&r, seed * 7919 + (uint64_t)op);
    memset(pr, 0, sizeof *pr);
    pr->op = op;
    if (op == CS_OP_CONV_TRANSPOSE) {
        for (;;) {
            cs_conv_transpose_params p = {.f = t_rand_int(&r, 1, 3),
                                          .n_C_out = t_rand_int(&r, 1, 3),
                                          .stride = t_rand_int(&r, 1, 3),
                                          .pad = t_rand_int(&r, 0, 2),
                                          .dilation = t_rand_int(&r, 0, 2)};
            const int d = p.dilation < 1 ? 1 : p.dilation;
            p.output_padding = t_rand_int(&r, 0, (p.stride > d ? p.stride : d) - 1);
            cs_shape in = {t_rand_int(&r, 1, 2), t_rand_int(&r, 1, 5), t_rand_int(&r, 1, 5),
                           t_rand_int(&r, 1, 3)};
            const cs_shape out = ref_conv_transpose_shape(in, p);
            if (out.n_H < 1 || out.n_W < 1) continue;
            pr->tp = p;
            pr->in = in;
            pr->out = out;
            break;
        }
        pr->f = pr->tp.f;
        pr->loop = pr->in;
        snprintf(pr->label, sizeof pr->label,
                 "%s seed %llu: X (%d,%d,%d,%d), f %d, n_C_out %d, stride %d, pad %d, dilation %d, "
                 "output_padding %d",
                 op_names[op], (unsigned long long)seed, pr->in.m, pr->in.n_H, pr->in.n_W,
                 pr->in.n_C, pr->tp.f, pr->tp.n_C_out, pr->tp.stride, pr->tp.pad, pr->tp.dilation,
                 pr->tp.output_padding);
        const size_t na = t_count(pr->in), nw = (size_t)pr->f * pr->f * pr->tp.n_C_out * pr->in.n_C;
        pr->A = t_alloc_nan(na);
        pr->W = t_alloc_nan(nw);
        pr->b = t_alloc_nan((size_t)pr->tp.n_C_out);
        t_rand_fill_gauss(&r, pr->A, na);
        t_rand_fill_gauss(&r, pr->W, nw);
        t_rand_fill_gauss(&r, pr->b, (size_t)pr->tp.n_C_out);
        return;
    }
    if (is_conv(op)) {
        for (;;) {
            cs_conv_params p = {.f = t_rand_int(&r, 1, 3),
                                .n_C = t_rand_int(&r, 1, 3),
                                .stride = t_rand_int(&r, 1, 3),
                                .pad = t_rand_int(&r, 0, 2),
                                .dilation = t_rand_int(&r, 0, 2)};
            cs_shape in = {t_rand_int(&r, 1, 2), t_rand_int(&r, 1, 7), t_rand_int(&r, 1, 7),
                           t_rand_int(&r, 1, 3)};
            const int span = (p.dilation < 1 ? 1 : p.dilation) * (p.f - 1) + 1;
            if (in.n_H + 2 * p.pad < span || in.n_W + 2 * p.pad < span) continue;
            pr->cp = p;
            pr->in = in;
            break;
        }
        pr->f = pr->cp.f;
        pr->out = ref_conv_shape(pr->in, pr->cp);
        snprintf(pr->label, sizeof pr->label,
                 "%s seed %llu: A_prev (%d,%d,%d,%d), f %d, n_C %d, stride %d, pad %d, dilation %d",
                 op_names[op], (unsigned long long)seed, pr->in.m, pr->in.n_H, pr->in.n_W,
                 pr->in.n_C, pr->cp.f, pr->cp.n_C, pr->cp.stride, pr->cp.pad, pr->cp.dilation);
    } else {
        cs_pool_params p = {.f = t_rand_int(&r, 1, 3),
                            .stride = t_rand_int(&r, 1, 3),
                            .mode = (cs_pool_mode)t_rand_int(&r, 0, 1),
                            .ties = (cs_pool_ties)t_rand_int(&r, 0, 1)};
        cs_shape in = {t_rand_int(&r, 1, 2), t_rand_int(&r, p.f, 7), t_rand_int(&r, p.f, 7),
                       t_rand_int(&r, 1, 3)};
        pr->pp = p;
        pr->in = in;
        pr->f = p.f;
        pr->out = ref_pool_shape(in, p);
        snprintf(pr->label, sizeof pr->label,
                 "%s seed %llu: A_prev (%d,%d,%d,%d), f %d, stride %d, %s, ties %s", op_names[op],
                 (unsigned long long)seed, in.m, in.n_H, in.n_W, in.n_C, p.f, p.stride,
                 p.mode == CS_POOL_MAX ? "max" : "average",
                 p.ties == CS_TIES_ALL ? "all" : "first");
    }
    pr->loop = pr->out;
    const size_t na = t_count(pr->in), no = t_count(pr->out);
    pr->A = t_alloc_nan(na);
    /* Max pooling on small integers half the time, so that windows have ties. */
    if (is_max_pool(pr) && t_rand_int(&r, 0, 1))
        t_rand_fill_int(&r, pr->A, na, -2, 2);
    else
        t_rand_fill_gauss(&r, pr->A, na);
    pr->dZ = t_alloc_nan(no);
    t_rand_fill_gauss(&r, pr->dZ, no);
    if (is_conv(op)) {
        const size_t nw = (size_t)pr->f * pr->f * pr->in.n_C * pr->cp.n_C;
        pr->W = t_alloc_nan(nw);
        pr->b = t_alloc_nan((size_t)pr->cp.n_C);
        t_rand_fill_gauss(&r, pr->W, nw);
        t_rand_fill_gauss(&r, pr->b, (size_t)pr->cp.n_C);
    }
}

static void free_problem(problem *pr) {
    free(pr->A);
    free(pr->W);
    free(pr->b);
    free(pr->dZ);
}

static cs_status create(const problem *pr, cs_stepper **s) {
    switch (pr->op) {
        case CS_OP_CONV_FORWARD:
            return cs_stepper_create_conv_forward(pr->A, pr->in, pr->W, pr->b, pr->cp, s);
        case CS_OP_CONV_BACKWARD:
            return cs_stepper_create_conv_backward(pr->dZ, pr->A, pr->in, pr->W, pr->cp, s);
        case CS_OP_POOL_FORWARD:
            return cs_stepper_create_pool_forward(pr->A, pr->in, pr->pp, s);
        case CS_OP_POOL_BACKWARD:
            return cs_stepper_create_pool_backward(pr->dZ, pr->A, pr->in, pr->pp, s);
        case CS_OP_CONV_TRANSPOSE:
            return cs_stepper_create_conv_transpose(pr->A, pr->in, pr->W, pr->b, pr->tp, s);
        case CS_OP_COUNT:
            break;
    }
    return CS_ERR_PARAM;
}

/* A stepper, or NULL after a failed check. */
static cs_stepper *make_stepper(const problem *pr) {
    cs_stepper *s = NULL;
    const cs_status st = create(pr, &s);
    if (!CHECK(st == CS_OK && s != NULL, "%s: create returned %d", pr->label, (int)st)) return NULL;
    return s;
}

static int64_t expected_total(const problem *pr) {
    return (int64_t)pr->loop.m * pr->loop.n_C * pr->loop.n_H * pr->loop.n_W;
}

/* ---- snapshots of a stepper's whole state ---------------------------------------------------- */

typedef struct {
    const double *p[N_TENSOR_IDS];
    cs_shape shape[N_TENSOR_IDS];
    double *copy[N_TENSOR_IDS];
    cs_window win;
    unsigned char mask[64];
    int64_t pos;
    int f;
} snapshot;

static void take(cs_stepper *s, int f, snapshot *sn) {
    memset(sn, 0, sizeof *sn);
    sn->f = f;
    for (int t = 0; t < N_TENSOR_IDS; t++) {
        sn->p[t] = cs_stepper_tensor(s, (cs_tensor_id)t, &sn->shape[t]);
        if (sn->p[t]) {
            const size_t n = t_count(sn->shape[t]);
            sn->copy[t] = t_alloc_nan(n);
            memcpy(sn->copy[t], sn->p[t], n * sizeof(double));
        }
    }
    const cs_window *w = cs_stepper_window(s);
    if (w) sn->win = *w;
    const unsigned char *m = cs_stepper_mask(s);
    if (m) memcpy(sn->mask, m, (size_t)f * f);
    sn->pos = cs_stepper_position(s);
}

static void drop(snapshot *sn) {
    for (int t = 0; t < N_TENSOR_IDS; t++) free(sn->copy[t]);
}

static const char *const window_fields[] = {
    "step",     "total",      "i",        "c",  "h", "w",         "vert_start",
    "vert_end", "hori_start", "hori_end", "op", "f", "mask_count"};

static void window_ints(const cs_window *w, int32_t v[13]) {
    const int32_t tmp[13] = {w->step, w->total,      w->i,         w->c,          w->h,
                             w->w,    w->vert_start, w->vert_end,  w->hori_start, w->hori_end,
                             w->op,   w->f,          w->mask_count};
    memcpy(v, tmp, sizeof tmp);
}

/* 1 when the windows agree (value and amount bit for bit); else describes the first field. */
static int same_window(const cs_window *a, const cs_window *b, char *why, size_t cap) {
    int32_t va[13], vb[13];
    window_ints(a, va);
    window_ints(b, vb);
    for (int k = 0; k < 13; k++)
        if (va[k] != vb[k]) {
            snprintf(why, cap, "window.%s is %d, expected %d", window_fields[k], (int)va[k],
                     (int)vb[k]);
            return 0;
        }
    if (!t_same_bits(a->value, b->value)) {
        snprintf(why, cap, "window.value is %.17g, expected %.17g", a->value, b->value);
        return 0;
    }
    if (!t_same_bits(a->amount, b->amount)) {
        snprintf(why, cap, "window.amount is %.17g, expected %.17g", a->amount, b->amount);
        return 0;
    }
    return 1;
}

/* 1 when stepper s is in the snapshot's state: same tensors (bitwise), window, mask, position. */
static int same_state(cs_stepper *s, const snapshot *sn, char *why, size_t cap) {
    snapshot now;
    take(s, sn->f, &now);
    int ok = 1;
    if (now.pos != sn->pos) {
        snprintf(why, cap, "position %lld, expected %lld", (long long)now.pos, (long long)sn->pos);
        ok = 0;
    }
    for (int t = 0; ok && t < N_TENSOR_IDS; t++) {
        if ((now.p[t] == NULL) != (sn->p[t] == NULL) ||
            (now.p[t] && !t_shape_eq(now.shape[t], sn->shape[t]))) {
            snprintf(why, cap, "tensor %d exists or is shaped differently", t);
            ok = 0;
            break;
        }
        if (!now.p[t]) continue;
        const size_t n = t_count(now.shape[t]);
        for (size_t k = 0; k < n; k++)
            if (!t_same_bits(now.copy[t][k], sn->copy[t][k])) {
                snprintf(why, cap, "tensor %d element %zu is %.17g, expected %.17g", t, k,
                         now.copy[t][k], sn->copy[t][k]);
                ok = 0;
                break;
            }
    }
    if (ok) ok = same_window(&now.win, &sn->win, why, cap);
    if (ok && memcmp(now.mask, sn->mask, (size_t)sn->f * sn->f) != 0) {
        snprintf(why, cap, "the mask differs");
        ok = 0;
    }
    drop(&now);
    return ok;
}

/* ---- the expected window record ---------------------------------------------------------- */

/* The record after step k (1-based), computed from the loop order i, c, h, w. `Z` is the batch
 * kernel's output (forward ops), whose element the step wrote. */
static cs_window expected_window(const problem *pr, int64_t k, const double *Z,
                                 unsigned char *mask) {
    const cs_shape o = pr->loop;
    const int64_t j = k - 1;
    const int w = (int)(j % o.n_W), h = (int)(j / o.n_W % o.n_H),
              c = (int)(j / ((int64_t)o.n_W * o.n_H) % o.n_C);
    const int i = (int)(j / ((int64_t)o.n_W * o.n_H * o.n_C));
    const int f = pr->f;
    const int transpose = pr->op == CS_OP_CONV_TRANSPOSE;
    const int stride = transpose ? pr->tp.stride : is_conv(pr->op) ? pr->cp.stride : pr->pp.stride;
    const int d = transpose && pr->tp.dilation > 1         ? pr->tp.dilation
                  : is_conv(pr->op) && pr->cp.dilation > 1 ? pr->cp.dilation
                                                           : 1;
    cs_window e;
    memset(&e, 0, sizeof e);
    e.step = (int32_t)k;
    e.total = (int32_t)expected_total(pr);
    e.i = i;
    e.c = c;
    e.h = h;
    e.w = w;
    e.vert_start = h * stride; /* fix the vertical position ... */
    e.vert_end = e.vert_start + d * (f - 1) + 1;
    e.hori_start = w * stride; /* ... and slide horizontally by the stride */
    e.hori_end = e.hori_start + d * (f - 1) + 1;
    e.op = (int32_t)pr->op;
    e.f = f;
    const size_t at = t_at(o, i, h, w, c);
    /* conv transpose: the element of X spread over the window, times W */
    e.value = is_forward(pr->op) ? Z[at] : transpose ? pr->A[at] : pr->dZ[at];
    if (pr->op == CS_OP_CONV_BACKWARD || transpose) e.amount = e.value;
    if (pr->op == CS_OP_POOL_BACKWARD)
        e.amount = pr->pp.mode == CS_POOL_AVERAGE ? e.value / (f * f) : e.value;
    /* Max pooling's mask: "1 = gets the gradient" backward (per the ties rule), "is a max"
     * forward (every tied maximum, whatever the ties rule). */
    memset(mask, 0, (size_t)f * f);
    if (is_max_pool(pr))
        e.mask_count = ref_mask(pr->A, pr->in, f, i, c, e.vert_start, e.hori_start,
                                pr->op == CS_OP_POOL_FORWARD ? CS_TIES_ALL : pr->pp.ties, mask);
    return e;
}

/* ---- batch results ----------------------------------------------------------------------------- */

typedef struct {
    double *out;                        /* forward: Z or A */
    double *dA, *dW, *db;               /* backward */
    double *b_out, *b_dA, *b_dW, *b_db; /* bounds */
    int *t_out, *t_dA, *t_dW, *t_db;    /* term counts */
    cs_shape ws, bs;
} batch;

static void run_batch(const problem *pr, batch *B) {
    memset(B, 0, sizeof *B);
    const size_t na = t_count(pr->in), no = t_count(pr->out);
    if (is_conv(pr->op)) {
        B->ws = (cs_shape){pr->f, pr->f, pr->in.n_C, pr->cp.n_C};
        B->bs = (cs_shape){1, 1, 1, pr->cp.n_C};
    }
    const size_t nw = is_conv(pr->op) ? t_count(B->ws) : 1,
                 nb = is_conv(pr->op) ? t_count(B->bs) : 1;
    switch (pr->op) {
        case CS_OP_CONV_FORWARD:
            B->out = t_alloc_nan(no);
            B->b_out = t_alloc_nan(no);
            B->t_out = malloc(no * sizeof(int));
            CHECK(cs_conv_forward(pr->A, pr->in, pr->W, pr->b, pr->cp, B->out) == CS_OK,
                  "%s: batch failed", pr->label);
            ref_conv_forward(pr->A, pr->in, pr->W, pr->b, pr->cp, NULL, B->b_out, B->t_out);
            break;
        case CS_OP_POOL_FORWARD:
            B->out = t_alloc_nan(no);
            B->b_out = t_alloc_nan(no);
            B->t_out = malloc(no * sizeof(int));
            CHECK(cs_pool_forward(pr->A, pr->in, pr->pp, B->out) == CS_OK, "%s: batch failed",
                  pr->label);
            ref_pool_forward(pr->A, pr->in, pr->pp, NULL, B->b_out, B->t_out);
            break;
        case CS_OP_CONV_BACKWARD:
            B->dA = t_alloc_nan(na);
            B->dW = t_alloc_nan(nw);
            B->db = t_alloc_nan(nb);
            B->b_dA = t_alloc_nan(na);
            B->b_dW = t_alloc_nan(nw);
            B->b_db = t_alloc_nan(nb);
            B->t_dA = malloc(na * sizeof(int));
            B->t_dW = malloc(nw * sizeof(int));
            B->t_db = malloc(nb * sizeof(int));
            CHECK(cs_conv_backward(pr->dZ, pr->A, pr->in, pr->W, pr->cp, B->dA, B->dW, B->db) ==
                      CS_OK,
                  "%s: batch failed", pr->label);
            ref_conv_backward(pr->dZ, pr->A, pr->in, pr->W, pr->cp, -1, NULL, B->b_dA, B->t_dA,
                              NULL, B->b_dW, B->t_dW, NULL, B->b_db, B->t_db);
            break;
        case CS_OP_POOL_BACKWARD:
            B->dA = t_alloc_nan(na);
            B->b_dA = t_alloc_nan(na);
            B->t_dA = malloc(na * sizeof(int));
            CHECK(cs_pool_backward(pr->dZ, pr->A, pr->in, pr->pp, B->dA) == CS_OK,
                  "%s: batch failed", pr->label);
            ref_pool_backward(pr->dZ, pr->A, pr->in, pr->pp, -1, NULL, B->b_dA, B->t_dA);
            break;
        case CS_OP_CONV_TRANSPOSE:
            B->out = t_alloc_nan(no);
            B->b_out = t_alloc_nan(no);
            B->t_out = malloc(no * sizeof(int));
            CHECK(cs_conv_transpose(pr->A, pr->in, pr->W, pr->b, pr->tp, B->out) == CS_OK,
                  "%s: batch failed", pr->label);
            ref_conv_transpose(pr->A, pr->in, pr->W, pr->b, pr->tp, -1, NULL, NULL, B->b_out,
                               B->t_out);
            break;
        case CS_OP_COUNT:
            break;
    }
}

static void free_batch(batch *B) {
    free(B->out);
    free(B->dA);
    free(B->dW);
    free(B->db);
    free(B->b_out);
    free(B->b_dA);
    free(B->b_dW);
    free(B->b_db);
    free(B->t_out);
    free(B->t_dA);
    free(B->t_dW);
    free(B->t_db);
}

static const double *tensor_of(cs_stepper *s, cs_tensor_id id, cs_shape want, const char *label) {
    cs_shape got = {-1, -1, -1, -1};
    const double *p = cs_stepper_tensor(s, id, &got);
    if (!CHECK(p != NULL, "%s: cs_stepper_tensor(%d) is NULL", label, (int)id)) return NULL;
    if (!CHECK(t_shape_eq(got, want),
               "%s: cs_stepper_tensor(%d) is (%d,%d,%d,%d), expected (%d,%d,%d,%d)", label, (int)id,
               got.m, got.n_H, got.n_W, got.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return NULL;
    return p;
}

#define N_CONFIGS 8 /* per op: 32 configurations in all */

/* ---- run to the end ----------------------------------------------------------------------- */

static void stepper_run_to_the_end_equals_the_batch_kernel(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            batch B;
            run_batch(&pr, &B);
            cs_stepper *s = make_stepper(&pr);
            if (s) {
                const int64_t total = expected_total(&pr);
                CHECK(cs_stepper_total(s) == total, "%s: total %lld, expected m*n_C*n_H*n_W = %lld",
                      pr.label, (long long)cs_stepper_total(s), (long long)total);
                int64_t steps = 0;
                while (steps <= total && cs_stepper_next(s)) steps++;
                CHECK(steps == total, "%s: next() did %lld steps, expected %lld", pr.label,
                      (long long)steps, (long long)total);
                CHECK(cs_stepper_position(s) == total,
                      "%s: position %lld at the end, expected %lld", pr.label,
                      (long long)cs_stepper_position(s), (long long)total);
                char what[300];
                if (pr.op == CS_OP_CONV_TRANSPOSE) {
                    /* Stepper and kernel both add in the loop's order: bitwise, and exactly the
                     * naive loop's values. */
                    const double *o = tensor_of(s, CS_T_OUT, pr.out, pr.label);
                    snprintf(what, sizeof what, "%s: CS_T_OUT vs the batch kernel, bitwise",
                             pr.label);
                    if (o) T_SAME(what, o, B.out, pr.out, T_NHWC);
                    double *r = t_alloc_nan(t_count(pr.out));
                    ref_conv_transpose(pr.A, pr.in, pr.W, pr.b, pr.tp, -1, NULL, r, NULL, NULL);
                    snprintf(what, sizeof what, "%s: CS_T_OUT vs the naive loop, exact", pr.label);
                    if (o) T_EQUAL(what, o, r, pr.out, T_NHWC);
                    free(r);
                } else if (is_forward(pr.op)) {
                    const double *o = tensor_of(s, CS_T_OUT, pr.out, pr.label);
                    snprintf(what, sizeof what, "%s: CS_T_OUT vs the batch kernel, bitwise",
                             pr.label);
                    if (o) T_SAME(what, o, B.out, pr.out, T_NHWC);
                } else {
                    const double *g = tensor_of(s, CS_T_DA_PREV, pr.in, pr.label);
                    snprintf(what, sizeof what, "%s: CS_T_DA_PREV vs the batch kernel", pr.label);
                    if (g) T_CLOSE(what, g, B.dA, B.b_dA, B.t_dA, pr.in, T_NHWC);
                    if (g) {
                        /* The stepper adds in the seed's order, as the naive loop does: exact. */
                        double *r = t_alloc_nan(t_count(pr.in));
                        if (pr.op == CS_OP_CONV_BACKWARD)
                            ref_conv_backward(pr.dZ, pr.A, pr.in, pr.W, pr.cp, -1, r, NULL, NULL,
                                              NULL, NULL, NULL, NULL, NULL, NULL);
                        else
                            ref_pool_backward(pr.dZ, pr.A, pr.in, pr.pp, -1, r, NULL, NULL);
                        snprintf(what, sizeof what,
                                 "%s: CS_T_DA_PREV vs the seed-order naive loop, exact", pr.label);
                        T_EQUAL(what, g, r, pr.in, T_NHWC);
                        free(r);
                    }
                    if (pr.op == CS_OP_CONV_BACKWARD) {
                        g = tensor_of(s, CS_T_DW, B.ws, pr.label);
                        snprintf(what, sizeof what, "%s: CS_T_DW vs the batch kernel", pr.label);
                        if (g) T_CLOSE(what, g, B.dW, B.b_dW, B.t_dW, B.ws, T_FILTER);
                        g = tensor_of(s, CS_T_DB, B.bs, pr.label);
                        snprintf(what, sizeof what, "%s: CS_T_DB vs the batch kernel", pr.label);
                        if (g) T_CLOSE(what, g, B.db, B.b_db, B.t_db, B.bs, T_NHWC);
                    }
                }
                cs_stepper_destroy(s);
            }
            free_batch(&B);
            free_problem(&pr);
        }
}

static void batch_kernels_agree_with_the_naive_loops(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            batch B;
            run_batch(&pr, &B);
            const size_t na = t_count(pr.in), no = t_count(pr.out);
            char what[300];
            if (pr.op == CS_OP_CONV_TRANSPOSE) {
                double *r = t_alloc_nan(no);
                ref_conv_transpose(pr.A, pr.in, pr.W, pr.b, pr.tp, -1, NULL, r, NULL, NULL);
                snprintf(what, sizeof what, "%s: batch Y vs the naive loop (loop order: exact)",
                         pr.label);
                T_EQUAL(what, B.out, r, pr.out, T_NHWC);
                snprintf(what, sizeof what, "%s: batch Y vs the naive loop within 1e-12", pr.label);
                T_CLOSE(what, B.out, r, B.b_out, B.t_out, pr.out, T_NHWC);
                free(r);
            } else if (pr.op == CS_OP_CONV_FORWARD || pr.op == CS_OP_POOL_FORWARD) {
                double *r = t_alloc_nan(no);
                if (pr.op == CS_OP_CONV_FORWARD) {
                    /* convstep.h: products summed in index order, then + b; the naive loop too. */
                    ref_conv_forward(pr.A, pr.in, pr.W, pr.b, pr.cp, r, NULL, NULL);
                    snprintf(what, sizeof what,
                             "%s: batch Z vs the naive loop (index order: exact)", pr.label);
                    T_EQUAL(what, B.out, r, pr.out, T_NHWC);
                } else {
                    ref_pool_forward(pr.A, pr.in, pr.pp, r, NULL, NULL);
                    snprintf(what, sizeof what, "%s: batch output vs the naive loop", pr.label);
                    T_CLOSE(what, B.out, r, B.b_out, B.t_out, pr.out, T_NHWC);
                }
                free(r);
            } else if (pr.op == CS_OP_CONV_BACKWARD) {
                double *rA = t_alloc_nan(na), *rW = t_alloc_nan(t_count(B.ws)),
                       *rb = t_alloc_nan(t_count(B.bs));
                ref_conv_backward(pr.dZ, pr.A, pr.in, pr.W, pr.cp, -1, rA, NULL, NULL, rW, NULL,
                                  NULL, rb, NULL, NULL);
                snprintf(what, sizeof what, "%s: batch dA_prev vs the naive loop", pr.label);
                T_CLOSE(what, B.dA, rA, B.b_dA, B.t_dA, pr.in, T_NHWC);
                snprintf(what, sizeof what, "%s: batch dW vs the naive loop (seed's order: exact)",
                         pr.label);
                T_EQUAL(what, B.dW, rW, B.ws, T_FILTER);
                snprintf(what, sizeof what, "%s: batch db vs the naive loop (seed's order: exact)",
                         pr.label);
                T_EQUAL(what, B.db, rb, B.bs, T_NHWC);
                free(rA);
                free(rW);
                free(rb);
            } else {
                double *r = t_alloc_nan(na);
                ref_pool_backward(pr.dZ, pr.A, pr.in, pr.pp, -1, r, NULL, NULL);
                snprintf(what, sizeof what,
                         "%s: batch dA_prev vs the naive loop (seed's order: exact)", pr.label);
                T_EQUAL(what, B.dA, r, pr.in, T_NHWC);
                free(r);
            }
            free_batch(&B);
            free_problem(&pr);
        }
}

/* ---- partial sums after k steps --------------------------------------------------------------- */

static void stepper_after_k_steps_holds_the_first_k_windows(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            batch B;
            run_batch(&pr, &B);
            cs_stepper *s = make_stepper(&pr);
            if (!s) {
                free_batch(&B);
                free_problem(&pr);
                continue;
            }
            t_rand r;
            t_rand_seed(&r, seed + 1000);
            const int64_t total = expected_total(&pr);
            const int64_t k = t_rand_int(&r, 0, (int)total);
            for (int64_t j = 0; j < k; j++) cs_stepper_next(s);
            char what[300];
            snprintf(what, sizeof what, "%s: after %lld of %lld steps", pr.label, (long long)k,
                     (long long)total);
            if (pr.op == CS_OP_CONV_TRANSPOSE) {
                /* The partial sums of the first k windows, in Y_pad and in the crop + b. */
                const cs_shape ps = ref_conv_transpose_pad_shape(pr.in, pr.tp);
                double *rp = t_alloc_nan(t_count(ps)), *ry = t_alloc_nan(t_count(pr.out));
                ref_conv_transpose(pr.A, pr.in, pr.W, pr.b, pr.tp, (long)k, rp, ry, NULL, NULL);
                char w2[340];
                const double *g = tensor_of(s, CS_T_OUT_PAD, ps, what);
                snprintf(w2, sizeof w2, "%s: CS_T_OUT_PAD (loop order: exact)", what);
                if (g) T_EQUAL(w2, g, rp, ps, T_NHWC);
                g = tensor_of(s, CS_T_OUT, pr.out, what);
                snprintf(w2, sizeof w2, "%s: CS_T_OUT (crop + b: exact)", what);
                if (g) T_EQUAL(w2, g, ry, pr.out, T_NHWC);
                free(rp);
                free(ry);
            } else if (is_forward(pr.op)) {
                /* Windows are visited in (i, c, h, w) order, which is not memory order: the first
                 * k windows are a scattered set of elements, and all others are still 0. */
                double *want = t_alloc_nan(t_count(pr.out));
                for (size_t e = 0; e < t_count(pr.out); e++) want[e] = 0.0;
                for (int64_t j = 0; j < k; j++) {
                    const cs_shape o = pr.out;
                    const int w = (int)(j % o.n_W), h = (int)(j / o.n_W % o.n_H);
                    const int c = (int)(j / ((int64_t)o.n_W * o.n_H) % o.n_C);
                    const int i = (int)(j / ((int64_t)o.n_W * o.n_H * o.n_C));
                    want[t_at(o, i, h, w, c)] = B.out[t_at(o, i, h, w, c)];
                }
                const double *got = tensor_of(s, CS_T_OUT, pr.out, what);
                if (got) T_SAME(what, got, want, pr.out, T_NHWC);
                free(want);
            } else {
                const size_t na = t_count(pr.in);
                double *rA = t_alloc_nan(na), *bA = t_alloc_nan(na);
                int *tA = malloc(na * sizeof *tA);
                if (pr.op == CS_OP_CONV_BACKWARD) {
                    double *rW = t_alloc_nan(t_count(B.ws)), *bW = t_alloc_nan(t_count(B.ws));
                    double *rb = t_alloc_nan(t_count(B.bs)), *bb = t_alloc_nan(t_count(B.bs));
                    int *tW = malloc(t_count(B.ws) * sizeof *tW),
                        *tb = malloc(t_count(B.bs) * sizeof *tb);
                    ref_conv_backward(pr.dZ, pr.A, pr.in, pr.W, pr.cp, (long)k, rA, bA, tA, rW, bW,
                                      tW, rb, bb, tb);
                    const double *g = tensor_of(s, CS_T_DW, B.ws, what);
                    char w2[340];
                    snprintf(w2, sizeof w2, "%s: CS_T_DW (seed's order: exact)", what);
                    if (g) T_EQUAL(w2, g, rW, B.ws, T_FILTER);
                    g = tensor_of(s, CS_T_DB, B.bs, what);
                    snprintf(w2, sizeof w2, "%s: CS_T_DB (seed's order: exact)", what);
                    if (g) T_EQUAL(w2, g, rb, B.bs, T_NHWC);
                    free(rW);
                    free(bW);
                    free(rb);
                    free(bb);
                    free(tW);
                    free(tb);
                } else {
                    ref_pool_backward(pr.dZ, pr.A, pr.in, pr.pp, (long)k, rA, bA, tA);
                }
                const double *g = tensor_of(s, CS_T_DA_PREV, pr.in, what);
                char w2[340];
                snprintf(w2, sizeof w2, "%s: CS_T_DA_PREV (seed's order: exact)", what);
                if (g) T_EQUAL(w2, g, rA, pr.in, T_NHWC);
                free(rA);
                free(bA);
                free(tA);
            }
            cs_stepper_destroy(s);
            free_batch(&B);
            free_problem(&pr);
        }
}

/* ---- seek --------------------------------------------------------------------------------------- */

/* A fresh stepper advanced by k calls of next(). */
static cs_stepper *stepped(const problem *pr, int64_t k) {
    cs_stepper *s = make_stepper(pr);
    if (s)
        for (int64_t j = 0; j < k; j++) cs_stepper_next(s);
    return s;
}

static void check_seek(const problem *pr, cs_stepper *s, int64_t k, const char *how) {
    const cs_status st = cs_stepper_seek(s, k);
    CHECK(st == CS_OK, "%s: seek(%lld) %s returned %d", pr->label, (long long)k, how, (int)st);
    cs_stepper *ref = stepped(pr, k);
    if (!ref) return;
    snapshot sn;
    take(ref, pr->f, &sn);
    char why[300] = "";
    CHECK(same_state(s, &sn, why, sizeof why),
          "%s: seek(%lld) %s differs from %lld calls of next(): %s", pr->label, (long long)k, how,
          (long long)k, why);
    drop(&sn);
    cs_stepper_destroy(ref);
}

static void seek_equals_k_calls_of_next_forwards_and_backwards(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            cs_stepper *s = make_stepper(&pr);
            if (s) {
                t_rand r;
                t_rand_seed(&r, seed + 2000);
                const int total = (int)expected_total(&pr);
                const int k1 = t_rand_int(&r, 1, total), k2 = t_rand_int(&r, 0, k1 - 1);
                const int k3 = t_rand_int(&r, k2, total);
                check_seek(&pr, s, k1, "from step 0");
                check_seek(&pr, s, k2, "backwards");
                check_seek(&pr, s, k3, "forwards from the middle");
                check_seek(&pr, s, total, "to the end");
                check_seek(&pr, s, 0, "back to step 0");
                check_seek(&pr, s, k1, "again");
                check_seek(&pr, s, k1, "to where it already is");
                cs_stepper_destroy(s);
            }
            free_problem(&pr);
        }
}

static void seek_on_a_large_stepper_equals_k_calls_of_next(void) {
    /* Large enough that a backward stepper cannot keep a snapshot of its partial sums for
     * every few steps (the snapshots share one tensor's size limit), and a tiny one (total 1):
     * seeking must still land on exactly the state of k calls of next(). */
    problem big;
    memset(&big, 0, sizeof big);
    big.op = CS_OP_CONV_BACKWARD;
    big.in = (cs_shape){1, 128, 128, 4};
    big.cp = (cs_conv_params){.f = 3, .n_C = 2, .stride = 1, .pad = 1};
    big.f = 3;
    big.out = ref_conv_shape(big.in, big.cp);
    snprintf(big.label, sizeof big.label, "conv backward, A_prev (1,128,128,4), f 3, n_C 2, pad 1");
    t_rand r;
    t_rand_seed(&r, 4242);
    big.A = t_alloc_nan(t_count(big.in));
    big.dZ = t_alloc_nan(t_count(big.out));
    big.W = t_alloc_nan(3 * 3 * 4 * 2);
    big.b = t_alloc_nan(2);
    t_rand_fill_gauss(&r, big.A, t_count(big.in));
    t_rand_fill_gauss(&r, big.dZ, t_count(big.out));
    t_rand_fill_gauss(&r, big.W, 72);
    t_rand_fill_gauss(&r, big.b, 2);
    cs_stepper *s = make_stepper(&big);
    if (s) {
        const int total = (int)cs_stepper_total(s);
        check_seek(&big, s, total - 5, "from step 0");
        check_seek(&big, s, total / 3 + 7, "backwards");
        check_seek(&big, s, total / 3 + 1000, "forwards");
        check_seek(&big, s, 1, "back to step 1");
        cs_stepper_destroy(s);
    }
    free_problem(&big);

    problem tiny;
    memset(&tiny, 0, sizeof tiny);
    tiny.op = CS_OP_POOL_BACKWARD;
    tiny.in = (cs_shape){1, 2, 2, 1};
    tiny.pp = (cs_pool_params){.f = 2, .stride = 1};
    tiny.f = 2;
    tiny.out = ref_pool_shape(tiny.in, tiny.pp);
    snprintf(tiny.label, sizeof tiny.label, "pool backward with one window");
    tiny.A = t_alloc_nan(4);
    tiny.dZ = t_alloc_nan(1);
    t_rand_fill_gauss(&r, tiny.A, 4);
    tiny.dZ[0] = 1.5;
    s = make_stepper(&tiny);
    if (s) {
        CHECK(cs_stepper_total(s) == 1, "%s: total %lld", tiny.label,
              (long long)cs_stepper_total(s));
        check_seek(&tiny, s, 1, "to the end");
        check_seek(&tiny, s, 0, "back to the start");
        check_seek(&tiny, s, 1, "to the end again");
        cs_stepper_destroy(s);
    }
    free_problem(&tiny);
}

/* A problem with gaussian inputs of the given shapes (conv or pool backward). */
static void make_large(problem *pr, cs_op op, cs_shape in, cs_conv_params cp, cs_pool_params pp,
                       uint64_t seed) {
    memset(pr, 0, sizeof *pr);
    pr->op = op;
    pr->in = in;
    t_rand r;
    t_rand_seed(&r, seed);
    if (op == CS_OP_CONV_BACKWARD) {
        pr->cp = cp;
        pr->f = cp.f;
        pr->out = ref_conv_shape(in, cp);
        const size_t nw = (size_t)cp.f * cp.f * in.n_C * cp.n_C;
        pr->W = t_alloc_nan(nw);
        pr->b = t_alloc_nan((size_t)cp.n_C);
        t_rand_fill_gauss(&r, pr->W, nw);
        t_rand_fill_gauss(&r, pr->b, (size_t)cp.n_C);
        snprintf(pr->label, sizeof pr->label,
                 "conv backward, A_prev (%d,%d,%d,%d), f %d, n_C %d, pad %d", in.m, in.n_H, in.n_W,
                 in.n_C, cp.f, cp.n_C, cp.pad);
    } else {
        pr->pp = pp;
        pr->f = pp.f;
        pr->out = ref_pool_shape(in, pp);
        snprintf(pr->label, sizeof pr->label, "pool backward, A_prev (%d,%d,%d,%d), f %d, mode %d",
                 in.m, in.n_H, in.n_W, in.n_C, pp.f, (int)pp.mode);
    }
    pr->loop = pr->out;
    pr->A = t_alloc_nan(t_count(in));
    pr->dZ = t_alloc_nan(t_count(pr->out));
    t_rand_fill_gauss(&r, pr->A, t_count(in));
    t_rand_fill_gauss(&r, pr->dZ, t_count(pr->out));
}

static void seek_around_sample_and_snapshot_boundaries_equals_k_calls_of_next(void) {
    /* Samples long enough (millions of multiply-adds) that the stepper keeps snapshots inside
     * them (today halfway): on a channel boundary (n_C even), on a window row (one output
     * channel), and for pooling; with two samples, also at the second sample's start. Seeks
     * land on those points, one step either side, at other fractions of a sample, backwards
     * across samples and from the end: every time the state of k calls of next(). */
    problem cases[3];
    make_large(&cases[0], CS_OP_CONV_BACKWARD, (cs_shape){2, 64, 64, 16},
               (cs_conv_params){.f = 3, .n_C = 4, .stride = 1, .pad = 1}, (cs_pool_params){0}, 71);
    make_large(&cases[1], CS_OP_CONV_BACKWARD, (cs_shape){2, 128, 128, 4},
               (cs_conv_params){.f = 7, .n_C = 1, .stride = 1, .pad = 3}, (cs_pool_params){0}, 72);
    make_large(&cases[2], CS_OP_POOL_BACKWARD, (cs_shape){2, 140, 140, 4}, (cs_conv_params){0},
               (cs_pool_params){.f = 8, .stride = 1, .mode = CS_POOL_AVERAGE}, 73);
    for (int j = 0; j < 3; j++) {
        problem *pr = &cases[j];
        cs_stepper *s = make_stepper(pr);
        if (s) {
            const int64_t total = cs_stepper_total(s), per = total / pr->in.m, half = per / 2;
            check_seek(pr, s, total - 1, "to the last step from step 0");
            check_seek(pr, s, half, "back to the middle of the first sample");
            check_seek(pr, s, per + half + 1, "forwards into the second sample");
            check_seek(pr, s, half - 1, "back across the sample boundary");
            check_seek(pr, s, per, "to the second sample's start");
            check_seek(pr, s, total, "to the end");
            check_seek(pr, s, per + half, "back to the middle of the second sample");
            check_seek(pr, s, per - 1, "back to the first sample's last step");
            check_seek(pr, s, per + 1, "one step into the second sample");
            check_seek(pr, s, per / 4, "back to a quarter of the first sample");
            check_seek(pr, s, per + 2 * per / 3, "forwards to two thirds of the second sample");
            check_seek(pr, s, per + per / 3, "back to a third of the second sample");
            check_seek(pr, s, 1, "back to step 1");
            cs_stepper_destroy(s);
        }
        free_problem(pr);
    }
}

static void seek_out_of_range_returns_param_error_and_changes_nothing(void) {
    problem pr;
    make_problem(&pr, CS_OP_CONV_BACKWARD, 3);
    cs_stepper *s = stepped(&pr, 2);
    if (s) {
        snapshot sn;
        take(s, pr.f, &sn);
        const int64_t total = cs_stepper_total(s);
        const int64_t bad[] = {-1, total + 1, INT64_MAX, INT64_MIN, (int64_t)1 << 32};
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            const cs_status st = cs_stepper_seek(s, bad[k]);
            CHECK(st == CS_ERR_PARAM,
                  "seek(%lld) with total %lld returned %d, expected CS_ERR_PARAM",
                  (long long)bad[k], (long long)total, (int)st);
            char why[300] = "";
            CHECK(same_state(s, &sn, why, sizeof why), "seek(%lld) changed the stepper: %s",
                  (long long)bad[k], why);
        }
        drop(&sn);
        cs_stepper_destroy(s);
    }
    free_problem(&pr);
    CHECK(cs_stepper_seek(NULL, 0) == CS_ERR_NULL,
          "cs_stepper_seek(NULL, 0) should return CS_ERR_NULL");
}

/* ---- the window record ---------------------------------------------------------------------- */

static void window_record_matches_the_loop_order_at_every_step(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            batch B;
            run_batch(&pr, &B);
            cs_stepper *s = make_stepper(&pr);
            if (s) {
                const int64_t total = expected_total(&pr);
                unsigned char mask[64];
                char why[300] = "";
                int ok = 1;
                for (int64_t k = 1; k <= total && ok; k++) {
                    if (!cs_stepper_next(s)) {
                        snprintf(why, sizeof why, "next() returned 0 at step %lld", (long long)k);
                        ok = 0;
                        break;
                    }
                    const cs_window e = expected_window(&pr, k, B.out, mask);
                    const cs_window *w = cs_stepper_window(s);
                    const unsigned char *m = cs_stepper_mask(s);
                    char field[200];
                    if (w == NULL || m == NULL) {
                        snprintf(why, sizeof why, "step %lld: window or mask is NULL",
                                 (long long)k);
                        ok = 0;
                    } else if (!same_window(w, &e, field, sizeof field)) {
                        snprintf(why, sizeof why, "step %lld (i %d, c %d, h %d, w %d): %s",
                                 (long long)k, e.i, e.c, e.h, e.w, field);
                        ok = 0;
                    } else if (memcmp(m, mask, (size_t)pr.f * pr.f) != 0) {
                        snprintf(why, sizeof why,
                                 "step %lld (i %d, c %d, h %d, w %d): mask differs", (long long)k,
                                 e.i, e.c, e.h, e.w);
                        ok = 0;
                    } else if (cs_stepper_position(s) != k) {
                        snprintf(why, sizeof why, "step %lld: position %lld", (long long)k,
                                 (long long)cs_stepper_position(s));
                        ok = 0;
                    }
                }
                CHECK(ok, "%s: %s", pr.label, why);
                cs_stepper_destroy(s);
            }
            free_batch(&B);
            free_problem(&pr);
        }
}

static void window_record_of_a_known_max_pool_step(void) {
    /* The hand case of test_hand.c: A = [[1,5,5],[5,2,1],[0,5,3]], f 2, stride 1, dA =
     * [[1,2],[4,8]], ties all. Step 3 is window (i 0, c 0, h 1, w 0): rows 1..2, columns 0..1,
     * cells {5,2,0,5}: mask [1,0,0,1], 2 cells, value = amount = dA[1,0] = 4. */
    const double A[] = {1, 5, 5, 5, 2, 1, 0, 5, 3}, dA[] = {1, 2, 4, 8};
    const cs_shape in = {1, 3, 3, 1};
    const cs_pool_params p = {.f = 2, .stride = 1};
    cs_stepper *s = NULL;
    if (!CHECK(cs_stepper_create_pool_backward(dA, A, in, p, &s) == CS_OK, "create failed")) return;
    for (int k = 0; k < 3; k++) cs_stepper_next(s);
    const cs_window *w = cs_stepper_window(s);
    const unsigned char *m = cs_stepper_mask(s);
    CHECK(w->step == 3 && w->total == 4 && w->i == 0 && w->c == 0 && w->h == 1 && w->w == 0,
          "step %d of %d at (i %d, c %d, h %d, w %d), expected step 3 of 4 at (0, 0, 1, 0)",
          w->step, w->total, w->i, w->c, w->h, w->w);
    CHECK(w->vert_start == 1 && w->vert_end == 3 && w->hori_start == 0 && w->hori_end == 2,
          "rows %d..%d, columns %d..%d, expected rows 1..3, columns 0..2 (ends exclusive)",
          w->vert_start, w->vert_end, w->hori_start, w->hori_end);
    CHECK(w->op == CS_OP_POOL_BACKWARD && w->f == 2, "op %d, f %d", w->op, w->f);
    CHECK(w->value == 4 && w->amount == 4, "value %g, amount %g, expected 4 and 4", w->value,
          w->amount);
    CHECK(w->mask_count == 2 && m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1,
          "mask_count %d, mask %d %d %d %d, expected 2 and 1 0 0 1", w->mask_count, m[0], m[1],
          m[2], m[3]);
    cs_stepper_destroy(s);
}

static void window_record_of_a_known_dilated_conv_step(void) {
    /* A 5×5, f 2, dilation 2, stride 2, pad 1: padded 7×7, span 3, n_H = (7-3)/2 + 1 = 3.
     * Two filters (n_C 2), so step 11 is j = 10: w = 10 % 3 = 1, h = (10/3) % 3 = 0,
     * c = 10 / 9 = 1, i = 0: rows 0..3, columns 2..5 (exclusive ends), vert_end = 0 + 2*1 + 1. */
    double A[25], W[8], b[2] = {0.5, -0.5};
    for (int k = 0; k < 25; k++) A[k] = k;
    for (int k = 0; k < 8; k++) W[k] = 1;
    const cs_shape in = {1, 5, 5, 1};
    const cs_conv_params p = {.f = 2, .n_C = 2, .stride = 2, .pad = 1, .dilation = 2};
    cs_stepper *s = NULL;
    if (!CHECK(cs_stepper_create_conv_forward(A, in, W, b, p, &s) == CS_OK, "create failed"))
        return;
    for (int k = 0; k < 11; k++) cs_stepper_next(s);
    const cs_window *w = cs_stepper_window(s);
    CHECK(w->step == 11 && w->total == 18 && w->i == 0 && w->c == 1 && w->h == 0 && w->w == 1,
          "step %d of %d at (i %d, c %d, h %d, w %d), expected step 11 of 18 at (0, 1, 0, 1)",
          w->step, w->total, w->i, w->c, w->h, w->w);
    CHECK(w->vert_start == 0 && w->vert_end == 3 && w->hori_start == 2 && w->hori_end == 5,
          "rows %d..%d, columns %d..%d, expected rows 0..3, columns 2..5", w->vert_start,
          w->vert_end, w->hori_start, w->hori_end);
    /* Taps at padded (0,2), (0,4), (2,2), (2,4) = A rows -1 (padding) and 1, columns 1 and 3:
     * 0 + 0 + A[1,1] + A[1,3] = 6 + 8 = 14, plus b[1] = -0.5: 13.5. Forward: amount 0. */
    CHECK(w->value == 13.5 && w->amount == 0.0, "value %.17g, amount %.17g, expected 13.5 and 0",
          w->value, w->amount);
    CHECK(w->op == CS_OP_CONV_FORWARD && w->f == 2 && w->mask_count == 0,
          "op %d, f %d, mask_count %d", w->op, w->f, w->mask_count);
    cs_stepper_destroy(s);
}

/* ---- step 0 and the end ----------------------------------------------------------------------- */

/* convstep.h: "step 0 means none yet: then total, op and f are set and every other field
 * is 0". */
static int window_is_step_0(const problem *pr, const cs_window *w, char *why, size_t cap) {
    cs_window z;
    memset(&z, 0, sizeof z);
    z.total = (int32_t)expected_total(pr);
    z.op = (int32_t)pr->op;
    z.f = pr->f;
    snprintf(why, cap, "the record is NULL");
    return w != NULL && same_window(w, &z, why, cap);
}

/* Every output +0; conv transpose's CS_T_OUT is the crop of Y_pad + b, so b there. */
static int outputs_zero(const problem *pr, cs_stepper *s, const char **which) {
    for (int t = 1; t < N_TENSOR_IDS; t++) {
        cs_shape sh;
        const double *p = cs_stepper_tensor(s, (cs_tensor_id)t, &sh);
        if (!p) continue;
        const int bias = pr->op == CS_OP_CONV_TRANSPOSE && t == CS_T_OUT;
        for (size_t k = 0; k < t_count(sh); k++)
            if (!t_same_bits(p[k], bias ? 0.0 + pr->b[k % (size_t)sh.n_C] : 0.0)) {
                static const char *const names[N_TENSOR_IDS] = {
                    "",        "CS_T_OUT", "CS_T_DA_PREV_PAD", "CS_T_DA_PREV",
                    "CS_T_DW", "CS_T_DB",  "CS_T_OUT_PAD"};
                *which = names[t];
                return 0;
            }
    }
    return 1;
}

static void step_0_record_has_only_total_op_and_f_and_outputs_are_zero(void) {
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 5);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            const char *which = "";
            char why[200];
            CHECK(cs_stepper_position(s) == 0, "%s: position %lld after create", pr.label,
                  (long long)cs_stepper_position(s));
            CHECK(window_is_step_0(&pr, cs_stepper_window(s), why, sizeof why),
                  "%s: the record after create is not the step-0 record: %s", pr.label, why);
            CHECK(outputs_zero(&pr, s, &which), "%s: %s is not +0 everywhere after create",
                  pr.label, which);
            cs_stepper_next(s);
            cs_stepper_next(s);
            cs_stepper_reset(s);
            CHECK(cs_stepper_position(s) == 0, "%s: position %lld after reset", pr.label,
                  (long long)cs_stepper_position(s));
            CHECK(window_is_step_0(&pr, cs_stepper_window(s), why, sizeof why),
                  "%s: the record after reset is not the step-0 record: %s", pr.label, why);
            CHECK(outputs_zero(&pr, s, &which), "%s: %s is not +0 everywhere after reset", pr.label,
                  which);
            cs_stepper_next(s);
            CHECK(cs_stepper_seek(s, 0) == CS_OK, "%s: seek(0) failed", pr.label);
            CHECK(window_is_step_0(&pr, cs_stepper_window(s), why, sizeof why),
                  "%s: the record after seek(0) is not the step-0 record: %s", pr.label, why);
            CHECK(outputs_zero(&pr, s, &which), "%s: %s is not +0 everywhere after seek(0)",
                  pr.label, which);
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
}

static void next_returns_0_at_the_end_and_changes_nothing(void) {
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 6);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            const int64_t total = cs_stepper_total(s);
            int ones = 1;
            for (int64_t k = 0; k < total; k++) ones &= cs_stepper_next(s) == 1;
            CHECK(ones, "%s: next() returned 0 before the end", pr.label);
            const cs_window *w = cs_stepper_window(s);
            CHECK(w->step == total && w->total == total,
                  "%s: at the end step %d, total %d, expected %lld and %lld", pr.label, w->step,
                  w->total, (long long)total, (long long)total);
            snapshot sn;
            take(s, pr.f, &sn);
            CHECK(cs_stepper_next(s) == 0, "%s: next() at the end did not return 0", pr.label);
            CHECK(cs_stepper_next(s) == 0, "%s: next() twice at the end did not return 0",
                  pr.label);
            char why[300] = "";
            CHECK(same_state(s, &sn, why, sizeof why),
                  "%s: next() at the end changed the stepper: %s", pr.label, why);
            drop(&sn);
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
    CHECK(cs_stepper_next(NULL) == 0, "cs_stepper_next(NULL) should return 0");
    cs_stepper_destroy(NULL);
    CHECK(1, "cs_stepper_destroy(NULL) returned");
}

static void reset_then_run_again_gives_the_same_bits(void) {
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 7);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            while (cs_stepper_next(s)) {}
            snapshot sn;
            take(s, pr.f, &sn);
            cs_stepper_reset(s);
            while (cs_stepper_next(s)) {}
            char why[300] = "";
            CHECK(same_state(s, &sn, why, sizeof why), "%s: second run after reset differs: %s",
                  pr.label, why);
            drop(&sn);
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
}

/* ---- the tensors a stepper owns -------------------------------------------------------------- */

static void each_op_owns_exactly_its_tensors(void) {
    /* Which tensors exist, per op (convstep.h): A_PREV_PAD, OUT, DA_PREV_PAD, DA_PREV, DW, DB. */
    static const int has[][N_TENSOR_IDS] = {
        {1, 1, 0, 0, 0, 0, 0}, /* conv forward */
        {1, 0, 1, 1, 1, 1, 0}, /* conv backward */
        {1, 1, 0, 0, 0, 0, 0}, /* pool forward */
        {1, 0, 1, 1, 0, 0, 0}, /* pool backward */
        {1, 1, 0, 0, 0, 0, 1}, /* conv transpose */
    };
    _Static_assert(sizeof has / sizeof has[0] == CS_OP_COUNT, "a row per op");
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 2);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            for (int t = 0; t < N_TENSOR_IDS; t++) {
                const double *p = cs_stepper_tensor(s, (cs_tensor_id)t, NULL);
                CHECK((p != NULL) == has[op][t], "%s: tensor %d is %s, expected %s", pr.label, t,
                      p ? "present" : "NULL", has[op][t] ? "present" : "NULL");
            }
            CHECK(cs_stepper_tensor(s, (cs_tensor_id)N_TENSOR_IDS, NULL) == NULL,
                  "%s: tensor id %d is not NULL", pr.label, N_TENSOR_IDS);
            CHECK(cs_stepper_tensor(s, (cs_tensor_id)-1, NULL) == NULL,
                  "%s: tensor id -1 is not NULL", pr.label);
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
}

static void a_prev_pad_holds_the_input_inside_zero_padding(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            cs_stepper *s = make_stepper(&pr);
            if (s) {
                const int pad = is_conv(pr.op) ? pr.cp.pad : 0;
                const cs_shape ps = {pr.in.m, pr.in.n_H + 2 * pad, pr.in.n_W + 2 * pad, pr.in.n_C};
                double *want = t_alloc_nan(t_count(ps));
                ref_zero_pad(pr.A, pr.in, pad, want);
                const double *p = tensor_of(s, CS_T_A_PREV_PAD, ps, pr.label);
                char what[300];
                snprintf(what, sizeof what, "%s: CS_T_A_PREV_PAD (pad %d)", pr.label, pad);
                if (p) T_SAME(what, p, want, ps, T_NHWC);
                free(want);
                cs_stepper_destroy(s);
            }
            free_problem(&pr);
        }
}

static void da_prev_is_the_crop_of_the_padded_gradient(void) {
    /* Conv backward with pad 0 (the seed's [p:-p] would be empty) and with pad 1 and 2, at the
     * start, in the middle and at the end; pool backward (no padding) likewise. */
    const cs_conv_params pads[3] = {{.f = 2, .n_C = 2, .stride = 1, .pad = 0},
                                    {.f = 3, .n_C = 1, .stride = 2, .pad = 1},
                                    {.f = 2, .n_C = 2, .stride = 1, .pad = 2, .dilation = 2}};
    for (int v = 0; v < 4; v++) {
        problem pr;
        make_problem(&pr, v < 3 ? CS_OP_CONV_BACKWARD : CS_OP_POOL_BACKWARD, 9);
        if (v < 3) {
            /* Same data sizes, the configuration under test. */
            free_problem(&pr);
            memset(&pr, 0, sizeof pr);
            pr.op = CS_OP_CONV_BACKWARD;
            pr.in = (cs_shape){2, 4, 5, 2};
            pr.cp = pads[v];
            pr.f = pr.cp.f;
            pr.out = ref_conv_shape(pr.in, pr.cp);
            snprintf(pr.label, sizeof pr.label, "conv backward, pad %d", pr.cp.pad);
            t_rand r;
            t_rand_seed(&r, 77 + (uint64_t)v);
            pr.A = t_alloc_nan(t_count(pr.in));
            pr.dZ = t_alloc_nan(t_count(pr.out));
            pr.W = t_alloc_nan((size_t)pr.f * pr.f * 2 * pr.cp.n_C);
            pr.b = t_alloc_nan((size_t)pr.cp.n_C);
            t_rand_fill_gauss(&r, pr.A, t_count(pr.in));
            t_rand_fill_gauss(&r, pr.dZ, t_count(pr.out));
            t_rand_fill_gauss(&r, pr.W, (size_t)pr.f * pr.f * 2 * pr.cp.n_C);
            t_rand_fill_gauss(&r, pr.b, (size_t)pr.cp.n_C);
        }
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            const int pad = v < 3 ? pr.cp.pad : 0;
            const cs_shape ps = {pr.in.m, pr.in.n_H + 2 * pad, pr.in.n_W + 2 * pad, pr.in.n_C};
            const int64_t total = cs_stepper_total(s);
            const int64_t stops[3] = {0, total / 2, total};
            for (int j = 0; j < 3; j++) {
                cs_stepper_seek(s, stops[j]);
                const double *P = tensor_of(s, CS_T_DA_PREV_PAD, ps, pr.label);
                const double *D = tensor_of(s, CS_T_DA_PREV, pr.in, pr.label);
                if (!P || !D) break;
                double *crop = t_alloc_nan(t_count(pr.in));
                for (int i = 0; i < pr.in.m; i++)
                    for (int y = 0; y < pr.in.n_H; y++)
                        for (int x = 0; x < pr.in.n_W; x++)
                            for (int c = 0; c < pr.in.n_C; c++)
                                crop[t_at(pr.in, i, y, x, c)] = P[t_at(ps, i, y + pad, x + pad, c)];
                char what[300];
                snprintf(what, sizeof what,
                         "%s: CS_T_DA_PREV vs CS_T_DA_PREV_PAD[pad:pad+n] after %lld steps",
                         pr.label, (long long)stops[j]);
                T_SAME(what, D, crop, pr.in, T_NHWC);
                free(crop);
            }
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
}

static void stepper_keeps_its_own_copy_of_a_prev(void) {
    /* "A_prev may change afterwards without effect": overwrite the caller's A_prev with NaN
     * right after create; the run still equals the batch kernel on the original. */
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 4);
        batch B;
        run_batch(&pr, &B);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            t_fill_nan(pr.A, t_count(pr.in));
            while (cs_stepper_next(s)) {}
            char what[300];
            snprintf(what, sizeof what, "%s, A_prev overwritten after create", pr.label);
            if (is_forward(pr.op) || pr.op == CS_OP_CONV_TRANSPOSE) {
                const double *o = tensor_of(s, CS_T_OUT, pr.out, what);
                if (o) T_SAME(what, o, B.out, pr.out, T_NHWC);
            } else {
                const double *g = tensor_of(s, CS_T_DA_PREV, pr.in, what);
                if (g) T_CLOSE(what, g, B.dA, B.b_dA, B.t_dA, pr.in, T_NHWC);
            }
            cs_stepper_destroy(s);
        }
        free_batch(&B);
        free_problem(&pr);
    }
}

static void two_steppers_do_not_share_state(void) {
    /* No globals: interleaving two steppers gives each the state it has alone. */
    problem a, b;
    make_problem(&a, CS_OP_CONV_BACKWARD, 1);
    make_problem(&b, CS_OP_POOL_BACKWARD, 2);
    cs_stepper *sa = make_stepper(&a), *sb = make_stepper(&b);
    if (sa && sb) {
        const int64_t ka = cs_stepper_total(sa) / 2, kb = cs_stepper_total(sb) / 2;
        for (int64_t k = 0; k < (ka > kb ? ka : kb); k++) {
            if (k < ka) cs_stepper_next(sa);
            if (k < kb) cs_stepper_next(sb);
        }
        cs_stepper *ra = stepped(&a, ka), *rb = stepped(&b, kb);
        if (ra && rb) {
            snapshot sn;
            char why[300] = "";
            take(ra, a.f, &sn);
            CHECK(same_state(sa, &sn, why, sizeof why), "%s interleaved with another stepper: %s",
                  a.label, why);
            drop(&sn);
            take(rb, b.f, &sn);
            CHECK(same_state(sb, &sn, why, sizeof why), "%s interleaved with another stepper: %s",
                  b.label, why);
            drop(&sn);
        }
        cs_stepper_destroy(ra);
        cs_stepper_destroy(rb);
    }
    cs_stepper_destroy(sa);
    cs_stepper_destroy(sb);
    free_problem(&a);
    free_problem(&b);
}

static void non_max_ops_have_an_all_zero_mask(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        for (uint64_t seed = 1; seed <= N_CONFIGS; seed++) {
            problem pr;
            make_problem(&pr, (cs_op)op, seed);
            if (is_max_pool(&pr)) {
                free_problem(&pr);
                continue;
            }
            cs_stepper *s = make_stepper(&pr);
            if (s) {
                int ok = 1;
                while (ok && cs_stepper_next(s)) {
                    const unsigned char *m = cs_stepper_mask(s);
                    for (int k = 0; k < pr.f * pr.f; k++) ok &= m[k] == 0;
                    ok &= cs_stepper_window(s)->mask_count == 0;
                }
                CHECK(ok, "%s: a nonzero mask or mask_count", pr.label);
                cs_stepper_destroy(s);
            }
            free_problem(&pr);
        }
}

static void reset_after_changing_inputs_replays_with_the_new_inputs(void) {
    /* W, b, dZ and dA stay the caller's and are read on every step. After the caller changes
     * one and resets, seeking must replay with the new values, not restore partial sums saved
     * from the old ones. */
    for (int op = 0; op < CS_OP_COUNT; op++) {
        problem pr;
        make_problem(&pr, (cs_op)op, 8);
        cs_stepper *s = make_stepper(&pr);
        if (s) {
            const int64_t total = cs_stepper_total(s);
            while (cs_stepper_next(s)) {}
            cs_stepper_seek(s, total / 2);
            cs_stepper_seek(s, total);
            if (pr.dZ)
                for (size_t k = 0; k < t_count(pr.out); k++) pr.dZ[k] *= -3.0;
            const int n_C_other = pr.op == CS_OP_CONV_TRANSPOSE ? pr.tp.n_C_out : pr.cp.n_C;
            if (pr.W)
                for (size_t k = 0; k < (size_t)pr.f * pr.f * pr.in.n_C * n_C_other; k++)
                    pr.W[k] += 1.0;
            if (pr.b)
                for (int k = 0; k < n_C_other; k++) pr.b[k] -= 0.5;
            cs_stepper_reset(s);
            const int64_t stops[3] = {total, total / 2 + 1, total / 2};
            for (int j = 0; j < 3; j++) {
                cs_stepper_seek(s, stops[j]);
                cs_stepper *ref = stepped(&pr, stops[j]);
                if (!ref) break;
                snapshot sn;
                take(ref, pr.f, &sn);
                char why[300] = "";
                CHECK(same_state(s, &sn, why, sizeof why),
                      "%s: after changing the inputs and reset, seek(%lld) differs from a fresh "
                      "stepper: %s",
                      pr.label, (long long)stops[j], why);
                drop(&sn);
                cs_stepper_destroy(ref);
            }
            cs_stepper_destroy(s);
        }
        free_problem(&pr);
    }
}

static void cs_op_is_forward_names_the_ops_that_write_one_cell_per_step(void) {
    for (int op = 0; op < CS_OP_COUNT; op++)
        CHECK(cs_op_is_forward((cs_op)op) == is_forward((cs_op)op),
              "cs_op_is_forward(%s) is %d, expected %d", op_names[op], cs_op_is_forward((cs_op)op),
              is_forward((cs_op)op));
    CHECK(cs_op_is_forward(CS_OP_COUNT) == 0, "cs_op_is_forward(CS_OP_COUNT) is not 0");
}

static void window_record_layout_matches_the_javascript_views(void) {
    /* JavaScript reads the record through an Int32Array and a Float64Array on the same bytes:
     * thirteen int32 at bytes 0..51 in the documented order, value at 56, amount at 64. */
    const size_t ints[13] = {offsetof(cs_window, step),       offsetof(cs_window, total),
                             offsetof(cs_window, i),          offsetof(cs_window, c),
                             offsetof(cs_window, h),          offsetof(cs_window, w),
                             offsetof(cs_window, vert_start), offsetof(cs_window, vert_end),
                             offsetof(cs_window, hori_start), offsetof(cs_window, hori_end),
                             offsetof(cs_window, op),         offsetof(cs_window, f),
                             offsetof(cs_window, mask_count)};
    for (int k = 0; k < 13; k++)
        CHECK(ints[k] == (size_t)(4 * k), "cs_window.%s is at byte %zu, expected %d",
              window_fields[k], ints[k], 4 * k);
    CHECK(offsetof(cs_window, value) == 56, "cs_window.value is at byte %zu, expected 56",
          offsetof(cs_window, value));
    CHECK(offsetof(cs_window, amount) == 64, "cs_window.amount is at byte %zu, expected 64",
          offsetof(cs_window, amount));
    CHECK(sizeof(cs_window) == 72, "sizeof(cs_window) is %zu, expected 72", sizeof(cs_window));
}

void run_stepper_tests(void) {
    RUN(stepper_run_to_the_end_equals_the_batch_kernel);
    RUN(batch_kernels_agree_with_the_naive_loops);
    RUN(stepper_after_k_steps_holds_the_first_k_windows);
    RUN(seek_equals_k_calls_of_next_forwards_and_backwards);
    RUN(seek_on_a_large_stepper_equals_k_calls_of_next);
    RUN(seek_around_sample_and_snapshot_boundaries_equals_k_calls_of_next);
    RUN(seek_out_of_range_returns_param_error_and_changes_nothing);
    RUN(window_record_matches_the_loop_order_at_every_step);
    RUN(window_record_layout_matches_the_javascript_views);
    RUN(cs_op_is_forward_names_the_ops_that_write_one_cell_per_step);
    RUN(window_record_of_a_known_max_pool_step);
    RUN(window_record_of_a_known_dilated_conv_step);
    RUN(step_0_record_has_only_total_op_and_f_and_outputs_are_zero);
    RUN(next_returns_0_at_the_end_and_changes_nothing);
    RUN(reset_then_run_again_gives_the_same_bits);
    RUN(reset_after_changing_inputs_replays_with_the_new_inputs);
    RUN(each_op_owns_exactly_its_tensors);
    RUN(a_prev_pad_holds_the_input_inside_zero_padding);
    RUN(da_prev_is_the_crop_of_the_padded_gradient);
    RUN(stepper_keeps_its_own_copy_of_a_prev);
    RUN(two_steppers_do_not_share_state);
    RUN(non_max_ops_have_an_all_zero_mask);
}
