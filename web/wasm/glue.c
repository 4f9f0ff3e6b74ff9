/*
 * glue.c - the WebAssembly exports of convstep that JavaScript calls.
 *
 * The library (c/include/convstep.h) passes geometry as small structs by value, which is awkward
 * from JavaScript. Each function here takes the same arguments unpacked into plain ints, builds
 * the structs and calls the library: no logic beyond that. Functions of the library that need
 * no unpacking (cs_stepper_next, cs_stepper_destroy, ...) are exported as they are
 * (web/wasm/exports.json).
 *
 * Conventions: shapes are four ints (m, H, W, C) in cs_shape's order; an `out4` argument is a
 * caller-owned int[4] that receives an output shape; every function returning int returns a
 * cs_status unless it says otherwise.
 */
#include <stdint.h>
#include <stdlib.h>

#include "convstep.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emmalloc.h>
#include <emscripten/heap.h>
#endif

/* Every export is declared here, so that the glue compiles cleanly with -Wmissing-prototypes. */
int csw_conv_validate(int m, int h, int w, int c, int f, int n_C, int stride, int pad, int dil,
                      char *msg, int msg_cap, int *out4);
int csw_pool_validate(int m, int h, int w, int c, int f, int stride, int mode, int ties, char *msg,
                      int msg_cap, int *out4);
int csw_zero_pad(const double *X, int m, int h, int w, int c, int pad, double *X_pad);
int csw_conv_forward(const double *A_prev, int m, int h, int w, int c, const double *W,
                     const double *b, int f, int n_C, int stride, int pad, int dil, double *Z);
int csw_conv_backward(const double *dZ, const double *A_prev, int m, int h, int w, int c,
                      const double *W, int f, int n_C, int stride, int pad, int dil,
                      double *dA_prev, double *dW, double *db);
int csw_pool_forward(const double *A_prev, int m, int h, int w, int c, int f, int stride, int mode,
                     int ties, double *A);
int csw_pool_backward(const double *dA, const double *A_prev, int m, int h, int w, int c, int f,
                      int stride, int mode, int ties, double *dA_prev);
int csw_stepper_create_conv_forward(const double *A_prev, int m, int h, int w, int c,
                                    const double *W, const double *b, int f, int n_C, int stride,
                                    int pad, int dil, cs_stepper **out);
int csw_stepper_create_conv_backward(const double *dZ, const double *A_prev, int m, int h, int w,
                                     int c, const double *W, int f, int n_C, int stride, int pad,
                                     int dil, cs_stepper **out);
int csw_stepper_create_pool_forward(const double *A_prev, int m, int h, int w, int c, int f,
                                    int stride, int mode, int ties, cs_stepper **out);
int csw_stepper_create_pool_backward(const double *dA, const double *A_prev, int m, int h, int w,
                                     int c, int f, int stride, int mode, int ties,
                                     cs_stepper **out);
int csw_conv_transpose_validate(int m, int h, int w, int c, int f, int n_C_out, int stride, int pad,
                                int dil, int output_padding, char *msg, int msg_cap, int *out4);
int csw_conv_transpose(const double *X, int m, int h, int w, int c, const double *W,
                       const double *b, int f, int n_C_out, int stride, int pad, int dil,
                       int output_padding, double *Y);
int csw_stepper_create_conv_transpose(const double *X, int m, int h, int w, int c, const double *W,
                                      const double *b, int f, int n_C_out, int stride, int pad,
                                      int dil, int output_padding, cs_stepper **out);
int csw_stepper_seek(cs_stepper *s, int k);
int csw_stepper_total(const cs_stepper *s);
int csw_stepper_position(const cs_stepper *s);
const double *csw_stepper_tensor(cs_stepper *s, int t, int *out4);
cs_rng *csw_rng_create(uint32_t seed);
void csw_rng_randn(cs_rng *r, double *out, int n);
void csw_rng_random(cs_rng *r, double *out, int n);
void csw_rng_u32(cs_rng *r, double *out, int n);
int csw_heap_in_use(void);
int csw_heap_top(void);

/* ---- unpacking ------------------------------------------------------------------------------ */

static cs_shape shape_of(int m, int h, int w, int c) {
    cs_shape s = {m, h, w, c};
    return s;
}

static cs_conv_params conv_params_of(int f, int n_C, int stride, int pad, int dil) {
    cs_conv_params p = {f, n_C, stride, pad, dil};
    return p;
}

static cs_pool_params pool_params_of(int f, int stride, int mode, int ties) {
    cs_pool_params p = {f, stride, (cs_pool_mode)mode, (cs_pool_ties)ties};
    return p;
}

