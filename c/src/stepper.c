/* stepper.c - the step iterator: one window of the seed's loop nest per call.
 *
 *   for i in range(m):                       # sample
 *     for c in range(n_C):                   # output channel (pooling: the channel)
 *       for h in range(n_H):                 # fix the vertical position ...
 *         vert_start = h * stride
 *         for w in range(n_W):               # ... and slide horizontally by the stride
 *           hori_start = w * stride
 *           <one window's work>              # = one call of cs_stepper_next
 *
 * Conv transpose runs the same loop over its input X (c: the input channel), spreading each
 * element over a window of the padded output, as conv backward spreads dZ (conv_transpose.c).
 *
 * Step k (0-based) is the window at (i, c, h, w) with w fastest. A stepper owns every buffer it
 * writes, all allocated at creation; next/seek never allocate. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct {
    int i, c, h, w;
} loop_index;

struct cs_stepper {
    cs_op op;
    cs__geom g;
    cs_pool_mode mode;
    cs_pool_ties ties;
    /* caller-owned inputs, read on every step */
    const double *W, *b, *dZ; /* dZ is dA for pool backward, the copy of X for conv transpose */
    /* owned */
    double *A_pad; /* (m, n_H_pad, n_W_pad, n_C_prev); conv transpose: X, (m, n_H, n_W, n_C) */
    double *out;   /* forward: (m, n_H, n_W, n_C) */
    double
        *dA_pad; /* backward: like A_pad; conv transpose: Y_pad (m, n_H_pad, n_W_pad, n_C_prev) */
    double *dA_crop; /* conv backward: (m, n_H_prev, n_W_prev, n_C_prev); conv transpose: Y */
    double *dW, *db; /* conv backward; dW is filled from dWt when asked for */
    /* conv backward works on W and dW transposed to (n_C, f, f, n_C_prev): the inner loop over
     * input channels is then contiguous, with the seed's arithmetic unchanged. */
    double *Wt, *dWt;
    unsigned char *mask; /* f*f */
    /* Pool backward clears dA_pad lazily: a sample marked stale holds old values that stand for
     * zeros, cleared before anything reads or adds to it (a whole sample of windows that do not
     * overlap overwrites them instead, as the batch kernel does). */
    unsigned char *stale; /* m flags */
    int any_stale;
    int64_t total, pos;
    loop_index at;     /* (i, c, h, w) of step pos, kept in step with pos */
    int64_t ckpt_next; /* the first snapshot point after pos (INT64_MAX: none) */
    int ckpt_at;       /* its index in ckpt_pos (n_ckpt: none) */
    cs_window win;
    /* Backward ops accumulate, so seeking back means replaying from an earlier state. A step of
     * sample i writes only sample i's part of dA_pad (and dW, db): at the start of a sample the
     * earlier samples are final and the later ones still zero, so conv_transpose and pool
     * backward can start a replay at any sample's start from what they hold, and conv backward
     * from a copy of dW and db. Within a long sample, snapshots at a few points (on channel
     * boundaries where there are enough channels, else on window rows) keep that sample's part
     * of dA_pad too. Points lie on whole blocks so that seeking fills blocks at batch speed
     * between them; each snapshot is taken the first time its point is reached. They live in
     * one block allocated at creation. */
    double *ckpt;      /* the snapshots, one after the other */
    int64_t *ckpt_pos; /* n_ckpt points, ascending */
    size_t *ckpt_off;  /* where each one's snapshot starts in ckpt */
    unsigned char *ckpt_ok;
    int n_ckpt;
};

/* Checkpoints may take at most this many doubles in all (32 MiB, one tensor's limit). */
#define CKPT_BUDGET ((size_t)CS_MAX_ELEMENTS)
#define CKPT_MAX    64
/* Multiply-adds a replay may take before a sample gets snapshot points inside it: one to two
 * milliseconds of WebAssembly. Fewer points keep more of a run in whole-sample passes. */
#define SEG_WORK ((double)(1 << 22))

static double ceil_pos(double x) {
    const double t = (double)(int64_t)x;
    return t < x ? t + 1.0 : t;
}

static size_t n_in(const cs__geom *g) {
    return (size_t)g->m * g->n_H_prev * g->n_W_prev * g->n_C_prev;
}
static size_t n_pad(const cs__geom *g) {
    return (size_t)g->m * g->n_H_pad * g->n_W_pad * g->n_C_prev;
}
static size_t n_out(const cs__geom *g) {
    return (size_t)g->m * g->n_H * g->n_W * g->n_C;
}
static size_t n_w(const cs__geom *g) {
    return (size_t)g->f * g->f * g->n_C_prev * g->n_C;
}
/* Steps of one sample, and doubles of one sample of the (padded) input. */
static int64_t per_sample(const cs__geom *g) {
    return (int64_t)g->n_C * g->n_H * g->n_W;
}
static size_t sample_len(const cs__geom *g) {
    return (size_t)g->n_H_pad * g->n_W_pad * g->n_C_prev;
}

/* Makes sample i's part of dA_pad hold what it stands for (pool backward). */
static inline void fresh(cs_stepper *s, int i) {
    if (s->stale != NULL && s->stale[i]) {
        const size_t nS = sample_len(&s->g);
        memset(s->dA_pad + (size_t)i * nS, 0, sizeof(double) * nS);
        s->stale[i] = 0;
    }
}

