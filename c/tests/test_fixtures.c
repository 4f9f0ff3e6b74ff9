/*
 * test_fixtures.c - the golden fixtures in tests/fixtures/ (numpy running the seed's loops,
 * and PyTorch for the first-maximum tie rule), through the batch kernels and through a stepper
 * run to its end.
 *
 * Tolerance: 1e-12 times the sum of the magnitudes of the terms summed into each element
 * (computed here by test_ref.c's naive loops: for Z[i,h,w,c] that is |b[c]| + sum |a|*|w| over
 * the window), where the order of the additions may differ from numpy's: conv Z (np.sum is
 * pairwise), average-pool A, and the batch kernel's conv dA_prev (it sums over output channels
 * first). Exact equality where the order is the seed's: maxima, single-term elements, conv dW
 * and db, every pool gradient, and every gradient of the stepper, which runs the seed's loop
 * literally. A missing fixture file is a failed check, never a skip.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* ---- the parser -------------------------------------------------------------------------- */

typedef struct {
    FILE *f;
    const char *path;
    int line;
} fx_reader;

/* Next whitespace-separated token, skipping '#' comments. 0 at end of file, -1 when a token
 * does not fit. */
static int next_token(fx_reader *r, char *buf, size_t cap) {
    int ch;
    for (;;) {
        ch = fgetc(r->f);
        if (ch == EOF) return 0;
        if (ch == '\n') {
            r->line++;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r') continue;
        if (ch == '#') {
            while ((ch = fgetc(r->f)) != EOF && ch != '\n') {}
            if (ch == '\n') r->line++;
            continue;
        }
        break;
    }
    size_t n = 0;
    while (ch != EOF && ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
        if (n + 1 >= cap) return -1;
        buf[n++] = (char)ch;
        ch = fgetc(r->f);
    }
    buf[n] = '\0';
    if (ch == '\n') r->line++;
    return 1;
}

static int parse_int(const char *s, int *out) {
    char *end;
    errno = 0;
    const long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < -2147483647L - 1 || v > 2147483647L) return 0;
    *out = (int)v;
    return 1;
}

static int parse_double(const char *s, double *out) {
    char *end;
    errno = 0;
    const double v = strtod(s, &end);
    if (end == s || *end != '\0') return 0;
    *out = v;
    return 1;
}

static int read_ints(fx_reader *r, int *v, int n) {
    char tok[64];
    for (int k = 0; k < n; k++)
        if (next_token(r, tok, sizeof tok) != 1 || !parse_int(tok, &v[k])) return 0;
    return 1;
}

static void free_case(fx_case *c) {
    for (int k = 0; k < c->nt; k++) free(c->t[k].v);
    memset(c, 0, sizeof *c);
}

