/*
 * native.c - the batch kernels of c/src, compiled natively, timed: the baseline that
 * bench/run.mjs sets the WebAssembly build against.
 *
 * run.mjs builds it with `gcc -O2`, from the library's sources (c/src) and this file, for plain
 * x86-64 (no -march: SSE2 holds two doubles, as WebAssembly's SIMD128 does), and runs it once
 * per size:
 *
 *   native m H W C f n_C stride pad pool_f pool_stride min_seconds samples [kernel [calls]]
 *
 * Inputs are np.random.seed(1); randn(...) drawn in turn (A_prev, W, b, dZ, dA), the same
 * arrays the WebAssembly and numpy runs use. Each kernel is called n times in a row, n chosen
 * so that one batch of n calls takes about min_seconds (at least that, within a few per cent);
 * then `samples` batches are timed and the median time per call is printed, one JSON object
 * per line:
 *   {"kernel": "conv_forward", "seconds": 1.23e-05, "calls": 16384, "checksum": ...}
 * The checksum (sum of the first output) lets run.mjs compare with the WebAssembly results.
 * With a kernel name (conv_forward, ..., pool_backward_average) only that kernel runs, and with
 * a number of calls as well, no calibration is done: after one call to warm up, `samples`
 * batches of exactly that many calls are timed. run.mjs uses this to alternate native and
 * WebAssembly batches of the same kernel, so that both see the same machine (on a shared
 * machine other processes come and go).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "convstep.h"

typedef struct {
    cs_shape in;
    cs_conv_params cp;
    cs_pool_params pp;
    const double *A_prev, *W, *b, *dZ, *dA;
    double *Z, *A, *dA_prev, *dW, *db;
    size_t n_Z, n_A;
} bench_case;

typedef cs_status (*kernel_fn)(const bench_case *c);

static cs_status run_conv_forward(const bench_case *c) {
    return cs_conv_forward(c->A_prev, c->in, c->W, c->b, c->cp, c->Z);
}
static cs_status run_conv_backward(const bench_case *c) {
    return cs_conv_backward(c->dZ, c->A_prev, c->in, c->W, c->cp, c->dA_prev, c->dW, c->db);
}
static cs_status run_pool_forward_max(const bench_case *c) {
    cs_pool_params p = c->pp;
    p.mode = CS_POOL_MAX;
    return cs_pool_forward(c->A_prev, c->in, p, c->A);
}
static cs_status run_pool_forward_average(const bench_case *c) {
    cs_pool_params p = c->pp;
    p.mode = CS_POOL_AVERAGE;
    return cs_pool_forward(c->A_prev, c->in, p, c->A);
}
static cs_status run_pool_backward_max(const bench_case *c) {
    cs_pool_params p = c->pp;
    p.mode = CS_POOL_MAX;
    return cs_pool_backward(c->dA, c->A_prev, c->in, p, c->dA_prev);
}
static cs_status run_pool_backward_average(const bench_case *c) {
    cs_pool_params p = c->pp;
    p.mode = CS_POOL_AVERAGE;
    return cs_pool_backward(c->dA, c->A_prev, c->in, p, c->dA_prev);
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Seconds for n calls in a row; exits on a failed call (a benchmark of an error is no use). */
static double time_calls(kernel_fn fn, const bench_case *c, long n, const char *name) {
    const double t0 = now_s();
    for (long k = 0; k < n; k++) {
        if (fn(c) != CS_OK) {
            fprintf(stderr, "native: %s failed\n", name);
            exit(1);
        }
    }
    return now_s() - t0;
}

