/*
 * convstep.h - convolution and pooling, forward and backward, one window at a time.
 *
 * The public C API of convstep: batch kernels, a resumable step iterator ("stepper") that the
 * browser animates, input validation with a sentence for people, and a numpy-compatible random
 * generator. Everything here follows the deep-learning assignment's numpy functions
 * (zero_pad, conv_single_step, conv_forward, pool_forward, conv_backward,
 * create_mask_from_window, distribute_value, pool_backward): same shapes, same names, same
 * loop order.
 *
 * TENSORS
 *   Dense row-major float64 arrays in numpy's C order, with the assignment's shapes:
 *     A_prev  (m, n_H_prev, n_W_prev, n_C_prev)   input activations            cs_shape in
 *     W       (f, f, n_C_prev, n_C)                filters
 *     b       (n_C)                                biases (the seed's (1,1,1,n_C), flattened)
 *     Z       (m, n_H, n_W, n_C)                   convolution output
 *     A       (m, n_H, n_W, n_C_prev)              pooling output
 *   Element (i, h, w, c) of a tensor of shape (m, H, Wd, C) is at ((i*H + h)*Wd + w)*C + c.
 *
 * LOOP ORDER (the teaching contract)
 *   for i in samples, for c in channels, for h in output rows, for w in output columns:
 *     vert_start = h * stride;  vert_end = vert_start + dilation*(f-1) + 1   (= h*stride + f)
 *     hori_start = w * stride;  hori_end = hori_start + dilation*(f-1) + 1   (= w*stride + f)
 *   Fix the vertical position, slide horizontally by the stride. Coordinates are in the
 *   zero-padded input, as the seed computes them.
 *
 * OUTPUT SIZE
 *   convolution: n_out = floor((n + 2*pad - dilation*(f-1) - 1) / stride) + 1
 *   pooling:     n_out = floor((n - f) / stride) + 1            (no padding, as in the seed)
 *   transposed convolution (below): n_out = (n - 1)*stride - 2*pad + dilation*(f-1) + 1
 *                                           + output_padding
 *
 * TRANSPOSED CONVOLUTION
 *   conv_transpose is conv_backward's dA_prev loop run as a layer of its own: the input X plays
 *   dZ, and each input element spreads over a window of the zero-padded output,
 *     for i, for c in input channels, for h, for w:                  (the same loop order)
 *       Y_pad[i, vert_start:vert_end:dilation, hori_start:hori_end:dilation, :]
 *           += W[:, :, :, c] * X[i, h, w, c]
 *     Y = Y_pad[:, pad:pad+n_H_out, pad:pad+n_W_out, :] + b
 *   Y_pad is (n - 1)*stride + dilation*(f-1) + 1 + output_padding rows (and columns): the
 *   windows' reach, extended at the bottom and right by output_padding rows that no window
 *   touches (so that several input sizes of a convolution can be undone). With b = 0,
 *   X = dZ and the right output_padding, Y is conv_backward's dA_prev.
 *
 * CONTRACT OF EVERY FUNCTION
 *   - Arguments are checked first. On any error the function returns a status other than CS_OK
 *     and writes nothing to any output. Functions without a status return do nothing (and
 *     return 0, 0.0 or NULL) when given NULL or an f below 1.
 *   - Batch kernels OVERWRITE their outputs (backward kernels zero their gradients first), never
 *     allocate, keep no globals and never exit.
 *   - A parameter field left zero means the seed's behaviour: dilation 0 (or 1) is no dilation,
 *     pool mode 0 is max, ties 0 is "all tied maxima" as in the assignment. So
 *     { .f = 3, .n_C = 8, .stride = 2, .pad = 1 } is the seed's layer.
 *   - Size limit: every tensor a function reads, writes or owns (input, padded input, filters,
 *     output) holds at most CS_MAX_ELEMENTS elements (32 MiB of doubles); larger requests get
 *     CS_ERR_TOO_LARGE before anything is allocated. A stepper owns at most seven such
 *     buffers plus backward snapshots of at most one more tensor's size (conv backward: padded
 *     A_prev and dA_prev, dA_prev, W and dW transposed, dW, db), so one stepper stays under
 *     300 MiB and the WebAssembly build's 1 GiB cap holds a few.
 *
 * MAX-POOL TIES
 *   When a window's maximum occurs more than once, the assignment's create_mask_from_window
 *   (mask = x == max(x)) sends the gradient to EVERY tied cell: CS_TIES_ALL. PyTorch's
 *   max_pool2d sends it only to the FIRST maximum in row-major window order: CS_TIES_FIRST.
 *   The two agree whenever every window has a single maximum (e.g. random Gaussian inputs).
 *   As np.max, the maximum of a window holding a NaN is NaN: pool forward writes NaN and the
 *   mask is empty, so that window routes no gradient under either rule.
 *
 * THE SEED'S TWO DEFECTS, NOT REPEATED HERE
 *   - dA_prev_padded[:, p:-p, p:-p, :] is empty when pad is 0; we crop [pad, pad+n) instead.
 *   - pool_forward unpacks f and stride from hparameters.items() by dictionary order; here they
 *     are named fields.
 */