int fx_read(const char *path, fx_case_fn fn) {
    fx_reader r = {fopen(path, "r"), path, 1};
    if (!CHECK(r.f != NULL, "%s cannot be opened (%s); run from the repository's top folder", path,
               strerror(errno)))
        return 0;
    static fx_case c; /* large: kept off the stack */
    memset(&c, 0, sizeof c);
    int in_case = 0, cases = 0, ok = 1;
    char tok[256];
    const char *error = NULL;
    int st;
    while (ok && (st = next_token(&r, tok, sizeof tok)) != 0) {
        if (st < 0) {
            error = "token too long";
            break;
        }
        if (strcmp(tok, "case") == 0) {
            if (in_case) {
                error = "`case` before the previous case's `end`";
                break;
            }
            free_case(&c);
            c.line = r.line;
            if (next_token(&r, c.name, sizeof c.name) != 1) {
                error = "case without a name";
                break;
            }
            in_case = 1;
        } else if (!in_case) {
            error = "keyword outside a case";
            break;
        } else if (strcmp(tok, "op") == 0) {
            if (next_token(&r, tok, sizeof tok) != 1) {
                error = "op without a value";
                break;
            }
            c.has_op = 1;
            if (strcmp(tok, "conv") == 0)
                c.is_conv = 1;
            else if (strcmp(tok, "conv_transpose") == 0)
                c.is_conv_transpose = 1;
            else if (strcmp(tok, "pool") != 0) {
                error = "op is neither conv, conv_transpose nor pool";
                break;
            }
        } else if (strcmp(tok, "shape") == 0) {
            int v[4];
            if (!read_ints(&r, v, 4)) {
                error = "shape needs 4 integers";
                break;
            }
            c.in = (cs_shape){v[0], v[1], v[2], v[3]};
            c.has_shape = 1;
        } else if (strcmp(tok, "conv") == 0) {
            int v[5];
            if (!read_ints(&r, v, 5)) {
                error = "conv needs f n_C stride pad dilation";
                break;
            }
            c.cp = (cs_conv_params){
                .f = v[0], .n_C = v[1], .stride = v[2], .pad = v[3], .dilation = v[4]};
            c.has_conv = 1;
        } else if (strcmp(tok, "conv_transpose") == 0) {
            int v[6];
            if (!read_ints(&r, v, 6)) {
                error = "conv_transpose needs f n_C_out stride pad dilation output_padding";
                break;
            }
            c.tp = (cs_conv_transpose_params){.f = v[0],
                                              .n_C_out = v[1],
                                              .stride = v[2],
                                              .pad = v[3],
                                              .dilation = v[4],
                                              .output_padding = v[5]};
            c.has_conv_transpose = 1;
        } else if (strcmp(tok, "pool") == 0) {
            int v[2];
            if (!read_ints(&r, v, 2) || next_token(&r, tok, sizeof tok) != 1) {
                error = "pool needs f stride max|average";
                break;
            }
            c.pp = (cs_pool_params){.f = v[0], .stride = v[1]};
            if (strcmp(tok, "max") == 0)
                c.pp.mode = CS_POOL_MAX;
            else if (strcmp(tok, "average") == 0)
                c.pp.mode = CS_POOL_AVERAGE;
            else {
                error = "pool mode is neither max nor average";
                break;
            }
            c.has_pool = 1;
        } else if (strcmp(tok, "seed") == 0) {
            char *end;
            if (next_token(&r, tok, sizeof tok) != 1) {
                error = "seed without a value";
                break;
            }
            errno = 0;
            const unsigned long long s = strtoull(tok, &end, 10);
            if (errno != 0 || *end != '\0' || end == tok || s > 0xFFFFFFFFull) {
                error = "seed is not a 32-bit unsigned integer";
                break;
            }
            c.seed = (uint32_t)s;
            c.has_seed = 1;
        } else if (strcmp(tok, "tensor") == 0) {
            if (c.nt == FX_MAX_TENSORS) {
                error = "too many tensors in one case";
                break;
            }
            fx_tensor *t = &c.t[c.nt];
            if (next_token(&r, t->name, sizeof t->name) != 1 || !read_ints(&r, t->d, 4)) {
                error = "tensor needs a name and 4 dimensions";
                break;
            }
            if (t->d[0] < 1 || t->d[1] < 1 || t->d[2] < 1 || t->d[3] < 1) {
                error = "tensor dimension below 1";
                break;
            }
            t->n = (size_t)t->d[0] * (size_t)t->d[1] * (size_t)t->d[2] * (size_t)t->d[3];
            if (t->n > ((size_t)1 << 24)) {
                error = "tensor too large for a fixture";
                break;
            }
            t->v = malloc(t->n * sizeof *t->v);
            if (t->v == NULL) {
                error = "out of memory";
                break;
            }
            c.nt++;
            for (size_t k = 0; k < t->n; k++) {
                if (next_token(&r, tok, sizeof tok) != 1 || !parse_double(tok, &t->v[k])) {
                    error = "tensor has fewer values than its dimensions say, or a bad number";
                    ok = 0;
                    break;
                }
            }
        } else if (strcmp(tok, "end") == 0) {
            in_case = 0;
            cases++;
            fn(&c);
            free_case(&c);
        } else {
            error = "unknown keyword";
            break;
        }
    }
    if (error == NULL && in_case) error = "file ends inside a case";
    CHECK(error == NULL, "%s:%d: format error: %s (at '%s')", path, r.line, error ? error : "",
          error ? tok : "");
    free_case(&c);
    fclose(r.f);
    return cases;
}