static int cmp_double(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double sum(const double *x, size_t n) {
    double s = 0.0;
    for (size_t k = 0; k < n; k++) s += x[k];
    return s;
}

static double *draw(cs_rng *r, size_t n) {
    double *p = malloc(sizeof(double) * (n ? n : 1));
    if (p == NULL) {
        fprintf(stderr, "native: out of memory\n");
        exit(1);
    }
    cs_rng_randn_fill(r, p, n);
    return p;
}

int main(int argc, char **argv) {
    if (argc < 13 || argc > 15) {
        fprintf(stderr, "usage: native m H W C f n_C stride pad pool_f pool_stride min_seconds "
                        "samples [kernel [calls]]\n");
        return 2;
    }
    const char *only = argc >= 14 ? argv[13] : NULL;
    const long fixed_calls = argc == 15 ? atol(argv[14]) : 0;
    int v[10];
    for (int k = 0; k < 10; k++) v[k] = atoi(argv[k + 1]);
    const double min_s = atof(argv[11]);
    int samples = atoi(argv[12]);
    if (samples < 1) samples = 1;
    if (samples > 99) samples = 99;

    bench_case c;
    memset(&c, 0, sizeof c);
    c.in = (cs_shape){v[0], v[1], v[2], v[3]};
    c.cp = (cs_conv_params){.f = v[4], .n_C = v[5], .stride = v[6], .pad = v[7]};
    c.pp = (cs_pool_params){.f = v[8], .stride = v[9]};
    cs_shape zs, as;
    if (cs_conv_output_shape(c.in, c.cp, &zs) != CS_OK ||
        cs_pool_output_shape(c.in, c.pp, &as) != CS_OK) {
        fprintf(stderr, "native: invalid size\n");
        return 2;
    }
    const size_t n_in = (size_t)c.in.m * c.in.n_H * c.in.n_W * c.in.n_C;
    const size_t n_W = (size_t)c.cp.f * c.cp.f * c.in.n_C * c.cp.n_C;
    c.n_Z = (size_t)zs.m * zs.n_H * zs.n_W * zs.n_C;
    c.n_A = (size_t)as.m * as.n_H * as.n_W * as.n_C;

    cs_rng r;
    cs_rng_seed(&r, 1);
    c.A_prev = draw(&r, n_in);
    c.W = draw(&r, n_W);
    c.b = draw(&r, (size_t)c.cp.n_C);
    c.dZ = draw(&r, c.n_Z);
    c.dA = draw(&r, c.n_A);
    c.Z = draw(&r, c.n_Z);
    c.A = draw(&r, c.n_A);
    c.dA_prev = draw(&r, n_in);
    c.dW = draw(&r, n_W);
    c.db = draw(&r, (size_t)c.cp.n_C);

    const struct {
        const char *name;
        kernel_fn fn;
        const double *out;
        size_t n_out;
    } kernels[] = {
        {"conv_forward", run_conv_forward, c.Z, c.n_Z},
        {"conv_backward", run_conv_backward, c.dA_prev, n_in},
        {"pool_forward_max", run_pool_forward_max, c.A, c.n_A},
        {"pool_forward_average", run_pool_forward_average, c.A, c.n_A},
        {"pool_backward_max", run_pool_backward_max, c.dA_prev, n_in},
        {"pool_backward_average", run_pool_backward_average, c.dA_prev, n_in},
    };
    int ran = 0;
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        if (only != NULL && strcmp(only, kernels[k].name) != 0) continue;
        ran++;
        /* A given number of calls: one call first to warm the caches. Otherwise calibrate
         * (which warms them too): grow n until a batch takes an eighth of min_s, then scale
         * it up to min_s (plus 5 %, so that a batch is not shorter). */
        long n = 1;
        if (fixed_calls > 0) {
            n = fixed_calls;
            time_calls(kernels[k].fn, &c, 1, kernels[k].name);
        }
        while (fixed_calls <= 0) {
            const double dt = time_calls(kernels[k].fn, &c, n, kernels[k].name);
            if (dt >= min_s) break;
            if (dt >= min_s / 8) {
                n = (long)((double)n * min_s * 1.05 / dt) + 1;
                break;
            }
            n *= 4;
        }
        double t[99];
        for (int s = 0; s < samples; s++)
            t[s] = time_calls(kernels[k].fn, &c, n, kernels[k].name) / (double)n;
        qsort(t, (size_t)samples, sizeof t[0], cmp_double);
        printf("{\"kernel\": \"%s\", \"seconds\": %.6e, \"calls\": %ld, \"checksum\": %.17g}\n",
               kernels[k].name, t[samples / 2], n, sum(kernels[k].out, kernels[k].n_out));
        fflush(stdout);
    }
    if (ran == 0) {
        fprintf(stderr, "native: no kernel named %s\n", only);
        return 2;
    }
    return 0;
}
