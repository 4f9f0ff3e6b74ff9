/* internal.h - shared by the kernels and the stepper; not part of the public API.
 * Internal names carry the cs__ prefix (public ones: cs_). */
#ifndef CONVSTEP_INTERNAL_H
#define CONVSTEP_INTERNAL_H

#include "convstep.h"

/* Everything a kernel or stepper needs once the arguments have been checked: the seed's
 * variable names, plus the padded input sizes and the window's extent. */
typedef struct {
    int m, n_H_prev, n_W_prev, n_C_prev; /* A_prev */
    int f, stride, pad, dilation;        /* dilation >= 1 here */
    int n_H, n_W, n_C;                   /* output */
    int n_H_pad, n_W_pad;                /* padded input */
    int span;                            /* dilation*(f-1)+1: rows (and columns) a window covers */
} cs__geom;

/* Check a convolution / pooling configuration and fill *g. Writes the sentence into msg
 * (if not NULL). Pooling is the same loop with pad 0, dilation 1 and n_C = n_C_prev. */
cs_status cs__conv_geom(cs_shape in, cs_conv_params p, cs__geom *g, char *msg, size_t cap);
cs_status cs__pool_geom(cs_shape in, cs_pool_params p, cs__geom *g, char *msg, size_t cap);
/* Transposed convolution in the same terms, read from the output's side: the loop runs over
 * X, so n_H, n_W, n_C are X's; n_H_pad, n_W_pad are Y_pad's (output_padding included);
 * n_H_prev, n_W_prev, n_C_prev are Y's, the crop [pad, pad + n) of Y_pad. */
cs_status cs__conv_transpose_geom(cs_shape in, cs_conv_transpose_params p, cs__geom *g, char *msg,
                                  size_t cap);

/* Offset of element (i, h, w, c) in a tensor of shape (m, H, W, C). For W (f, f, n_C_prev,
 * n_C) element (u, v, k, c) is cs__at(f, n_C_prev, n_C, u, v, k, c). */
static inline size_t cs__at(int H, int W, int C, int i, int h, int w, int c) {
    return (((size_t)i * (size_t)H + (size_t)h) * (size_t)W + (size_t)w) * (size_t)C + (size_t)c;
}

/* Copy A_prev into its zero-padded buffer (the body of cs_zero_pad, without checks). */
void cs__zero_pad(const double *X, const cs__geom *g, double *X_pad);

/* conv_single_step on the window at (vert_start, hori_start) of padded sample i for output
 * channel c: sum of products in (row, column, channel) order, then + b. The one place the
 * forward arithmetic is written; the batch kernel reorders its loops but keeps this order. */
double cs__conv_single_step_at(const double *A_pad, const double *W, double b, const cs__geom *g,
                               int i, int c, int vert_start, int hori_start);

/* Z[i, h, w, :] for every output channel at once (the batch kernel's inner part): per channel
 * the same sum, in the same order, as cs__conv_single_step_at. */
void cs__conv_pixel(const double *A_prev, const double *W, const double *b, const cs__geom *g,
                    int i, int h, int w, double *z);

/* conv_backward's windows of rows [h0, h1) of sample i, output channel c, at batch speed: each
 * element of dA_pad, dwt (W's gradient for channel c, (f, f, n_C_prev)) and *db takes its terms
 * in the seed's order, so the result equals that many one-window steps bit for bit. wt is
 * W[:, :, :, c] as (f, f, n_C_prev). A_pad and dA_pad are padded (g->n_H_pad, g->n_W_pad). */
void cs__conv_backward_rows(const cs__geom *g, const double *restrict A_pad,
                            const double *restrict wt, const double *restrict dZ, int i, int c,
                            int h0, int h1, double *restrict dA_pad, double *restrict dwt,
                            double *restrict db);
/* Every window of output channels [c0, c1) of sample i, with no dilation: the same sums as
 * cs__conv_backward_rows over c = c0 .. c1 - 1 and all rows, in fewer passes. Wt and dWt are
 * W and dW transposed to (n_C, f, f, n_C_prev). */
void cs__conv_backward_channels(const cs__geom *g, const double *restrict A_pad,
                                const double *restrict Wt, const double *restrict dZ, int i, int c0,
                                int c1, double *restrict dA_pad, double *restrict dWt,
                                double *restrict db);

/* Max or average of the f×f window of channel c at (vert_start, hori_start) of sample i. */
double cs__pool_window(const double *A, const cs__geom *g, cs_pool_mode mode, int i, int c,
                       int vert_start, int hori_start);

/* pool_forward's windows of rows [h0, h1) of sample i, channels [c0, c1): A[i, h, w, c]. */
void cs__pool_forward_rows(const cs__geom *g, cs_pool_mode mode, const double *A_prev, int i,
                           int c0, int c1, int h0, int h1, double *A);

/* pool_backward's windows of rows [h0, h1) of sample i, channels [c0, c1), added into dA_prev,
 * each cell taking its windows in the seed's (h, w) order: bit for bit the one-window steps. */
void cs__pool_backward_rows(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties,
                            const double *dA, const double *A_prev, int i, int c0, int c1, int h0,
                            int h1, double *dA_prev);
/* Every window of sample i, all channels, into sample i's part of dA_prev, which holds zeros:
 * bit for bit the one-window steps. Windows that do not overlap (stride f; max pooling with
 * CS_TIES_ALL or average) write each cell once, the seed's 0.0 + its one term, in one pass. */
void cs__pool_backward_sample(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties,
                              const double *dA, const double *A_prev, int i, double *dA_prev);
/* 1 when cs__pool_backward_sample writes every cell of the sample (and so needs no zeros). */
int cs__pool_backward_overwrites(const cs__geom *g, cs_pool_mode mode, cs_pool_ties ties);

#endif