const fx_tensor *fx_get(const fx_case *c, const char *name) {
    for (int k = 0; k < c->nt; k++)
        if (strcmp(c->t[k].name, name) == 0) return &c->t[k];
    return NULL;
}

cs_shape fx_shape(const fx_tensor *t) {
    return (cs_shape){t->d[0], t->d[1], t->d[2], t->d[3]};
}

/* ---- helpers ------------------------------------------------------------------------------- */

static char test_name[256];

static const fx_tensor *need(const fx_case *c, const char *name, cs_shape want) {
    const fx_tensor *t = fx_get(c, name);
    if (!CHECK(t != NULL, "case %s (line %d): tensor %s is missing", c->name, c->line, name))
        return NULL;
    const cs_shape s = fx_shape(t);
    if (!CHECK(t_shape_eq(s, want), "case %s: tensor %s is (%d,%d,%d,%d), expected (%d,%d,%d,%d)",
               c->name, name, s.m, s.n_H, s.n_W, s.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return NULL;
    return t;
}

/* Steps until next() says the end; the count must be the stepper's total. */
static void run_to_end(cs_stepper *s, const char *name) {
    const int64_t total = cs_stepper_total(s);
    int64_t steps = 0;
    while (steps <= total && cs_stepper_next(s)) steps++;
    CHECK(steps == total, "%s: next() did %lld steps, total is %lld", name, (long long)steps,
          (long long)total);
}

/* The stepper's tensor t, if it has the expected shape. */
static const double *stepper_tensor(cs_stepper *s, cs_tensor_id id, cs_shape want,
                                    const char *what) {
    cs_shape got = {-1, -1, -1, -1};
    const double *p = cs_stepper_tensor(s, id, &got);
    if (!CHECK(p != NULL, "%s: cs_stepper_tensor(%d) is NULL", what, (int)id)) return NULL;
    if (!CHECK(t_shape_eq(got, want),
               "%s: cs_stepper_tensor(%d) shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)", what,
               (int)id, got.m, got.n_H, got.n_W, got.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return NULL;
    return p;
}

/* ---- convolution ----------------------------------------------------------------------------- */

static void conv_case(const fx_case *c) {
    snprintf(test_name, sizeof test_name, "conv_matches_golden_fixture[%s]", c->name);
    t_begin(test_name);
    if (!CHECK(c->has_op && c->is_conv && c->has_shape && c->has_conv,
               "case %s (line %d): needs op conv, shape and conv lines", c->name, c->line))
        return;
    const cs_shape in = c->in;
    const cs_conv_params p = c->cp;
    cs_shape out = {-1, -1, -1, -1};
    if (!CHECK(cs_conv_output_shape(in, p, &out) == CS_OK, "case %s: cs_conv_output_shape failed",
               c->name))
        return;
    const cs_shape ws = {p.f, p.f, in.n_C, p.n_C}, bs = {1, 1, 1, p.n_C};
    const fx_tensor *A = need(c, "A_prev", in), *W = need(c, "W", ws), *b = need(c, "b", bs);
    const fx_tensor *dZ = need(c, "dZ", out), *Z = need(c, "Z", out);
    const fx_tensor *dA = need(c, "dA_prev", in), *dW = need(c, "dW", ws), *db = need(c, "db", bs);
    if (!A || !W || !b || !dZ || !Z || !dA || !dW || !db) return;

    const size_t nz = t_count(out), na = t_count(in), nw = t_count(ws), nb = (size_t)p.n_C;
    double *Zr = t_alloc_nan(nz), *Zb = t_alloc_nan(nz);
    double *dAr = t_alloc_nan(na), *dAb = t_alloc_nan(na);
    double *dWr = t_alloc_nan(nw), *dWb = t_alloc_nan(nw), *dbr = t_alloc_nan(nb),
           *dbb = t_alloc_nan(nb);
    int *Zt = malloc(nz * sizeof *Zt), *dAt = malloc(na * sizeof *dAt);
    int *dWt = malloc(nw * sizeof *dWt), *dbt = malloc(nb * sizeof *dbt);
    ref_conv_forward(A->v, in, W->v, b->v, p, Zr, Zb, Zt);
    ref_conv_backward(dZ->v, A->v, in, W->v, p, -1, dAr, dAb, dAt, dWr, dWb, dWt, dbr, dbb, dbt);

    char what[300];
    /* The fixture itself against the test's naive loop: tells a bad fixture from a bad kernel. */
    snprintf(what, sizeof what, "%s: fixture Z vs the test's naive loop", c->name);
    T_CLOSE(what, Z->v, Zr, Zb, Zt, out, T_NHWC);
    snprintf(what, sizeof what, "%s: fixture dA_prev vs the test's naive loop", c->name);
    T_CLOSE(what, dA->v, dAr, dAb, dAt, in, T_NHWC);
    snprintf(what, sizeof what, "%s: fixture dW vs the test's naive loop", c->name);
    T_CLOSE(what, dW->v, dWr, dWb, dWt, ws, T_FILTER);
    snprintf(what, sizeof what, "%s: fixture db vs the test's naive loop", c->name);
    T_CLOSE(what, db->v, dbr, dbb, dbt, bs, T_NHWC);

    /* Batch kernels, on NaN-filled outputs. */
    double *Zk = t_alloc_nan(nz), *dAk = t_alloc_nan(na), *dWk = t_alloc_nan(nw),
           *dbk = t_alloc_nan(nb);
    CHECK(cs_conv_forward(A->v, in, W->v, b->v, p, Zk) == CS_OK, "%s: cs_conv_forward failed",
          c->name);
    snprintf(what, sizeof what, "%s: cs_conv_forward Z", c->name);
    T_CLOSE(what, Zk, Z->v, Zb, Zt, out, T_NHWC);
    CHECK(cs_conv_backward(dZ->v, A->v, in, W->v, p, dAk, dWk, dbk) == CS_OK,
          "%s: cs_conv_backward failed", c->name);
    snprintf(what, sizeof what, "%s: cs_conv_backward dA_prev", c->name);
    T_CLOSE(what, dAk, dA->v, dAb, dAt, in, T_NHWC);
    /* dW and db take their terms in the seed's (i, h, w) order for each element: exact. */
    snprintf(what, sizeof what, "%s: cs_conv_backward dW (seed's order: exact)", c->name);
    T_EQUAL(what, dWk, dW->v, ws, T_FILTER);
    snprintf(what, sizeof what, "%s: cs_conv_backward db (seed's order: exact)", c->name);
    T_EQUAL(what, dbk, db->v, bs, T_NHWC);

    /* Steppers run to the end. */
    cs_stepper *s = NULL;
    snprintf(what, sizeof what, "%s: forward stepper", c->name);
    if (CHECK(cs_stepper_create_conv_forward(A->v, in, W->v, b->v, p, &s) == CS_OK && s != NULL,
              "%s: create failed", what)) {
        run_to_end(s, what);
        const double *o = stepper_tensor(s, CS_T_OUT, out, what);
        if (o) {
            snprintf(what, sizeof what, "%s: forward stepper CS_T_OUT", c->name);
            T_CLOSE(what, o, Z->v, Zb, Zt, out, T_NHWC);
            snprintf(what, sizeof what, "%s: forward stepper CS_T_OUT vs cs_conv_forward, bitwise",
                     c->name);
            T_SAME(what, o, Zk, out, T_NHWC);
        }
        cs_stepper_destroy(s);
    }
    s = NULL;
    snprintf(what, sizeof what, "%s: backward stepper", c->name);
    if (CHECK(cs_stepper_create_conv_backward(dZ->v, A->v, in, W->v, p, &s) == CS_OK && s != NULL,
              "%s: create failed", what)) {
        run_to_end(s, what);
        /* The stepper runs the seed's loop literally, so every gradient element receives its
         * terms in numpy's order: exact. */
        const double *g = stepper_tensor(s, CS_T_DA_PREV, in, what);
        if (g) {
            snprintf(what, sizeof what, "%s: backward stepper CS_T_DA_PREV (seed's order: exact)",
                     c->name);
            T_EQUAL(what, g, dA->v, in, T_NHWC);
        }
        g = stepper_tensor(s, CS_T_DW, ws, what);
        if (g) {
            snprintf(what, sizeof what, "%s: backward stepper CS_T_DW (seed's order: exact)",
                     c->name);
            T_EQUAL(what, g, dW->v, ws, T_FILTER);
        }
        g = stepper_tensor(s, CS_T_DB, bs, what);
        if (g) {
            snprintf(what, sizeof what, "%s: backward stepper CS_T_DB (seed's order: exact)",
                     c->name);
            T_EQUAL(what, g, db->v, bs, T_NHWC);
        }
        cs_stepper_destroy(s);
    }

    free(Zr);
    free(Zb);
    free(dAr);
    free(dAb);
    free(dWr);
    free(dWb);
    free(dbr);
    free(dbb);
    free(Zt);
    free(dAt);
    free(dWt);
    free(dbt);
    free(Zk);
    free(dAk);
    free(dWk);
    free(dbk);
}

/* ---- pooling --------------------------------------------------------------------------------- */

static void pool_backward_variant(const fx_case *c, const fx_tensor *A, const fx_tensor *dA,
                                  const fx_tensor *expected, cs_pool_ties ties) {
    const cs_shape in = c->in;
    cs_pool_params p = c->pp;
    p.ties = ties;
    const size_t n = t_count(in);
    const char *rule = ties == CS_TIES_ALL ? "ties all" : "ties first";
    double *ref = t_alloc_nan(n), *bound = t_alloc_nan(n), *got = t_alloc_nan(n);
    int *terms = malloc(n * sizeof *terms);
    ref_pool_backward(dA->v, A->v, in, p, -1, ref, bound, terms);

    char what[300];
    snprintf(what, sizeof what, "%s: fixture %s (%s) vs the test's naive loop", c->name,
             expected->name, rule);
    T_CLOSE(what, expected->v, ref, bound, terms, in, T_NHWC);
    CHECK(cs_pool_backward(dA->v, A->v, in, p, got) == CS_OK, "%s: cs_pool_backward (%s) failed",
          c->name, rule);
    /* Pool gradients are added window by window in the seed's order: exact. */
    snprintf(what, sizeof what, "%s: cs_pool_backward dA_prev (%s; seed's order: exact)", c->name,
             rule);
    T_EQUAL(what, got, expected->v, in, T_NHWC);

    cs_stepper *s = NULL;
    snprintf(what, sizeof what, "%s: backward stepper (%s)", c->name, rule);
    if (CHECK(cs_stepper_create_pool_backward(dA->v, A->v, in, p, &s) == CS_OK && s != NULL,
              "%s: create failed", what)) {
        run_to_end(s, what);
        const double *g = stepper_tensor(s, CS_T_DA_PREV, in, what);
        if (g) {
            snprintf(what, sizeof what,
                     "%s: backward stepper CS_T_DA_PREV (%s; seed's order: exact)", c->name, rule);
            T_EQUAL(what, g, expected->v, in, T_NHWC);
        }
        cs_stepper_destroy(s);
    }
    free(ref);
    free(bound);
    free(got);
    free(terms);
}

static void pool_case(const fx_case *c) {
    snprintf(test_name, sizeof test_name, "pool_matches_golden_fixture[%s]", c->name);
    t_begin(test_name);
    if (!CHECK(c->has_op && !c->is_conv && c->has_shape && c->has_pool,
               "case %s (line %d): needs op pool, shape and pool lines", c->name, c->line))
        return;
    const cs_shape in = c->in;
    const cs_pool_params p = c->pp;
    cs_shape out = {-1, -1, -1, -1};
    if (!CHECK(cs_pool_output_shape(in, p, &out) == CS_OK, "case %s: cs_pool_output_shape failed",
               c->name))
        return;
    const fx_tensor *A = need(c, "A_prev", in), *Aout = need(c, "A", out), *dA = need(c, "dA", out);
    if (!A || !Aout || !dA) return;

    const size_t no = t_count(out);
    double *ref = t_alloc_nan(no), *bound = t_alloc_nan(no), *got = t_alloc_nan(no);
    int *terms = malloc(no * sizeof *terms);
    ref_pool_forward(A->v, in, p, ref, bound, terms);
    char what[300];
    snprintf(what, sizeof what, "%s: fixture A vs the test's naive loop", c->name);
    T_CLOSE(what, Aout->v, ref, bound, terms, out, T_NHWC);
    CHECK(cs_pool_forward(A->v, in, p, got) == CS_OK, "%s: cs_pool_forward failed", c->name);
    snprintf(what, sizeof what, "%s: cs_pool_forward A", c->name);
    T_CLOSE(what, got, Aout->v, bound, terms, out, T_NHWC);
    cs_stepper *s = NULL;
    snprintf(what, sizeof what, "%s: forward stepper", c->name);
    if (CHECK(cs_stepper_create_pool_forward(A->v, in, p, &s) == CS_OK && s != NULL,
              "%s: create failed", what)) {
        run_to_end(s, what);
        const double *o = stepper_tensor(s, CS_T_OUT, out, what);
        if (o) {
            snprintf(what, sizeof what, "%s: forward stepper CS_T_OUT", c->name);
            T_CLOSE(what, o, Aout->v, bound, terms, out, T_NHWC);
            snprintf(what, sizeof what, "%s: forward stepper CS_T_OUT vs cs_pool_forward, bitwise",
                     c->name);
            T_SAME(what, o, got, out, T_NHWC);
        }
        cs_stepper_destroy(s);
    }

    /* Backward: the plain dA_prev is the assignment's rule (every tied maximum); where no window
     * has a tie the first-maximum rule must give the same. The tie cases carry both rules. */
    const fx_tensor *plain = fx_get(c, "dA_prev"), *all = fx_get(c, "dA_prev_ties_all");
    const fx_tensor *first = fx_get(c, "dA_prev_ties_first");
    CHECK(plain || all || first, "case %s: no dA_prev, dA_prev_ties_all or dA_prev_ties_first",
          c->name);
    const fx_tensor *list[3] = {plain, all, first};
    for (int k = 0; k < 3; k++) {
        if (list[k] == NULL) continue;
        const cs_shape s2 = fx_shape(list[k]);
        if (!CHECK(t_shape_eq(s2, in), "case %s: %s is (%d,%d,%d,%d), expected A_prev's shape",
                   c->name, list[k]->name, s2.m, s2.n_H, s2.n_W, s2.n_C))
            continue;
        if (k == 0) {
            pool_backward_variant(c, A, dA, plain, CS_TIES_ALL);
            if (p.mode == CS_POOL_MAX && !ref_has_near_ties(A->v, in, p, 0.0))
                pool_backward_variant(c, A, dA, plain, CS_TIES_FIRST);
        } else {
            pool_backward_variant(c, A, dA, list[k], k == 1 ? CS_TIES_ALL : CS_TIES_FIRST);
        }
    }
    free(ref);
    free(bound);
    free(got);
    free(terms);
}

static void conv_fixture_file_is_complete(void) {
    const int n = fx_read("tests/fixtures/conv.txt", conv_case);
    t_begin("conv_fixture_file_is_complete");
    CHECK(n > 0, "tests/fixtures/conv.txt has no case");
}

static void pool_fixture_file_is_complete(void) {
    const int n = fx_read("tests/fixtures/pool.txt", pool_case);
    t_begin("pool_fixture_file_is_complete");
    CHECK(n > 0, "tests/fixtures/pool.txt has no case");
}

void run_fixture_tests(void) {
    RUN(conv_fixture_file_is_complete);
    RUN(pool_fixture_file_is_complete);
}