/* Samples [i0, i1] of dA_pad back to zero: marked stale where that is allowed, else cleared. */
static void zero_samples(cs_stepper *s, int i0, int i1) {
    if (i1 < i0) return;
    if (s->stale != NULL) {
        memset(s->stale + i0, 1, (size_t)(i1 - i0 + 1));
        s->any_stale = 1;
        return;
    }
    const size_t nS = sample_len(&s->g);
    memset(s->dA_pad + (size_t)i0 * nS, 0, sizeof(double) * nS * (size_t)(i1 - i0 + 1));
}

/* Every sample of dA_pad as it stands for, before it is read from outside. */
static void fresh_all(cs_stepper *s) {
    if (!s->any_stale) return;
    for (int i = 0; i < s->g.m; i++) fresh(s, i);
    s->any_stale = 0;
}

void cs_stepper_destroy(cs_stepper *s) {
    if (s == NULL) return;
    free(s->A_pad);
    free(s->out);
    free(s->dA_pad);
    free(s->dA_crop);
    free(s->dW);
    free(s->db);
    free(s->mask);
    free(s->stale);
    free(s->Wt);
    free(s->dWt);
    free(s->ckpt);
    free(s->ckpt_pos);
    free(s->ckpt_off);
    free(s->ckpt_ok);
    free(s);
}

static void set_pos(cs_stepper *s, int64_t k);

/* Wt = W transposed to (n_C, f, f, n_C_prev), for conv backward. */
static void transpose_W(cs_stepper *s) {
    const size_t per_c = (size_t)s->g.f * s->g.f * s->g.n_C_prev;
    for (size_t j = 0; j < per_c; j++)
        for (int c = 0; c < s->g.n_C; c++)
            s->Wt[(size_t)c * per_c + j] = s->W[j * (size_t)s->g.n_C + (size_t)c];
}

static double *alloc_doubles(size_t n, int *failed) {
    double *p = calloc(n, sizeof(double));
    if (p == NULL) *failed = 1;
    return p;
}

/* Steps of one (i, c) block. */
static int64_t per_block(const cs__geom *g) {
    return (int64_t)g->n_H * g->n_W;
}

/* Chooses the snapshot points of a backward op and allocates their snapshots. Replaying a
 * sample costs its multiply-adds (work per step times steps); a sample of more than SEG_WORK of
 * them gets points inside it, G - 1 of them splitting it into G stretches of about equal work:
 * on channel boundaries when it has at least G channels (each stretch is then whole blocks, at
 * batch speed), else on window rows. A snapshot there holds the sample's part of dA_pad (and dW,
 * db); copying it must cost at most a sixteenth of the stretch's work. Conv backward also keeps
 * dW and db at the start of every q-th sample. At most CKPT_MAX points and CKPT_BUDGET doubles:
 * G shrinks first, then q grows. */
static cs_status plan_snapshots(cs_stepper *s) {
    const cs__geom *g = &s->g;
    const int64_t per = per_sample(g), rows = (int64_t)g->n_C * g->n_H;
    const size_t plane = sample_len(g), extra = s->dW ? n_w(g) + (size_t)g->n_C : 0;
    const int64_t work = s->op == CS_OP_CONV_BACKWARD    ? 2 * (int64_t)g->f * g->f * g->n_C_prev
                         : s->op == CS_OP_CONV_TRANSPOSE ? (int64_t)g->f * g->f * g->n_C_prev
                                                         : (int64_t)g->f * g->f;
    const double ws = (double)per * (double)work; /* multiply-adds of one sample */
    double G_d = ceil_pos(ws / SEG_WORK);
    const double by_copy = (double)(int64_t)(ws / (16.0 * (double)(plane + extra)));
    if (G_d > by_copy) G_d = by_copy;
    if (G_d > (double)rows) G_d = (double)rows;
    if (G_d > CKPT_MAX + 1) G_d = CKPT_MAX + 1;
    int G = G_d < 1.0 ? 1 : (int)G_d;
    const int64_t m = g->m;
    int64_t q = 1;
    for (;;) {
        const int64_t n_in = m * (G - 1), n_sb = extra ? (m - 1) / q : 0;
        const double mem = (double)n_in * (double)(plane + extra) + (double)n_sb * (double)extra;
        if (n_in + n_sb <= CKPT_MAX && mem <= (double)CKPT_BUDGET) break;
        if (G > 1)
            G--;
        else
            q *= 2;
    }
    const int64_t n_sb = extra ? (m - 1) / q : 0, n = m * (G - 1) + n_sb;
    if (n == 0) return CS_OK;
    s->ckpt_pos = malloc(sizeof(int64_t) * (size_t)n);
    s->ckpt_off = malloc(sizeof(size_t) * (size_t)n);
    s->ckpt_ok = calloc((size_t)n, 1);
    if (s->ckpt_pos == NULL || s->ckpt_off == NULL || s->ckpt_ok == NULL) return CS_ERR_NOMEM;
    int j = 0;
    size_t len = 0;
    for (int64_t i = 0; i < m; i++) {
        if (i > 0 && extra && i % q == 0) {
            s->ckpt_pos[j] = i * per;
            s->ckpt_off[j++] = len;
            len += extra;
        }
        for (int t = 1; t < G; t++) {
            /* stretch boundary t: a channel boundary, or else a window row */
            const int64_t row =
                G <= g->n_C ? (int64_t)t * g->n_C / G * g->n_H : (int64_t)t * rows / G;
            s->ckpt_pos[j] = i * per + row * g->n_W;
            s->ckpt_off[j++] = len;
            len += plane + extra;
        }
    }
    s->n_ckpt = j;
    s->ckpt = malloc(sizeof(double) * (len > 0 ? len : 1));
    return s->ckpt == NULL ? CS_ERR_NOMEM : CS_OK;
}