static cs_conv_transpose_params conv_transpose_params_of(int f, int n_C_out, int stride, int pad,
                                                         int dil, int output_padding) {
    cs_conv_transpose_params p = {f, n_C_out, stride, pad, dil, output_padding};
    return p;
}

static void put_shape(cs_shape s, int *out4) {
    out4[0] = s.m;
    out4[1] = s.n_H;
    out4[2] = s.n_W;
    out4[3] = s.n_C;
}

/* ---- validation ----------------------------------------------------------------------------- */

/* cs_conv_validate's sentence into msg; on CS_OK also the output shape into out4. */
int csw_conv_validate(int m, int h, int w, int c, int f, int n_C, int stride, int pad, int dil,
                      char *msg, int msg_cap, int *out4) {
    cs_shape in = shape_of(m, h, w, c), out;
    cs_conv_params p = conv_params_of(f, n_C, stride, pad, dil);
    cs_status st = cs_conv_validate(in, p, msg, msg_cap > 0 ? (size_t)msg_cap : 0);
    if (st == CS_OK && out4 != NULL) {
        st = cs_conv_output_shape(in, p, &out);
        if (st == CS_OK) put_shape(out, out4);
    }
    return (int)st;
}

int csw_pool_validate(int m, int h, int w, int c, int f, int stride, int mode, int ties, char *msg,
                      int msg_cap, int *out4) {
    cs_shape in = shape_of(m, h, w, c), out;
    cs_pool_params p = pool_params_of(f, stride, mode, ties);
    cs_status st = cs_pool_validate(in, p, msg, msg_cap > 0 ? (size_t)msg_cap : 0);
    if (st == CS_OK && out4 != NULL) {
        st = cs_pool_output_shape(in, p, &out);
        if (st == CS_OK) put_shape(out, out4);
    }
    return (int)st;
}

int csw_conv_transpose_validate(int m, int h, int w, int c, int f, int n_C_out, int stride, int pad,
                                int dil, int output_padding, char *msg, int msg_cap, int *out4) {
    cs_shape in = shape_of(m, h, w, c), out;
    cs_conv_transpose_params p =
        conv_transpose_params_of(f, n_C_out, stride, pad, dil, output_padding);
    cs_status st = cs_conv_transpose_validate(in, p, msg, msg_cap > 0 ? (size_t)msg_cap : 0);
    if (st == CS_OK && out4 != NULL) {
        st = cs_conv_transpose_output_shape(in, p, &out);
        if (st == CS_OK) put_shape(out, out4);
    }
    return (int)st;
}

/* ---- batch kernels -------------------------------------------------------------------------- */

int csw_zero_pad(const double *X, int m, int h, int w, int c, int pad, double *X_pad) {
    return (int)cs_zero_pad(X, shape_of(m, h, w, c), pad, X_pad);
}

int csw_conv_forward(const double *A_prev, int m, int h, int w, int c, const double *W,
                     const double *b, int f, int n_C, int stride, int pad, int dil, double *Z) {
    return (int)cs_conv_forward(A_prev, shape_of(m, h, w, c), W, b,
                                conv_params_of(f, n_C, stride, pad, dil), Z);
}

int csw_conv_backward(const double *dZ, const double *A_prev, int m, int h, int w, int c,
                      const double *W, int f, int n_C, int stride, int pad, int dil,
                      double *dA_prev, double *dW, double *db) {
    return (int)cs_conv_backward(dZ, A_prev, shape_of(m, h, w, c), W,
                                 conv_params_of(f, n_C, stride, pad, dil), dA_prev, dW, db);
}

int csw_pool_forward(const double *A_prev, int m, int h, int w, int c, int f, int stride, int mode,
                     int ties, double *A) {
    return (int)cs_pool_forward(A_prev, shape_of(m, h, w, c), pool_params_of(f, stride, mode, ties),
                                A);
}

int csw_pool_backward(const double *dA, const double *A_prev, int m, int h, int w, int c, int f,
                      int stride, int mode, int ties, double *dA_prev) {
    return (int)cs_pool_backward(dA, A_prev, shape_of(m, h, w, c),
                                 pool_params_of(f, stride, mode, ties), dA_prev);
}

int csw_conv_transpose(const double *X, int m, int h, int w, int c, const double *W,
                       const double *b, int f, int n_C_out, int stride, int pad, int dil,
                       int output_padding, double *Y) {
    return (int)cs_conv_transpose(
        X, shape_of(m, h, w, c), W, b,
        conv_transpose_params_of(f, n_C_out, stride, pad, dil, output_padding), Y);
}