#ifndef CONVSTEP_H
#define CONVSTEP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status -------------------------------------------------------------------------------- */

typedef enum {
    CS_OK = 0,        /* success */
    CS_ERR_NULL,      /* a required pointer argument is NULL */
    CS_ERR_SHAPE,     /* a dimension < 1, or the window does not fit the (padded) input */
    CS_ERR_PARAM,     /* f < 1, stride < 1, pad < 0, dilation < 0, n_C < 1, unknown mode/ties/op */
    CS_ERR_TOO_LARGE, /* a tensor would exceed CS_MAX_ELEMENTS elements (or overflow) */
    CS_ERR_NOMEM      /* a stepper could not allocate its buffers */
} cs_status;

/* Largest element count of any single tensor: 2^22 doubles = 32 MiB. */
#define CS_MAX_ELEMENTS (1L << 22)

/* A short, static, English name for a status code ("the filter does not fit the input", ...). */
const char *cs_status_message(cs_status s);

/* ---- geometry ------------------------------------------------------------------------------ */

typedef struct {
    int m, n_H, n_W, n_C;
} cs_shape;
typedef struct {
    int f, n_C, stride, pad, dilation;
} cs_conv_params; /* dilation 0 or 1: none */
typedef enum { CS_POOL_MAX = 0, CS_POOL_AVERAGE = 1 } cs_pool_mode;
typedef enum { CS_TIES_ALL = 0, CS_TIES_FIRST = 1 } cs_pool_ties;
typedef struct {
    int f, stride;
    cs_pool_mode mode;
    cs_pool_ties ties;
} cs_pool_params;

/* Output shape of a convolution / pooling layer on input shape `in`. Writes *out only on CS_OK. */
cs_status cs_conv_output_shape(cs_shape in, cs_conv_params p, cs_shape *out);
cs_status cs_pool_output_shape(cs_shape in, cs_pool_params p, cs_shape *out);

/*
 * Validation with a sentence for people. Returns the same status the kernels would, and when
 * msg is not NULL writes a NUL-terminated UTF-8 sentence of at most msg_cap bytes (truncated
 * if needed, never inside a UTF-8 character), e.g. "filter 6×6 does not fit the padded
 * input 5×5", or "ok" on CS_OK.
 * 256 bytes is always enough.
 */
cs_status cs_conv_validate(cs_shape in, cs_conv_params p, char *msg, size_t msg_cap);
cs_status cs_pool_validate(cs_shape in, cs_pool_params p, char *msg, size_t msg_cap);

/* Transposed convolution. W is (f, f, n_C_out, n_C): the W of the convolution whose backward
 * pass this is (n_C_out of that convolution's input channels); b has n_C_out values.
 * output_padding must be below the stride or below the dilation, as in PyTorch; dilation 0
 * or 1: none. */