/* Allocates what the op needs, pads A_prev, and leaves the stepper at step 0. */
static cs_status create(cs_op op, const cs__geom *g, const double *A_prev, cs_stepper **out,
                        cs_stepper **made) {
    cs_stepper *s = calloc(1, sizeof *s);
    if (s == NULL) return CS_ERR_NOMEM;
    int failed = 0;
    s->op = op;
    s->g = *g;
    const int transpose = op == CS_OP_CONV_TRANSPOSE;
    s->A_pad = alloc_doubles(transpose ? n_out(g) : n_pad(g), &failed);
    s->mask = calloc((size_t)g->f * g->f, 1);
    if (s->mask == NULL) failed = 1;
    if (op == CS_OP_POOL_BACKWARD) {
        s->stale = calloc((size_t)g->m, 1);
        if (s->stale == NULL) failed = 1;
    }
    if (cs_op_is_forward(op))
        s->out = alloc_doubles(n_out(g), &failed);
    else
        s->dA_pad = alloc_doubles(n_pad(g), &failed);
    if (op == CS_OP_CONV_BACKWARD) {
        s->dA_crop = alloc_doubles(n_in(g), &failed);
        s->dW = alloc_doubles(n_w(g), &failed);
        s->db = alloc_doubles((size_t)g->n_C, &failed);
        s->Wt = alloc_doubles(n_w(g), &failed);
        s->dWt = alloc_doubles(n_w(g), &failed);
    }
    if (transpose) {
        s->dA_crop = alloc_doubles(n_in(g), &failed);
        s->Wt = alloc_doubles(n_w(g), &failed);
    }
    s->total = (int64_t)n_out(g);
    if (!failed && s->dA_pad != NULL && plan_snapshots(s) != CS_OK) failed = 1;
    if (failed) {
        cs_stepper_destroy(s);
        return CS_ERR_NOMEM;
    }
    if (transpose)
        memcpy(s->A_pad, A_prev, sizeof(double) * n_out(g)); /* X: nothing to pad */
    else
        cs__zero_pad(A_prev, g, s->A_pad);
    set_pos(s, 0);
    s->win.total = (int32_t)s->total;
    s->win.op = (int32_t)op;
    s->win.f = g->f;
    *made = s;
    *out = s;
    return CS_OK;
}