/* ---- steppers: creation writes the new stepper's address into *out ------------------------ */

int csw_stepper_create_conv_forward(const double *A_prev, int m, int h, int w, int c,
                                    const double *W, const double *b, int f, int n_C, int stride,
                                    int pad, int dil, cs_stepper **out) {
    return (int)cs_stepper_create_conv_forward(A_prev, shape_of(m, h, w, c), W, b,
                                               conv_params_of(f, n_C, stride, pad, dil), out);
}

int csw_stepper_create_conv_backward(const double *dZ, const double *A_prev, int m, int h, int w,
                                     int c, const double *W, int f, int n_C, int stride, int pad,
                                     int dil, cs_stepper **out) {
    return (int)cs_stepper_create_conv_backward(dZ, A_prev, shape_of(m, h, w, c), W,
                                                conv_params_of(f, n_C, stride, pad, dil), out);
}

int csw_stepper_create_pool_forward(const double *A_prev, int m, int h, int w, int c, int f,
                                    int stride, int mode, int ties, cs_stepper **out) {
    return (int)cs_stepper_create_pool_forward(A_prev, shape_of(m, h, w, c),
                                               pool_params_of(f, stride, mode, ties), out);
}

int csw_stepper_create_pool_backward(const double *dA, const double *A_prev, int m, int h, int w,
                                     int c, int f, int stride, int mode, int ties,
                                     cs_stepper **out) {
    return (int)cs_stepper_create_pool_backward(dA, A_prev, shape_of(m, h, w, c),
                                                pool_params_of(f, stride, mode, ties), out);
}

int csw_stepper_create_conv_transpose(const double *X, int m, int h, int w, int c, const double *W,
                                      const double *b, int f, int n_C_out, int stride, int pad,
                                      int dil, int output_padding, cs_stepper **out) {
    return (int)cs_stepper_create_conv_transpose(
        X, shape_of(m, h, w, c), W, b,
        conv_transpose_params_of(f, n_C_out, stride, pad, dil, output_padding), out);
}

/* The library counts steps in int64_t; a JavaScript call cannot pass one without BigInt, and a
 * stepper has at most CS_MAX_ELEMENTS steps, so int is enough. */
int csw_stepper_seek(cs_stepper *s, int k) {
    return (int)cs_stepper_seek(s, (int64_t)k);
}

int csw_stepper_total(const cs_stepper *s) {
    return (int)cs_stepper_total(s);
}

int csw_stepper_position(const cs_stepper *s) {
    return (int)cs_stepper_position(s);
}

/* The tensor's address (0 if the op has none); its shape into out4. */
const double *csw_stepper_tensor(cs_stepper *s, int t, int *out4) {
    cs_shape shape = {0, 0, 0, 0};
    const double *p = cs_stepper_tensor(s, (cs_tensor_id)t, &shape);
    if (out4 != NULL) put_shape(shape, out4);
    return p;
}

/* ---- random numbers: one numpy RandomState per generator, freed with free() ------------- */

/* np.random.seed(seed) on a new generator; NULL when out of memory. */
cs_rng *csw_rng_create(uint32_t seed) {
    cs_rng *r = malloc(sizeof *r);
    if (r != NULL) cs_rng_seed(r, seed);
    return r;
}

/* np.random.randn(n) into out. */
void csw_rng_randn(cs_rng *r, double *out, int n) {
    cs_rng_randn_fill(r, out, n > 0 ? (size_t)n : 0);
}

/* np.random.random_sample(n) into out. */
void csw_rng_random(cs_rng *r, double *out, int n) {
    for (int k = 0; k < n; k++) out[k] = cs_rng_random(r);
}

/* n raw 32-bit outputs of the Mersenne Twister, as doubles (exact). */
void csw_rng_u32(cs_rng *r, double *out, int n) {
    for (int k = 0; k < n; k++) out[k] = (double)cs_rng_next_u32(r);
}

/* ---- heap statistics, for the tests that check that nothing leaks -------------------------- */

/* Bytes of the malloc heap in use (allocated and not freed). */
int csw_heap_in_use(void) {
#ifdef __EMSCRIPTEN__
    return (int)(emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory());
#else
    return 0;
#endif
}

/* The top of the heap (what sbrk(0) returns): it only grows, so it is a high-water mark. */
int csw_heap_top(void) {
#ifdef __EMSCRIPTEN__
    return (int)*emscripten_get_sbrk_ptr();
#else
    return 0;
#endif
}