typedef struct {
    int f, n_C_out, stride, pad, dilation, output_padding;
} cs_conv_transpose_params;
cs_status cs_conv_transpose_output_shape(cs_shape in, cs_conv_transpose_params p, cs_shape *out);
cs_status cs_conv_transpose_validate(cs_shape in, cs_conv_transpose_params p, char *msg,
                                     size_t msg_cap);

/* ---- batch kernels --------------------------------------------------------------------------- */

/* zero_pad: X (m, n_H, n_W, n_C) -> X_pad (m, n_H+2*pad, n_W+2*pad, n_C), zeros around each
 * image, overwritten. pad 0 copies. */
cs_status cs_zero_pad(const double *X, cs_shape in, int pad, double *X_pad);

/* conv_single_step: sum(a_slice_prev * W) + b over n elements, summed in index order
 * (row-major over (f, f, n_C_prev) when the slice is contiguous). Returns the value. */
double cs_conv_single_step(const double *a_slice_prev, const double *W, double b, size_t n);

/* conv_forward: Z (m, n_H, n_W, n_C) overwritten. b has n_C elements. */
cs_status cs_conv_forward(const double *A_prev, cs_shape in, const double *W, const double *b,
                          cs_conv_params p, double *Z);

/* conv_backward: given dZ (m, n_H, n_W, n_C), overwrites dA_prev (shape of A_prev),
 * dW (f, f, n_C_prev, n_C) and db (n_C); every sum in the seed's order. dW's buffer serves as
 * scratch before it gets its values, so it must not overlap an input. */
cs_status cs_conv_backward(const double *dZ, const double *A_prev, cs_shape in, const double *W,
                           cs_conv_params p, double *dA_prev, double *dW, double *db);

/* pool_forward: A (m, n_H, n_W, n_C_prev) overwritten; max or average over each f×f window. */
cs_status cs_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p, double *A);

/* pool_backward: given dA (shape of the pooling output), overwrites dA_prev (shape of A_prev). */
cs_status cs_pool_backward(const double *dA, const double *A_prev, cs_shape in, cs_pool_params p,
                           double *dA_prev);

/* conv_transpose: X (m, n_H, n_W, n_C) -> Y (m, n_H_out, n_W_out, n_C_out), overwritten.
 * W (f, f, n_C_out, n_C): the W of the convolution whose backward pass this is; b (n_C_out).
 * n_H_out = (n_H - 1)*stride - 2*pad + dilation*(f - 1) + 1 + output_padding (same for W).
 * output_padding < stride or < dilation, as in PyTorch. Equals torch conv_transpose2d with
 * weight W permuted to (n_C, n_C_out, f, f). Every Y element adds its products in the loop
 * order of TRANSPOSED CONVOLUTION above, then b: the stepper's values bit for bit. */
cs_status cs_conv_transpose(const double *X, cs_shape in, const double *W, const double *b,
                            cs_conv_transpose_params p, double *Y);

/* create_mask_from_window: x is an f×f window with row stride `ld` (elements between the
 * starts of consecutive rows, `cs` between consecutive columns). mask[f*f] (row-major) gets 1
 * at the maximum(s) per `ties`, 0 elsewhere. Returns the number of cells set. */
int cs_create_mask_from_window(const double *x, int f, size_t ld, size_t cs, cs_pool_ties ties,
                               unsigned char *mask);

/* distribute_value: fills a[f*f] with dz / (f*f). */
void cs_distribute_value(double dz, int f, double *a);

/* ---- the step iterator -------------------------------------------------------------------- */

typedef enum {
    CS_OP_CONV_FORWARD = 0,
    CS_OP_CONV_BACKWARD = 1,
    CS_OP_POOL_FORWARD = 2,
    CS_OP_POOL_BACKWARD = 3,
    CS_OP_CONV_TRANSPOSE = 4,
    CS_OP_COUNT /* the number of ops: loop `for (op = 0; op < CS_OP_COUNT; op++)` */
} cs_op;