cs_status cs_stepper_create_conv_forward(const double *A_prev, cs_shape in, const double *W,
                                         const double *b, cs_conv_params p, cs_stepper **out) {
    if (A_prev == NULL || W == NULL || b == NULL || out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status st = cs__conv_geom(in, p, &g, NULL, 0);
    if (st != CS_OK) return st;
    cs_stepper *s;
    if ((st = create(CS_OP_CONV_FORWARD, &g, A_prev, out, &s)) != CS_OK) return st;
    s->W = W;
    s->b = b;
    return CS_OK;
}

cs_status cs_stepper_create_conv_backward(const double *dZ, const double *A_prev, cs_shape in,
                                          const double *W, cs_conv_params p, cs_stepper **out) {
    if (dZ == NULL || A_prev == NULL || W == NULL || out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status st = cs__conv_geom(in, p, &g, NULL, 0);
    if (st != CS_OK) return st;
    cs_stepper *s;
    if ((st = create(CS_OP_CONV_BACKWARD, &g, A_prev, out, &s)) != CS_OK) return st;
    s->W = W;
    s->dZ = dZ;
    transpose_W(s);
    return CS_OK;
}

cs_status cs_stepper_create_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p,
                                         cs_stepper **out) {
    if (A_prev == NULL || out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status st = cs__pool_geom(in, p, &g, NULL, 0);
    if (st != CS_OK) return st;
    cs_stepper *s;
    if ((st = create(CS_OP_POOL_FORWARD, &g, A_prev, out, &s)) != CS_OK) return st;
    s->mode = p.mode;
    s->ties = p.ties;
    return CS_OK;
}

cs_status cs_stepper_create_pool_backward(const double *dA, const double *A_prev, cs_shape in,
                                          cs_pool_params p, cs_stepper **out) {
    if (dA == NULL || A_prev == NULL || out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status st = cs__pool_geom(in, p, &g, NULL, 0);
    if (st != CS_OK) return st;
    cs_stepper *s;
    if ((st = create(CS_OP_POOL_BACKWARD, &g, A_prev, out, &s)) != CS_OK) return st;
    s->mode = p.mode;
    s->ties = p.ties;
    s->dZ = dA;
    return CS_OK;
}

cs_status cs_stepper_create_conv_transpose(const double *X, cs_shape in, const double *W,
                                           const double *b, cs_conv_transpose_params p,
                                           cs_stepper **out) {
    if (X == NULL || W == NULL || b == NULL || out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status st = cs__conv_transpose_geom(in, p, &g, NULL, 0);
    if (st != CS_OK) return st;
    cs_stepper *s;
    if ((st = create(CS_OP_CONV_TRANSPOSE, &g, X, out, &s)) != CS_OK) return st;
    s->W = W;
    s->b = b;
    s->dZ = s->A_pad; /* the element each step spreads: X[i, h, w, c], from the copy */
    transpose_W(s);
    return CS_OK;
}

/* Step k -> (i, c, h, w) in the seed's loop order, w fastest. */
static loop_index decode(const cs__geom *g, int64_t k) {
    /* total is at most CS_MAX_ELEMENTS, so 32-bit division (cheaper in WebAssembly) does */
    uint32_t r = (uint32_t)k;
    loop_index x;
    x.w = (int)(r % (uint32_t)g->n_W);
    r /= (uint32_t)g->n_W;
    x.h = (int)(r % (uint32_t)g->n_H);
    r /= (uint32_t)g->n_H;
    x.c = (int)(r % (uint32_t)g->n_C);
    x.i = (int)(r / (uint32_t)g->n_C);
    return x;
}

/* Conv transpose's step: Y_pad[i, window, :] += W[:, :, :, c] * X[i, h, w, c], the dA_prev
 * part of conv backward's step with X for dZ. Returns X[i, h, w, c]. */
static double spread_window(cs_stepper *s, loop_index x) {
    const cs__geom *g = &s->g;
    const int f = g->f, d = g->dilation, C = g->n_C_prev;
    const int vert_start = x.h * g->stride, hori_start = x.w * g->stride;
    const double xv = s->dZ[cs__at(g->n_H, g->n_W, g->n_C, x.i, x.h, x.w, x.c)];
    const double *wt = s->Wt + (size_t)x.c * f * f * C; /* W[:, :, :, c], contiguous */
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            double *y = s->dA_pad + cs__at(g->n_H_pad, g->n_W_pad, C, x.i, vert_start + u * d,
                                           hori_start + v * d, 0);
            const double *wk = wt + (size_t)(u * f + v) * C;
            for (int k = 0; k < C; k++) y[k] += xv * wk[k];
        }
    return xv;
}

/* Conv backward's step at (i, c, h, w), exactly as the seed writes it. Returns dZ[i, h, w, c]. */
static inline __attribute__((always_inline)) double conv_backward_window(cs_stepper *s, int i,
                                                                         int c, int h, int w) {
    const cs__geom *g = &s->g;
    const int f = g->f, d = g->dilation, C = g->n_C_prev, nC = g->n_C;
    const int vert_start = h * g->stride, hori_start = w * g->stride;
    const size_t o = cs__at(g->n_H, g->n_W, nC, i, h, w, c);
    const double dz = s->dZ[o];
    const double *wt = s->Wt + (size_t)c * f * f * C;
    double *dwt = s->dWt + (size_t)c * f * f * C;
    if (d == 1) {
        /* No dilation: a window row's f*n_C_prev cells are contiguous, one run each; the
         * same additions, element by element, as the loops below. */
        const int run = f * C;
        for (int u = 0; u < f; u++) {
            const size_t at = cs__at(g->n_H_pad, g->n_W_pad, C, i, vert_start + u, hori_start, 0);
            double *restrict da = s->dA_pad + at;
            double *restrict dwk = dwt + (size_t)u * run;
            const double *restrict a = s->A_pad + at;
            const double *restrict wk = wt + (size_t)u * run;
            for (int r = 0; r < run; r++) {
                da[r] += dz * wk[r];
                dwk[r] += dz * a[r];
            }
        }
        s->db[c] += dz;
        return dz;
    }
    for (int u = 0; u < f; u++)
        for (int v = 0; v < f; v++) {
            double *da = s->dA_pad + cs__at(g->n_H_pad, g->n_W_pad, C, i, vert_start + u * d,
                                            hori_start + v * d, 0);
            const double *a = s->A_pad + cs__at(g->n_H_pad, g->n_W_pad, C, i, vert_start + u * d,
                                                hori_start + v * d, 0);
            const double *wk = wt + (size_t)(u * f + v) * C;
            double *dwk = dwt + (size_t)(u * f + v) * C;
            for (int k = 0; k < C; k++) {
                /* dA_prev_pad[i, vert_start:vert_end, hori_start:hori_end, :] += dZ[i,h,w,c] * W[:,:,:,c] */
                da[k] += dz * wk[k];
                /* dW[:, :, :, c] += dZ[i, h, w, c] * a_slice */
                dwk[k] += dz * a[k];
            }
        }
    /* db[:, :, :, c] += dZ[i, h, w, c] */
    s->db[c] += dz;
    return dz;
}

/* One window's arithmetic, exactly as the seed writes it; returns the record's value. */
static double apply(cs_stepper *s, loop_index x) {
    const cs__geom *g = &s->g;
    const int f = g->f, C = g->n_C_prev, nC = g->n_C;
    const int vert_start = x.h * g->stride, hori_start = x.w * g->stride;
    const size_t o = cs__at(g->n_H, g->n_W, nC, x.i, x.h, x.w, x.c);
    switch (s->op) {
        case CS_OP_CONV_FORWARD:
            /* Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c]) */
            s->out[o] = cs__conv_single_step_at(s->A_pad, s->W, s->b[x.c], g, x.i, x.c, vert_start,
                                                hori_start);
            return s->out[o];
        case CS_OP_POOL_FORWARD:
            /* A[i, h, w, c] = max or mean of A_prev[i, vert_start:vert_end, hori_start:hori_end, c] */
            s->out[o] = cs__pool_window(s->A_pad, g, s->mode, x.i, x.c, vert_start, hori_start);
            return s->out[o];
        case CS_OP_CONV_BACKWARD:
            return conv_backward_window(s, x.i, x.c, x.h, x.w);
        case CS_OP_POOL_BACKWARD: {
            const double da = s->dZ[o];
            const size_t at = cs__at(g->n_H_prev, g->n_W_prev, C, x.i, vert_start, hori_start, x.c);
            const size_t ld = (size_t)g->n_W_prev * C;
            if (s->mode == CS_POOL_MAX) {
                /* dA_prev[window] += dA[i, h, w, c] * create_mask_from_window(a_prev_slice) */
                cs_create_mask_from_window(s->A_pad + at, f, ld, (size_t)C, s->ties, s->mask);
                for (int u = 0; u < f; u++)
                    for (int v = 0; v < f; v++)
                        if (s->mask[u * f + v]) s->dA_pad[at + u * ld + (size_t)v * C] += da;
            } else {
                /* dA_prev[window] += distribute_value(dA[i, h, w, c], (f, f)) */
                const double share = da / ((double)f * (double)f);
                for (int u = 0; u < f; u++)
                    for (int v = 0; v < f; v++) s->dA_pad[at + u * ld + (size_t)v * C] += share;
            }
            return da;
        }
        case CS_OP_CONV_TRANSPOSE:
            return spread_window(s, x);
        case CS_OP_COUNT: /* not an op: create() never makes such a stepper */
            break;
    }
    return 0.0;
}

/* Fills the window record for step k (0-based) that has just been applied. */
static void describe(cs_stepper *s, int64_t k, double value) {
    const cs__geom *g = &s->g;
    const loop_index x = decode(g, k);
    cs_window *r = &s->win;
    r->step = (int32_t)(k + 1);
    r->i = x.i;
    r->c = x.c;
    r->h = x.h;
    r->w = x.w;
    r->vert_start = x.h * g->stride;
    r->vert_end = r->vert_start + g->span;
    r->hori_start = x.w * g->stride;
    r->hori_end = r->hori_start + g->span;
    r->value = value;
    r->mask_count = 0;
    memset(s->mask, 0, (size_t)g->f * g->f);
    switch (s->op) {
        case CS_OP_CONV_FORWARD:
        case CS_OP_POOL_FORWARD:
            r->amount = 0.0;
            break;
        case CS_OP_CONV_BACKWARD:
        case CS_OP_CONV_TRANSPOSE:
            r->amount = value;
            break;
        case CS_OP_POOL_BACKWARD:
            r->amount = s->mode == CS_POOL_MAX ? value : value / ((double)g->f * (double)g->f);
            break;
        case CS_OP_COUNT:
            break;
    }
    if ((s->op == CS_OP_POOL_FORWARD || s->op == CS_OP_POOL_BACKWARD) && s->mode == CS_POOL_MAX) {
        /* Forward shows every tied maximum; backward marks the cells that get the gradient. */
        const cs_pool_ties ties = s->op == CS_OP_POOL_FORWARD ? CS_TIES_ALL : s->ties;
        const size_t at =
            cs__at(g->n_H_pad, g->n_W_pad, g->n_C_prev, x.i, r->vert_start, r->hori_start, x.c);
        r->mask_count =
            cs_create_mask_from_window(s->A_pad + at, g->f, (size_t)g->n_W_pad * g->n_C_prev,
                                       (size_t)g->n_C_prev, ties, s->mask);
    }
}

/* Snapshot j: the state at point ckpt_pos[j]: inside a sample, that sample's part of dA_pad,
 * then dW and db (conv backward); at a sample's start, dW and db only. */
static void ckpt_save(cs_stepper *s, int j) {
    double *slot = s->ckpt + s->ckpt_off[j];
    const int64_t per = per_sample(&s->g);
    if (s->ckpt_pos[j] % per != 0) {
        const size_t nS = sample_len(&s->g);
        fresh(s, (int)(s->ckpt_pos[j] / per));
        memcpy(slot, s->dA_pad + (size_t)(s->ckpt_pos[j] / per) * nS, sizeof(double) * nS);
        slot += nS;
    }
    if (s->dW) {
        memcpy(slot, s->dWt, sizeof(double) * n_w(&s->g));
        memcpy(slot + n_w(&s->g), s->db, sizeof(double) * (size_t)s->g.n_C);
    }
}

/* Back from position pos to point p < pos: snapshot j's state (j < 0: p is a sample's start and
 * dW, db are zero or absent). Samples before p's are final and unchanged since; p's sample comes
 * from the snapshot (or zeros at its start); later samples up to the one step pos-1 touched go
 * back to zero. */
static void ckpt_restore(cs_stepper *s, int64_t p, int j) {
    const cs__geom *g = &s->g;
    const int64_t per = per_sample(g);
    const size_t nS = sample_len(g);
    const int i = (int)(p / per);
    int last = (int)((s->pos - 1) / per);
    if (last >= g->m) last = g->m - 1;
    const double *slot = j >= 0 ? s->ckpt + s->ckpt_off[j] : NULL;
    int first_zero = i;
    if (p % per != 0) {
        memcpy(s->dA_pad + (size_t)i * nS, slot, sizeof(double) * nS);
        if (s->stale != NULL) s->stale[i] = 0;
        slot += nS;
        first_zero = i + 1;
    }
    zero_samples(s, first_zero, last);
    if (s->dW) {
        if (slot != NULL) {
            memcpy(s->dWt, slot, sizeof(double) * n_w(g));
            memcpy(s->db, slot + n_w(g), sizeof(double) * (size_t)g->n_C);
        } else {
            memset(s->dWt, 0, sizeof(double) * n_w(g));
            memset(s->db, 0, sizeof(double) * (size_t)g->n_C);
        }
    }
    set_pos(s, p);
}

/* Takes the snapshot of the point pos has just reached (ckpt_next), if not taken yet. */
static void reached_ckpt(cs_stepper *s) {
    const int j = s->ckpt_at;
    if (!s->ckpt_ok[j]) {
        ckpt_save(s, j);
        s->ckpt_ok[j] = 1;
    }
    s->ckpt_at = j + 1;
    s->ckpt_next = j + 1 < s->n_ckpt ? s->ckpt_pos[j + 1] : INT64_MAX;
}

/* The index of the first point at or after k (n_ckpt if none). */
static int first_point(const cs_stepper *s, int64_t k) {
    int lo = 0, hi = s->n_ckpt;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (s->ckpt_pos[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Where step k's window writes (forward) or reads its gradient (backward). */
static size_t out_index(const cs_stepper *s, int64_t k) {
    const loop_index x = decode(&s->g, k);
    return cs__at(s->g.n_H, s->g.n_W, s->g.n_C, x.i, x.h, x.w, x.c);
}

/* Every step of sample i of a forward op, in the batch kernel's order. */
static void sample_forward(cs_stepper *s, int i) {
    if (s->op == CS_OP_POOL_FORWARD) {
        cs__pool_forward_rows(&s->g, s->mode, s->A_pad, i, 0, s->g.n_C, 0, s->g.n_H, s->out);
        return;
    }
    cs__geom padded = s->g; /* the padded input, read as an unpadded one */
    padded.n_H_prev = s->g.n_H_pad;
    padded.n_W_prev = s->g.n_W_pad;
    padded.pad = 0;
    for (int h = 0; h < s->g.n_H; h++)
        for (int w = 0; w < s->g.n_W; w++)
            cs__conv_pixel(s->A_pad, s->W, s->b, &padded, i, h, w,
                           s->out + cs__at(s->g.n_H, s->g.n_W, s->g.n_C, i, h, w, 0));
}

/* Moves to step k without doing any step (the caller makes the state match). */
static void set_pos(cs_stepper *s, int64_t k) {
    s->pos = k;
    s->at = decode(&s->g, k);
    int j = first_point(s, k);
    if (j < s->n_ckpt && s->ckpt_pos[j] == k) j++;
    s->ckpt_at = j;
    s->ckpt_next = j < s->n_ckpt ? s->ckpt_pos[j] : INT64_MAX;
}

/* After a fill that ended on pos: takes the snapshot of a point there, if there is one. */
static void landed(cs_stepper *s) {
    const int j = s->ckpt_at - 1;
    if (j >= 0 && s->ckpt_pos[j] == s->pos && !s->ckpt_ok[j]) {
        ckpt_save(s, j);
        s->ckpt_ok[j] = 1;
    }
}

/* Does step pos and moves on, the loop indices counted like the seed's for loops (no division
 * per step); snapshots the state when it lands on a checkpoint. */
static double advance(cs_stepper *s) {
    if (s->stale != NULL) fresh(s, s->at.i);
    const double value = apply(s, s->at);
    s->pos++;
    loop_index *x = &s->at;
    if (++x->w == s->g.n_W) {
        x->w = 0;
        if (++x->h == s->g.n_H) {
            x->h = 0;
            if (++x->c == s->g.n_C) {
                x->c = 0;
                x->i++;
            }
        }
    }
    if (s->pos == s->ckpt_next) reached_ckpt(s);
    return value;
}

/* Conv backward's windows of rows [h0, h1) of blocks (i, c0) .. (i, c1 - 1), window after window
 * as the steps go: with a stride above 1 the batch kernel's dA_prev pass finds each cell's
 * windows one by one, and the steps' own order is faster. */
static void conv_backward_steps(cs_stepper *s, int i, int c0, int c1, int h0, int h1) {
    for (int c = c0; c < c1; c++)
        for (int h = h0; h < h1; h++)
            for (int w = 0; w < s->g.n_W; w++) conv_backward_window(s, i, c, h, w);
}

/* Windows of rows [h0, h1) of block (i, c) of a backward op, at batch speed. */
static void backward_rows(cs_stepper *s, int i, int c, int h0, int h1) {
    const cs__geom *g = &s->g;
    fresh(s, i);
    if (s->op == CS_OP_CONV_BACKWARD && g->stride > 1) {
        conv_backward_steps(s, i, c, c + 1, h0, h1);
    } else if (s->op == CS_OP_CONV_BACKWARD) {
        const size_t per_c = (size_t)g->f * g->f * g->n_C_prev;
        cs__conv_backward_rows(g, s->A_pad, s->Wt + (size_t)c * per_c, s->dZ, i, c, h0, h1,
                               s->dA_pad, s->dWt + (size_t)c * per_c, s->db + c);
    } else {
        cs__pool_backward_rows(g, s->mode, s->ties, s->dZ, s->A_pad, i, c, c + 1, h0, h1,
                               s->dA_pad);
    }
}

/* Whole blocks (i, c0) .. (i, c1 - 1) of a backward op, at batch speed, each accumulator taking
 * its terms in the seed's order. At a sample's start its part of dA_pad holds zeros. */
static void backward_blocks(cs_stepper *s, int i, int c0, int c1) {
    const cs__geom *g = &s->g;
    if (s->op == CS_OP_POOL_BACKWARD) {
        if (c0 == 0 && c1 == g->n_C && cs__pool_backward_overwrites(g, s->mode, s->ties)) {
            /* every cell of the sample written: old values need no clearing first */
            cs__pool_backward_sample(g, s->mode, s->ties, s->dZ, s->A_pad, i, s->dA_pad);
            s->stale[i] = 0;
            return;
        }
        fresh(s, i);
        if (c0 == 0 && c1 == g->n_C)
            cs__pool_backward_sample(g, s->mode, s->ties, s->dZ, s->A_pad, i, s->dA_pad);
        else
            cs__pool_backward_rows(g, s->mode, s->ties, s->dZ, s->A_pad, i, c0, c1, 0, g->n_H,
                                   s->dA_pad);
    } else if (g->stride > 1) {
        conv_backward_steps(s, i, c0, c1, 0, g->n_H);
    } else if (g->dilation == 1) {
        cs__conv_backward_channels(g, s->A_pad, s->Wt, s->dZ, i, c0, c1, s->dA_pad, s->dWt, s->db);
    } else {
        for (int c = c0; c < c1; c++) backward_rows(s, i, c, 0, g->n_H);
    }
}

/* Steps pos..k-1 of a backward op. Whole blocks (up to a sample) and whole window rows go at
 * batch speed, in an order that keeps every partial sum the seed's; the steps of a partial row
 * one by one. Stops on every snapshot point on the way, to take it. */
static void fill_backward(cs_stepper *s, int64_t k) {
    const cs__geom *g = &s->g;
    const int64_t block = per_block(g), per = per_sample(g);
    while (s->pos < k) {
        const loop_index x = s->at;
        const int64_t stop = k < s->ckpt_next ? k : s->ckpt_next;
        /* conv_transpose has no row kernel: its steps go one by one. */
        if (s->op != CS_OP_CONV_TRANSPOSE && x.w == 0 && stop - s->pos >= g->n_W) {
            const int64_t start = s->pos - (int64_t)x.h * g->n_W; /* of block (i, c) */
            const int64_t sample_end = (int64_t)(x.i + 1) * per;
            const int64_t lim = stop < sample_end ? stop : sample_end;
            const int64_t blocks = x.h == 0 ? (lim - s->pos) / block : 0;
            if (blocks > 0) {
                backward_blocks(s, x.i, x.c, x.c + (int)blocks);
                set_pos(s, s->pos + blocks * block);
            } else {
                const int64_t end = stop < start + block ? stop : start + block;
                const int h1 = (int)((end - start) / g->n_W);
                backward_rows(s, x.i, x.c, x.h, h1);
                set_pos(s, start + (int64_t)h1 * g->n_W);
            }
            landed(s);
            continue;
        }
        advance(s);
    }
}

int cs_stepper_next(cs_stepper *s) {
    if (s == NULL || s->pos >= s->total) return 0;
    const int64_t k = s->pos;
    describe(s, k, advance(s));
    return 1;
}

/* Back to step 0, keeping the snapshots (they stay valid while the inputs do not change). */
static void clear_state(cs_stepper *s) {
    const cs__geom *g = &s->g;
    if (s->out) memset(s->out, 0, sizeof(double) * n_out(g));
    /* dA_crop and dW are refreshed whenever they are asked for (cs_stepper_tensor) */
    if (s->dA_pad) zero_samples(s, 0, g->m - 1);
    if (s->dWt) memset(s->dWt, 0, sizeof(double) * n_w(g));
    if (s->db) memset(s->db, 0, sizeof(double) * (size_t)g->n_C);
    memset(s->mask, 0, (size_t)g->f * g->f);
    const int32_t total = s->win.total, op = s->win.op, f = s->win.f;
    memset(&s->win, 0, sizeof s->win);
    s->win.total = total;
    s->win.op = op;
    s->win.f = f;
    set_pos(s, 0);
}

void cs_stepper_reset(cs_stepper *s) {
    if (s == NULL) return;
    clear_state(s);
    /* Snapshots are dropped and W read again, so that a caller who changed W, b, dZ or dA
     * starts afresh. */
    if (s->Wt != NULL) transpose_W(s);
    if (s->ckpt_ok != NULL) memset(s->ckpt_ok, 0, (size_t)s->n_ckpt);
}

cs_status cs_stepper_seek(cs_stepper *s, int64_t k) {
    if (s == NULL) return CS_ERR_NULL;
    if (k < 0 || k > s->total) return CS_ERR_PARAM;
    const int forward = cs_op_is_forward(s->op);
    if (k < s->pos) {
        if (forward) {
            /* Forward steps write one cell each and read nothing they wrote: undo the later
             * steps by clearing their cells. */
            const cs__geom *g = &s->g;
            for (int64_t j = k; j < s->pos; j++) {
                const loop_index x = decode(g, j);
                s->out[cs__at(g->n_H, g->n_W, g->n_C, x.i, x.h, x.w, x.c)] = 0.0;
            }
            set_pos(s, k);
            if (k == 0) {
                clear_state(s);
            } else {
                /* The record describes step k again; recompute its value from the output. */
                const loop_index x = decode(g, k - 1);
                describe(s, k - 1, s->out[cs__at(g->n_H, g->n_W, g->n_C, x.i, x.h, x.w, x.c)]);
            }
            return CS_OK;
        }
        /* Backward steps accumulate: partial sums are rebuilt from the latest state at or
         * before k that can be restored (a snapshot, a sample's start where no snapshot is
         * needed, or the start), so that they equal bit for bit what k calls of next produce. */
        int j = first_point(s, k + 1) - 1;
        while (j >= 0 && !s->ckpt_ok[j]) j--;
        int64_t p = j >= 0 ? s->ckpt_pos[j] : 0;
        if (s->dW == NULL) {
            const int64_t start = k / per_sample(&s->g) * per_sample(&s->g);
            if (start > p) {
                p = start;
                j = -1;
            }
        }
        if (p == 0 && j < 0)
            clear_state(s);
        else
            ckpt_restore(s, p, j);
    }
    if (k == s->pos) {
        if (k == 0)
            clear_state(s);
        else if (!forward)
            describe(s, k - 1, s->dZ[out_index(s, k - 1)]);
        return CS_OK;
    }
    double value = 0.0;
    if (forward) {
        const int64_t per = per_sample(&s->g);
        while (s->pos < k) {
            const loop_index x = s->at;
            if (x.c == 0 && x.h == 0 && x.w == 0 && s->pos + per <= k) {
                /* A whole sample at batch speed: its steps write disjoint cells, and each cell
                 * gets exactly the value its step would write. Forward ops keep no snapshots,
                 * so only the position and the loop indices move on. */
                sample_forward(s, x.i);
                s->pos += per;
                s->at = (loop_index){.i = x.i + 1, .c = 0, .h = 0, .w = 0};
                value = s->out[out_index(s, s->pos - 1)];
                continue;
            }
            value = advance(s);
        }
    } else {
        fill_backward(s, k);
        value = s->dZ[out_index(s, k - 1)];
    }
    describe(s, k - 1, value);
    return CS_OK;
}

const cs_window *cs_stepper_window(const cs_stepper *s) {
    return s == NULL ? NULL : &s->win;
}
const unsigned char *cs_stepper_mask(const cs_stepper *s) {
    return s == NULL ? NULL : s->mask;
}
int64_t cs_stepper_total(const cs_stepper *s) {
    return s == NULL ? 0 : s->total;
}
int64_t cs_stepper_position(const cs_stepper *s) {
    return s == NULL ? 0 : s->pos;
}

/* Conv transpose's Y = Y_pad[:, pad:pad+n_H_out, pad:pad+n_W_out, :] + b, into dA_crop. */
static void transpose_output(cs_stepper *s) {
    const cs__geom *g = &s->g;
    const int C = g->n_C_prev;
    for (int i = 0; i < g->m; i++)
        for (int h = 0; h < g->n_H_prev; h++)
            for (int w = 0; w < g->n_W_prev; w++) {
                const double *y =
                    s->dA_pad + cs__at(g->n_H_pad, g->n_W_pad, C, i, h + g->pad, w + g->pad, 0);
                double *o = s->dA_crop + cs__at(g->n_H_prev, g->n_W_prev, C, i, h, w, 0);
                for (int k = 0; k < C; k++) o[k] = y[k] + s->b[k];
            }
}

const double *cs_stepper_tensor(cs_stepper *s, cs_tensor_id t, cs_shape *shape) {
    if (s == NULL) return NULL;
    fresh_all(s);
    const cs__geom *g = &s->g;
    const cs_shape in = {g->m, g->n_H_prev, g->n_W_prev, g->n_C_prev};
    const double *p = NULL;
    cs_shape sh = {0, 0, 0, 0};
    switch (t) {
        case CS_T_A_PREV_PAD:
            p = s->A_pad;
            sh = s->op == CS_OP_CONV_TRANSPOSE
                     ? (cs_shape){g->m, g->n_H, g->n_W, g->n_C}
                     : (cs_shape){g->m, g->n_H_pad, g->n_W_pad, g->n_C_prev};
            break;
        case CS_T_OUT:
            if (s->op == CS_OP_CONV_TRANSPOSE) {
                transpose_output(s);
                p = s->dA_crop;
                sh = in;
                break;
            }
            p = s->out;
            sh = (cs_shape){g->m, g->n_H, g->n_W, g->n_C};
            break;
        case CS_T_DA_PREV_PAD:
            if (s->op == CS_OP_CONV_TRANSPOSE) break;
            p = s->dA_pad;
            sh = (cs_shape){g->m, g->n_H_pad, g->n_W_pad, g->n_C_prev};
            break;
        case CS_T_OUT_PAD:
            if (s->op != CS_OP_CONV_TRANSPOSE) break;
            p = s->dA_pad;
            sh = (cs_shape){g->m, g->n_H_pad, g->n_W_pad, g->n_C_prev};
            break;
        case CS_T_DA_PREV:
            if (s->op == CS_OP_POOL_BACKWARD) {
                p = s->dA_pad;
                sh = in;
            } else if (s->op == CS_OP_CONV_BACKWARD) {
                /* dA_prev = dA_prev_pad[:, pad:pad+n_H_prev, pad:pad+n_W_prev, :] (also for pad 0) */
                const size_t row = (size_t)g->n_W_prev * g->n_C_prev;
                for (int i = 0; i < g->m; i++)
                    for (int h = 0; h < g->n_H_prev; h++)
                        memcpy(s->dA_crop +
                                   cs__at(g->n_H_prev, g->n_W_prev, g->n_C_prev, i, h, 0, 0),
                               s->dA_pad + cs__at(g->n_H_pad, g->n_W_pad, g->n_C_prev, i,
                                                  h + g->pad, g->pad, 0),
                               sizeof(double) * row);
                p = s->dA_crop;
                sh = in;
            }
            break;
        case CS_T_DW:
            if (s->dW != NULL) {
                /* back from (n_C, f, f, n_C_prev) to the seed's (f, f, n_C_prev, n_C) */
                const size_t per_c = (size_t)g->f * g->f * g->n_C_prev;
                for (size_t j = 0; j < per_c; j++)
                    for (int c = 0; c < g->n_C; c++)
                        s->dW[j * (size_t)g->n_C + (size_t)c] = s->dWt[(size_t)c * per_c + j];
            }
            p = s->dW;
            sh = (cs_shape){g->f, g->f, g->n_C_prev, g->n_C};
            break;
        case CS_T_DB:
            p = s->db;
            sh = (cs_shape){1, 1, 1, g->n_C};
            break;
    }
    if (p != NULL && shape != NULL) *shape = sh;
    return p;
}