/* 1 for the ops whose every step writes one output cell and reads nothing written before
 * (the record's value is that cell), 0 for the ops whose steps add into an accumulator
 * (the record's value is the element being spread). Seeking back, snapshots and the record
 * follow from this; 0 for an unknown op. Conv transpose, although a layer's forward pass,
 * runs conv_backward's dA_prev loop and so steps like a backward op: 0. */
static inline int cs_op_is_forward(cs_op op) {
    return op == CS_OP_CONV_FORWARD || op == CS_OP_POOL_FORWARD;
}

/*
 * The window record: the step just done. Plain layout, read from JavaScript through one
 * Int32Array and one Float64Array view on the same bytes:
 *   byte  0..51  thirteen int32:  step, total, i, c, h, w, vert_start, vert_end, hori_start,
 *                                 hori_end, op, f, mask_count
 *   byte 52..55  padding
 *   byte 56      double value    forward: the value written (Z[i,h,w,c] or A[i,h,w,c]);
 *                                backward: the incoming gradient (dZ[i,h,w,c] or dA[i,h,w,c]);
 *                                conv transpose: the input element X[i,h,w,c] being spread
 *   byte 64      double amount   the amount added to each touched cell: value for conv backward
 *                                and conv transpose (times W) and max-pool backward,
 *                                value/(f*f) for average; 0 for forward ops
 * step counts the steps done (1..total); step 0 means none yet: then total, op and f are set
 * and every other field is 0.
 * Coordinates are in the padded input (conv transpose: in the padded output Y_pad, and c is
 * the input channel); vert_end/hori_end are exclusive.
 * For max pooling the window's mask (f*f bytes, row-major) is at cs_stepper_mask(); mask_count
 * is the number of ones. Pool backward: 1 = gets the gradient, following the ties rule.
 * Pool forward: 1 = is a maximum, every tied maximum marked whatever the ties rule, since
 * the forward value is the same either way.
 */
typedef struct {
    int32_t step, total;
    int32_t i, c, h, w;
    int32_t vert_start, vert_end, hori_start, hori_end;
    int32_t op, f, mask_count;
    int32_t reserved_;
    double value;
    double amount;
} cs_window;

typedef struct cs_stepper cs_stepper;

/*
 * Creating a stepper validates exactly as the batch kernel does, then allocates everything it
 * will need (nothing later). Inputs stay owned by the caller and must outlive the stepper;
 * a stepper copies A_prev into its own zero-padded buffer at creation, so A_prev may change
 * afterwards without effect; b, dZ and dA are read on every step; conv backward keeps W
 * transposed (so that its inner loop is contiguous) and reads it again at cs_stepper_reset.
 * On error *out is left untouched.
 */
cs_status cs_stepper_create_conv_forward(const double *A_prev, cs_shape in, const double *W,
                                         const double *b, cs_conv_params p, cs_stepper **out);
cs_status cs_stepper_create_conv_backward(const double *dZ, const double *A_prev, cs_shape in,
                                          const double *W, cs_conv_params p, cs_stepper **out);
cs_status cs_stepper_create_pool_forward(const double *A_prev, cs_shape in, cs_pool_params p,
                                         cs_stepper **out);
cs_status cs_stepper_create_pool_backward(const double *dA, const double *A_prev, cs_shape in,
                                          cs_pool_params p, cs_stepper **out);
/* Conv transpose copies X at creation (as A_prev above), reads b on every step and keeps W
 * transposed like conv backward (read again at cs_stepper_reset). */
cs_status cs_stepper_create_conv_transpose(const double *X, cs_shape in, const double *W,
                                           const double *b, cs_conv_transpose_params p,
                                           cs_stepper **out);
void cs_stepper_destroy(cs_stepper *s); /* NULL is allowed */

/* One window's work: the seed's arithmetic at (i, c, h, w), in the seed's order. Forward ops
 * give the batch kernel's values bit for bit; so do the backward ops for finite inputs: every
 * element of dA_prev, dW, db takes its terms in the seed's order in cs_conv_backward too (the
 * batch kernel skips the products with padding zeros, which only matter when dZ is infinite
 * or NaN).
 * Returns 1 if a step was done, 0 if the stepper was already at the end (or s is NULL). */
int cs_stepper_next(cs_stepper *s);

/* Puts the stepper in the state after exactly k steps from the start (0 <= k <= total),
 * partial sums included; backwards works. CS_ERR_PARAM for k out of range.
 * Seeking forwards fills whole (i, c) blocks, whole samples where it can, at batch speed.
 * A backward op seeking back replays from the latest state at or before k it can rebuild: the
 * start of k's sample (earlier samples are final then and later ones zero; conv backward also
 * needs its snapshot of dW and db there), or a snapshot inside a long sample (one whose replay
 * passes a few million multiply-adds), taken on a channel boundary (on a window row when the
 * sample has too few channels) and holding that sample's partial sums. */
cs_status cs_stepper_seek(cs_stepper *s, int64_t k);

/* Back to step 0: outputs zeroed. Call it after changing W, b, dZ or dA: seek keeps
 * snapshots of backward partial sums (taken the first time each is reached, at most 64 of
 * them and CS_MAX_ELEMENTS doubles in all) and reset discards them. */
void cs_stepper_reset(cs_stepper *s);

const cs_window *cs_stepper_window(const cs_stepper *s);   /* owned by the stepper */
const unsigned char *cs_stepper_mask(const cs_stepper *s); /* f*f bytes; zeros unless max pool */
int64_t cs_stepper_total(const cs_stepper *s);
int64_t cs_stepper_position(const cs_stepper *s); /* steps done */

/* Tensors a stepper owns, valid until it is destroyed. Which exist depends on the op
 * (NULL otherwise); *shape (if not NULL) receives the shape, in cs_shape's (m,H,W,C) order;
 * for dW it is (f, f, n_C_prev, n_C) and for db (1, 1, 1, n_C).
 *   CS_T_A_PREV_PAD   every op:     A_prev zero-padded by pad (pool: pad 0, a copy);
 *                                   conv transpose: X, a copy (its input is not padded)
 *   CS_T_OUT          forward ops:  Z or A, filling in;
 *                     conv transpose: Y = Y_pad cropped, + b (refreshed by this call)
 *   CS_T_OUT_PAD      conv transpose: Y_pad, the padded output the loop accumulates into
 *   CS_T_DA_PREV_PAD  conv backward: the padded dA_prev the seed accumulates into;
 *                     pool backward: dA_prev itself
 *   CS_T_DA_PREV      backward ops: dA_prev cropped to A_prev's shape (refreshed by this call)
 *   CS_T_DW, CS_T_DB  conv backward
 * Read a tensor through this call after stepping, seeking or resetting: some are refreshed by
 * the call (above), and pool backward clears its dA_prev lazily after a reset or a seek back.
 */
typedef enum {
    CS_T_A_PREV_PAD = 0,
    CS_T_OUT = 1,
    CS_T_DA_PREV_PAD = 2,
    CS_T_DA_PREV = 3,
    CS_T_DW = 4,
    CS_T_DB = 5,
    CS_T_OUT_PAD = 6
} cs_tensor_id;
const double *cs_stepper_tensor(cs_stepper *s, cs_tensor_id t, cs_shape *shape);

/* ---- numpy-compatible random numbers ------------------------------------------------------- */

/* numpy's legacy RandomState: MT19937 seeded by init_genrand, doubles from two 32-bit draws,
 * Gaussians by the polar method with one value cached. np.random.seed(s); np.random.randn(n)
 * equals cs_rng_seed(&r, s); cs_rng_randn_fill(&r, out, n). The cache carries across calls. */
typedef struct {
    uint32_t mt[624];
    int mti;
    int has_gauss;
    double gauss;
} cs_rng;

void cs_rng_seed(cs_rng *r, uint32_t seed);
uint32_t cs_rng_next_u32(cs_rng *r);
double cs_rng_random(cs_rng *r); /* [0, 1), 53 bits: np.random.random_sample() */
double cs_rng_randn(cs_rng *r);  /* standard normal: np.random.randn() */
void cs_rng_randn_fill(cs_rng *r, double *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* CONVSTEP_H */
