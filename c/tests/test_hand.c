/*
 * test_hand.c - small cases worked out by hand, one per behaviour of each kernel.
 *
 * Every expected number is derived in the comment above it, from the seed's loops, not by
 * calling any kernel. Values are small integers or halves, so every sum is exact whatever its
 * order and the comparisons are plain ==. Outputs are NaN-filled first: an element a kernel
 * does not write fails the comparison.
 */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- zero_pad ---------------------------------------------------------------------------- */

static void zero_pad_surrounds_each_image_with_zeros(void) {
    /* Two 1×2 one-channel images [1 2] and [3 4], pad 1 -> two 3×4 images:
     *   0 0 0 0     0 0 0 0
     *   0 1 2 0     0 3 4 0
     *   0 0 0 0     0 0 0 0                                                                 */
    const double X[] = {1, 2, 3, 4};
    const cs_shape in = {2, 1, 2, 1}, ps = {2, 3, 4, 1};
    const double expected[] = {0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0,
                               0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0};
    double X_pad[24];
    t_fill_nan(X_pad, N_OF(X_pad));
    CHECK(cs_zero_pad(X, in, 1, X_pad) == CS_OK, "cs_zero_pad returned an error");
    T_EQUAL("X_pad", X_pad, expected, ps, T_NHWC);
}

static void zero_pad_keeps_channels_together(void) {
    /* One 1×1 pixel with two channels (5, 6), pad 1 -> 3×3×2, zero except the centre pixel,
     * whose channels sit at offset ((0*3 + 1)*3 + 1)*2 = 8 and 9.                             */
    const double X[] = {5, 6};
    const cs_shape in = {1, 1, 1, 2}, ps = {1, 3, 3, 2};
    double expected[18] = {0};
    expected[8] = 5;
    expected[9] = 6;
    double X_pad[18];
    t_fill_nan(X_pad, N_OF(X_pad));
    CHECK(cs_zero_pad(X, in, 1, X_pad) == CS_OK, "cs_zero_pad returned an error");
    T_EQUAL("X_pad", X_pad, expected, ps, T_NHWC);
}

static void zero_pad_with_pad_0_copies(void) {
    const double X[] = {1.5, -2, 3, 4, 5, 6};
    const cs_shape in = {1, 1, 3, 2};
    double X_pad[6];
    t_fill_nan(X_pad, N_OF(X_pad));
    CHECK(cs_zero_pad(X, in, 0, X_pad) == CS_OK, "cs_zero_pad returned an error");
    T_SAME("X_pad", X_pad, X, in, T_NHWC);
}

/* ---- conv_single_step -------------------------------------------------------------------- */

static void conv_single_step_sums_products_then_adds_b(void) {
    /* 1*1 + 2*(-1) + 3*2 + 4*0.5 = 1 - 2 + 6 + 2 = 7;  7 + 0.25 = 7.25 */
    const double a[] = {1, 2, 3, 4}, W[] = {1, -1, 2, 0.5};
    const double z = cs_conv_single_step(a, W, 0.25, 4);
    CHECK(z == 7.25, "expected 7.25, got %.17g", z);
}

static void conv_single_step_sums_in_index_order(void) {
    /* (1e16 + 1) rounds to 1e16 (ulp 2, tie to the even 1e16), minus 1e16 is 0, plus b 0.5.
     * Any other order (pairwise, reversed) keeps the 1 and gives 1.5.                          */
    const double a[] = {1e16, 1, -1e16}, W[] = {1, 1, 1};
    const double z = cs_conv_single_step(a, W, 0.5, 3);
    CHECK(z == 0.5, "expected 0.5 (index order), got %.17g", z);
}

static void conv_single_step_adds_b_after_the_sum(void) {
    /* sum first: (1e16 + 1) -> 1e16, then + (-1e16) -> 0.  Starting from b would give 1. */
    const double a[] = {1e16, 1}, W[] = {1, 1};
    const double z = cs_conv_single_step(a, W, -1e16, 2);
    CHECK(z == 0.0, "expected 0 (b added last), got %.17g", z);
}

static void conv_single_step_of_no_elements_is_b(void) {
    const double a[] = {9}, W[] = {9};
    const double z = cs_conv_single_step(a, W, 3.5, 0);
    CHECK(z == 3.5, "expected 3.5, got %.17g", z);
}

/* ---- conv forward / backward --------------------------------------------------------------- */

/* Runs conv forward and backward on NaN-filled outputs and compares with the hand numbers
 * (any expected pointer may be NULL to skip that tensor). */
static void conv_case(const char *name, const double *A, cs_shape in, const double *W,
                      const double *b, cs_conv_params p, const double *Z_exp, const double *dZ,
                      const double *dA_exp, const double *dW_exp, const double *db_exp) {
    cs_shape out = {-1, -1, -1, -1};
    CHECK(cs_conv_output_shape(in, p, &out) == CS_OK, "%s: cs_conv_output_shape failed", name);
    const cs_shape want = ref_conv_shape(in, p);
    if (!CHECK(t_shape_eq(out, want), "%s: output shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)",
               name, out.m, out.n_H, out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return;
    const cs_shape ws = {p.f, p.f, in.n_C, p.n_C}, bs = {1, 1, 1, p.n_C};
    char what[128];
    if (Z_exp) {
        double *Z = t_alloc_nan(t_count(out));
        CHECK(cs_conv_forward(A, in, W, b, p, Z) == CS_OK, "%s: cs_conv_forward failed", name);
        snprintf(what, sizeof what, "%s: Z", name);
        T_EQUAL(what, Z, Z_exp, out, T_NHWC);
        free(Z);
    }
    if (dZ) {
        double *dA = t_alloc_nan(t_count(in)), *dW = t_alloc_nan(t_count(ws));
        double *db = t_alloc_nan((size_t)p.n_C);
        CHECK(cs_conv_backward(dZ, A, in, W, p, dA, dW, db) == CS_OK, "%s: cs_conv_backward failed",
              name);
        if (dA_exp) {
            snprintf(what, sizeof what, "%s: dA_prev", name);
            T_EQUAL(what, dA, dA_exp, in, T_NHWC);
        }
        if (dW_exp) {
            snprintf(what, sizeof what, "%s: dW", name);
            T_EQUAL(what, dW, dW_exp, ws, T_FILTER);
        }
        if (db_exp) {
            snprintf(what, sizeof what, "%s: db", name);
            T_EQUAL(what, db, db_exp, bs, T_NHWC);
        }
        free(dA);
        free(dW);
        free(db);
    }
}

static void conv_with_pad_0_and_stride_1(void) {
    /* A = 1 2 3     W = 1 2    b = 0.5      Z[h,w] = A[h,w] + 2A[h,w+1] + 3A[h+1,w] + 4A[h+1,w+1] + b
     *     4 5 6         3 4
     *     7 8 9
     * Z[0,0] = 1 + 4 + 12 + 20 = 37 -> 37.5      Z[0,1] = 2 + 6 + 15 + 24 = 47 -> 47.5
     * Z[1,0] = 4 + 10 + 21 + 32 = 67 -> 67.5     Z[1,1] = 5 + 12 + 24 + 36 = 77 -> 77.5
     * Backward with dZ = 1 everywhere:
     *   dA_prev[y,x] = sum of W[y-h, x-w] over the windows covering (y,x):
     *     1  1+2  2        1  3  2
     *     1+3 10 2+4   =   4 10  6
     *     3  3+4  4        3  7  4
     *   dW[ky,kx] = sum of the 2×2 block of A starting at (ky,kx):
     *     dW[0,0] = 1+2+4+5 = 12, dW[0,1] = 2+3+5+6 = 16, dW[1,0] = 4+5+7+8 = 24, dW[1,1] = 28
     *   db = 4 windows × 1 = 4                                                                  */
    const double A[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, W[] = {1, 2, 3, 4}, b[] = {0.5};
    const cs_shape in = {1, 3, 3, 1};
    const cs_conv_params p = {.f = 2, .n_C = 1, .stride = 1, .pad = 0};
    const double Z[] = {37.5, 47.5, 67.5, 77.5}, dZ[] = {1, 1, 1, 1};
    const double dA[] = {1, 3, 2, 4, 10, 6, 3, 7, 4}, dW[] = {12, 16, 24, 28}, db[] = {4};
    conv_case("pad 0", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_skips_the_last_row_and_column_when_the_stride_does_not_tile(void) {
    /* n = 5, f = 2, stride 2: n_H = floor((5 - 2)/2) + 1 = 2; windows start at 0 and 2, so
     * row 4 and column 4 are never visited. A[y,x] = 10y + x, W = ones, b = 0:
     *   Z[0,0] = 0+1+10+11 = 22    Z[0,1] = 2+3+12+13 = 30
     *   Z[1,0] = 20+21+30+31 = 102 Z[1,1] = 22+23+32+33 = 110
     * Backward with dZ = [[1,2],[3,4]] (W of ones):
     *   dA_prev[y,x] = dZ[y/2, x/2] for y, x < 4, and 0 in row 4 and column 4.
     *   dW[ky,kx] = 1*A[ky,kx] + 2*A[ky,2+kx] + 3*A[2+ky,kx] + 4*A[2+ky,2+kx]:
     *     dW[0,0] = 0 + 4 + 60 + 88 = 152       dW[0,1] = 1 + 6 + 63 + 92 = 162
     *     dW[1,0] = 10 + 24 + 90 + 128 = 252    dW[1,1] = 11 + 26 + 93 + 132 = 262
     *   db = 1 + 2 + 3 + 4 = 10                                                                 */
    double A[25];
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 5; x++) A[y * 5 + x] = 10 * y + x;
    const double W[] = {1, 1, 1, 1}, b[] = {0};
    const cs_shape in = {1, 5, 5, 1};
    const cs_conv_params p = {.f = 2, .n_C = 1, .stride = 2, .pad = 0};
    const double Z[] = {22, 30, 102, 110}, dZ[] = {1, 2, 3, 4};
    const double dA[] = {1, 1, 2, 2, 0, 1, 1, 2, 2, 0, 3, 3, 4, 4, 0, 3, 3, 4, 4, 0, 0, 0, 0, 0, 0};
    const double dW[] = {152, 162, 252, 262}, db[] = {10};
    conv_case("n 5, f 2, stride 2", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_with_f_1_mixes_channels_pixel_by_pixel(void) {
    /* A: 2×2 pixels of 2 channels: (0,0)=[1,2] (0,1)=[3,4] (1,0)=[5,6] (1,1)=[7,8].
     * W (1,1,2,3): W[0,0,0,:] = [1, 0, -1], W[0,0,1,:] = [2, 1, 0.5];  b = [0, 1, 2].
     * Z[h,w,c] = A0*W[0,c] + A1*W[1,c] + b[c]:
     *   c0 = A0 + 2A1      : 5, 11, 17, 23
     *   c1 = A1 + 1        : 3,  5,  7,  9
     *   c2 = -A0 + A1/2 + 2: 2,  1,  0, -1
     * Backward with dZ = ones: dA_prev[h,w,k] = sum_c W[0,0,k,c] = [0, 3.5] at every pixel;
     * dW[0,0,k,c] = sum over pixels of A_k = [16, 20][k] for every c; db = [4, 4, 4].          */
    const double A[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double W[] = {1, 0, -1, 2, 1, 0.5}, b[] = {0, 1, 2};
    const cs_shape in = {1, 2, 2, 2};
    const cs_conv_params p = {.f = 1, .n_C = 3, .stride = 1, .pad = 0};
    const double Z[] = {5, 3, 2, 11, 5, 1, 17, 7, 0, 23, 9, -1};
    const double dZ[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    const double dA[] = {0, 3.5, 0, 3.5, 0, 3.5, 0, 3.5};
    const double dW[] = {16, 16, 16, 20, 20, 20}, db[] = {4, 4, 4};
    conv_case("f 1", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_with_f_1_and_padding_sees_zeros_then_b(void) {
    /* Same A, W, b as above; pad 1, stride 2: padded 4×4, n_H = floor((2 + 2 - 1)/2) + 1 = 2.
     * Windows at padded (0,0), (0,2), (2,0), (2,2); only (2,2) = A[1,1] = [7, 8] is not padding.
     * Z = b, b, b, [23, 9, -1].
     * Backward with dZ = ones: only A[1,1] is under a window: dA_prev[1,1,:] = [0, 3.5], the
     * rest 0; dW[0,0,k,c] = A[1,1,k] = [7, 8][k]; db = [4, 4, 4].                              */
    const double A[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double W[] = {1, 0, -1, 2, 1, 0.5}, b[] = {0, 1, 2};
    const cs_shape in = {1, 2, 2, 2};
    const cs_conv_params p = {.f = 1, .n_C = 3, .stride = 2, .pad = 1};
    const double Z[] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 23, 9, -1};
    const double dZ[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    const double dA[] = {0, 0, 0, 0, 0, 0, 0, 3.5};
    const double dW[] = {7, 7, 7, 8, 8, 8}, db[] = {4, 4, 4};
    conv_case("f 1, pad 1, stride 2", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_of_a_1x1_input(void) {
    /* A = [3], W = [2], b = [1]: Z = 3*2 + 1 = 7. dZ = [2]: dA_prev = 2*2 = 4, dW = 2*3 = 6,
     * db = 2.                                                                                  */
    const double A[] = {3}, W[] = {2}, b[] = {1};
    const cs_shape in = {1, 1, 1, 1};
    const cs_conv_params p = {.f = 1, .n_C = 1, .stride = 1, .pad = 0};
    const double Z[] = {7}, dZ[] = {2}, dA[] = {4}, dW[] = {6}, db[] = {2};
    conv_case("1x1 input", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_of_a_1x1_input_with_pad_1_crops_the_gradient(void) {
    /* A = [3] padded to 3×3 (centre 3), f = 3, W = 1..9 row-major, b = 1: one window,
     * Z = W[1,1]*3 + 1 = 5*3 + 1 = 16.  dZ = [2]: dA_prev = 2*W[1,1] = 10 (the centre of the
     * padded gradient 2*W, cropped), dW = 2*A_pad = 6 at the centre, 0 elsewhere; db = 2.      */
    const double A[] = {3}, W[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, b[] = {1};
    const cs_shape in = {1, 1, 1, 1};
    const cs_conv_params p = {.f = 3, .n_C = 1, .stride = 1, .pad = 1};
    const double Z[] = {16}, dZ[] = {2}, dA[] = {10};
    const double dW[] = {0, 0, 0, 0, 6, 0, 0, 0, 0}, db[] = {2};
    conv_case("1x1 input, pad 1, f 3", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_with_pad_1_reads_zeros_and_crops_the_gradient(void) {
    /* A = [[1,2],[3,4]] padded to 4×4, f = 3, W = [[1,2,3],[4,5,6],[7,8,9]], b = 0, stride 1:
     * n_H = 4 - 3 + 1 = 2. A[a,b] sits at padded (1+a, 1+b), under W[1+a-h, 1+b-w]:
     *   Z[0,0] = 1*5 + 2*6 + 3*8 + 4*9 = 77    Z[0,1] = 1*4 + 2*5 + 3*7 + 4*8 = 67
     *   Z[1,0] = 1*2 + 2*3 + 3*5 + 4*6 = 47    Z[1,1] = 1*1 + 2*2 + 3*4 + 4*5 = 37
     * Backward with dZ = ones:
     *   dA_prev[a,b] = sum_{h,w} W[1+a-h, 1+b-w]:
     *     [0,0] = 5+4+2+1 = 12  [0,1] = 6+5+3+2 = 16  [1,0] = 8+7+5+4 = 24  [1,1] = 9+8+6+5 = 28
     *   dW[ky,kx] = sum_{h,w} A_pad[h+ky, w+kx]: row ky=0 sees A row 0, ky=1 both, ky=2 row 1:
     *     1 3 2 / 4 10 6 / 3 7 4;   db = 4                                                     */
    const double A[] = {1, 2, 3, 4}, W[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, b[] = {0};
    const cs_shape in = {1, 2, 2, 1};
    const cs_conv_params p = {.f = 3, .n_C = 1, .stride = 1, .pad = 1};
    const double Z[] = {77, 67, 47, 37}, dZ[] = {1, 1, 1, 1};
    const double dA[] = {12, 16, 24, 28}, dW[] = {1, 3, 2, 4, 10, 6, 3, 7, 4}, db[] = {4};
    conv_case("pad 1, f 3", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_with_dilation_2_skips_every_other_cell(void) {
    /* A[y,x] = 10y + x (5×5), f = 2, dilation 2: the window spans 3 cells, taps at +0 and +2.
     * n_H = floor((5 - 2*(2-1) - 1)/1) + 1 = 3. W = [[1,2],[3,4]], b = 0:
     *   Z[h,w] = A[h,w] + 2A[h,w+2] + 3A[h+2,w] + 4A[h+2,w+2]
     *          = 10(10h + w) + 2*2 + 3*20 + 4*22 = 100h + 10w + 152
     * Backward with dZ = ones (3×3): row y is reached by (h, ky) with h + 2ky = y:
     *   y = 0, 1 -> ky 0 only; y = 2 -> ky 0 and 1; y = 3, 4 -> ky 1 only (the same for x).
     *   dA_prev[y,x] = sum of W[ky,kx] over those: 1 1 3 2 2 / 1 1 3 2 2 / 4 4 10 6 6 /
     *                                              3 3 7 4 4 / 3 3 7 4 4
     *   dW[ky,kx] = sum of the 3×3 block of A at (2ky, 2kx) = 9 * (10(1 + 2ky) + 1 + 2kx):
     *     99, 117, 279, 297;  db = 9                                                           */
    double A[25];
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 5; x++) A[y * 5 + x] = 10 * y + x;
    const double W[] = {1, 2, 3, 4}, b[] = {0};
    const cs_shape in = {1, 5, 5, 1};
    const cs_conv_params p = {.f = 2, .n_C = 1, .stride = 1, .pad = 0, .dilation = 2};
    const double Z[] = {152, 162, 172, 252, 262, 272, 352, 362, 372};
    const double dZ[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    const double dA[] = {1, 1, 3, 2, 2, 1, 1, 3, 2, 2, 4, 4, 10,
                         6, 6, 3, 3, 7, 4, 4, 3, 3, 7, 4, 4};
    const double dW[] = {99, 117, 279, 297}, db[] = {9};
    conv_case("dilation 2", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_with_two_samples_and_two_filters(void) {
    /* m = 2 images 2×2×1: [[1,2],[3,4]] and [[-1,0],[0,1]]; f = 2, n_C = 2:
     * W[:,:,0,0] = [[1,0],[0,0]] (picks the top-left), W[:,:,0,1] = [[0,0],[0,1]] (bottom-right),
     * b = [10, 20]. Z (2,1,1,2) = [1+10, 4+20, -1+10, 1+20] = [11, 24, 9, 21].
     * Backward with dZ = [1, 2, 3, 4] (i0c0, i0c1, i1c0, i1c1):
     *   dA_prev[i] = dZ[i,c0]*W[..,0] + dZ[i,c1]*W[..,1]: image 0 [[1,0],[0,2]], image 1 [[3,0],[0,4]]
     *   dW[ky,kx,0,c] = sum_i dZ[i,c] * A[i,ky,kx]:
     *     c0: 1*A0 + 3*A1 = [[1-3, 2+0],[3+0, 4+3]] = [[-2,2],[3,7]]
     *     c1: 2*A0 + 4*A1 = [[2-4, 4],[6, 8+4]]     = [[-2,4],[6,12]]
     *   stored (ky,kx,k,c): [-2,-2, 2,4, 3,6, 7,12];  db = [1+3, 2+4] = [4, 6]                  */
    const double A[] = {1, 2, 3, 4, -1, 0, 0, 1};
    const double W[] = {1, 0, 0, 0, 0, 0, 0, 1}, b[] = {10, 20};
    const cs_shape in = {2, 2, 2, 1};
    const cs_conv_params p = {.f = 2, .n_C = 2, .stride = 1, .pad = 0};
    const double Z[] = {11, 24, 9, 21}, dZ[] = {1, 2, 3, 4};
    const double dA[] = {1, 0, 0, 2, 3, 0, 0, 4};
    const double dW[] = {-2, -2, 2, 4, 3, 6, 7, 12}, db[] = {4, 6};
    conv_case("m 2, n_C 2", A, in, W, b, p, Z, dZ, dA, dW, db);
}

static void conv_dilation_0_and_1_both_mean_none(void) {
    /* The two spellings of "no dilation" give the same bits. */
    t_rand r;
    t_rand_seed(&r, 11);
    const cs_shape in = {2, 5, 4, 3};
    cs_conv_params p0 = {.f = 3, .n_C = 2, .stride = 2, .pad = 1, .dilation = 0}, p1 = p0;
    p1.dilation = 1;
    double A[120], W[54], b[2], dZ[2 * 3 * 2 * 2];
    t_rand_fill_gauss(&r, A, N_OF(A));
    t_rand_fill_gauss(&r, W, N_OF(W));
    t_rand_fill_gauss(&r, b, N_OF(b));
    t_rand_fill_gauss(&r, dZ, N_OF(dZ));
    const cs_shape out = ref_conv_shape(in, p0), ws = {3, 3, 3, 2}, bs = {1, 1, 1, 2};
    double Z0[24], Z1[24], dA0[120], dA1[120], dW0[54], dW1[54], db0[2], db1[2];
    t_fill_nan(Z0, 24);
    t_fill_nan(Z1, 24);
    CHECK(cs_conv_forward(A, in, W, b, p0, Z0) == CS_OK, "dilation 0 forward failed");
    CHECK(cs_conv_forward(A, in, W, b, p1, Z1) == CS_OK, "dilation 1 forward failed");
    T_SAME("Z, dilation 0 vs 1", Z0, Z1, out, T_NHWC);
    CHECK(cs_conv_backward(dZ, A, in, W, p0, dA0, dW0, db0) == CS_OK, "dilation 0 backward failed");
    CHECK(cs_conv_backward(dZ, A, in, W, p1, dA1, dW1, db1) == CS_OK, "dilation 1 backward failed");
    T_SAME("dA_prev, dilation 0 vs 1", dA0, dA1, in, T_NHWC);
    T_SAME("dW, dilation 0 vs 1", dW0, dW1, ws, T_FILTER);
    T_SAME("db, dilation 0 vs 1", db0, db1, bs, T_NHWC);
}

static void conv_backward_overwrites_instead_of_accumulating(void) {
    /* Calling backward twice on the same buffers gives the same gradients, not twice them:
     * the kernels zero their gradients first (convstep.h). Numbers as in the pad-0 case.      */
    const double A[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, W[] = {1, 2, 3, 4}, dZ[] = {1, 1, 1, 1};
    const cs_shape in = {1, 3, 3, 1}, ws = {2, 2, 1, 1}, bs = {1, 1, 1, 1};
    const cs_conv_params p = {.f = 2, .n_C = 1, .stride = 1, .pad = 0};
    const double dA_exp[] = {1, 3, 2, 4, 10, 6, 3, 7, 4}, dW_exp[] = {12, 16, 24, 28};
    const double db_exp[] = {4};
    double dA[9], dW[4], db[1];
    for (int k = 0; k < 9; k++) dA[k] = 100;
    for (int k = 0; k < 4; k++) dW[k] = 100;
    db[0] = 100;
    CHECK(cs_conv_backward(dZ, A, in, W, p, dA, dW, db) == CS_OK, "first call failed");
    CHECK(cs_conv_backward(dZ, A, in, W, p, dA, dW, db) == CS_OK, "second call failed");
    T_EQUAL("dA_prev after two calls", dA, dA_exp, in, T_NHWC);
    T_EQUAL("dW after two calls", dW, dW_exp, ws, T_FILTER);
    T_EQUAL("db after two calls", db, db_exp, bs, T_NHWC);
}

/* ---- pooling ------------------------------------------------------------------------------- */

static void pool_case(const char *name, const double *A_prev, cs_shape in, cs_pool_params p,
                      const double *A_exp, const double *dA, const double *dA_prev_exp) {
    cs_shape out = {-1, -1, -1, -1};
    CHECK(cs_pool_output_shape(in, p, &out) == CS_OK, "%s: cs_pool_output_shape failed", name);
    const cs_shape want = ref_pool_shape(in, p);
    if (!CHECK(t_shape_eq(out, want), "%s: output shape (%d,%d,%d,%d), expected (%d,%d,%d,%d)",
               name, out.m, out.n_H, out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C))
        return;
    char what[128];
    if (A_exp) {
        double *A = t_alloc_nan(t_count(out));
        CHECK(cs_pool_forward(A_prev, in, p, A) == CS_OK, "%s: cs_pool_forward failed", name);
        snprintf(what, sizeof what, "%s: A", name);
        T_EQUAL(what, A, A_exp, out, T_NHWC);
        free(A);
    }
    if (dA) {
        double *g = t_alloc_nan(t_count(in));
        CHECK(cs_pool_backward(dA, A_prev, in, p, g) == CS_OK, "%s: cs_pool_backward failed", name);
        snprintf(what, sizeof what, "%s: dA_prev", name);
        T_EQUAL(what, g, dA_prev_exp, in, T_NHWC);
        free(g);
    }
}

static void pool_skips_the_last_row_and_column_when_the_stride_does_not_tile(void) {
    /* A[y,x] = 10y + x (5×5), f = 2, stride 2: windows at 0 and 2; row 4, column 4 unvisited.
     * max: each window's bottom-right: 11, 13, 31, 33.
     * average: (0+1+10+11)/4 = 5.5, (2+3+12+13)/4 = 7.5, (20+21+30+31)/4 = 25.5, 27.5.
     * Backward with dA = [[1,2],[3,4]]:
     *   max: the gradient lands on (1,1)=1, (1,3)=2, (3,1)=3, (3,3)=4.
     *   average: each cell of a window gets dA/4: 0.25 | 0.5 over 0.75 | 1, row/col 4 zero.      */
    double A[25];
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 5; x++) A[y * 5 + x] = 10 * y + x;
    const cs_shape in = {1, 5, 5, 1};
    const double dA[] = {1, 2, 3, 4};
    const cs_pool_params pmax = {.f = 2, .stride = 2, .mode = CS_POOL_MAX};
    const double Amax[] = {11, 13, 31, 33};
    const double gmax[] = {0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0,
                           0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0, 0};
    pool_case("max, n 5, f 2, stride 2", A, in, pmax, Amax, dA, gmax);
    const cs_pool_params pavg = {.f = 2, .stride = 2, .mode = CS_POOL_AVERAGE};
    const double Aavg[] = {5.5, 7.5, 25.5, 27.5};
    const double gavg[] = {0.25, 0.25, 0.5,  0.5,  0, 0.25, 0.25, 0.5, 0.5, 0, 0.75, 0.75, 1,
                           1,    0,    0.75, 0.75, 1, 1,    0,    0,   0,   0, 0,    0};
    pool_case("average, n 5, f 2, stride 2", A, in, pavg, Aavg, dA, gavg);
}

static void max_pool_backward_sends_tied_gradients_per_the_ties_rule(void) {
    /* A = 1 5 5     f = 2, stride 1 (overlapping windows), all four maxima are 5:
     *     5 2 1       window (0,0) {1,5,5,2}: tie at (0,1), (1,0)
     *     0 5 3       window (0,1) {5,5,2,1}: tie at (0,1), (0,2)
     *                 window (1,0) {5,2,0,5}: tie at (1,0), (2,1)
     *                 window (1,1) {2,1,5,3}: single max at (2,1)
     * dA = [[1,2],[4,8]].
     * TIES_ALL (the assignment's mask = x == max(x)): every tied cell gets the window's dA:
     *   (0,1) = 1+2 = 3, (0,2) = 2, (1,0) = 1+4 = 5, (2,1) = 4+8 = 12.
     * TIES_FIRST (PyTorch): the first max in row-major window order:
     *   window (0,0) -> (0,1); (0,1) -> (0,1); (1,0) -> (1,0); (1,1) -> (2,1):
     *   (0,1) = 1+2 = 3, (1,0) = 4, (2,1) = 8.
     * Average: A = 13/4, 13/4, 12/4, 11/4 = 3.25, 3.25, 3, 2.75; each cell gets the sum of
     * dA/4 over the windows covering it: 0.25 0.75 0.5 / 1.25 3.75 2.5 / 1 3 2.                 */
    const double A[] = {1, 5, 5, 5, 2, 1, 0, 5, 3}, dA[] = {1, 2, 4, 8};
    const cs_shape in = {1, 3, 3, 1};
    const double Amax[] = {5, 5, 5, 5};
    const cs_pool_params all = {.f = 2, .stride = 1, .mode = CS_POOL_MAX, .ties = CS_TIES_ALL};
    const double g_all[] = {0, 3, 2, 5, 0, 0, 0, 12, 0};
    pool_case("ties all", A, in, all, Amax, dA, g_all);
    const cs_pool_params first = {.f = 2, .stride = 1, .mode = CS_POOL_MAX, .ties = CS_TIES_FIRST};
    const double g_first[] = {0, 3, 0, 4, 0, 0, 0, 8, 0};
    pool_case("ties first", A, in, first, Amax, dA, g_first);
    const cs_pool_params avg = {.f = 2, .stride = 1, .mode = CS_POOL_AVERAGE};
    const double Aavg[] = {3.25, 3.25, 3, 2.75};
    const double g_avg[] = {0.25, 0.75, 0.5, 1.25, 3.75, 2.5, 1, 3, 2};
    pool_case("average, overlapping", A, in, avg, Aavg, dA, g_avg);
}

static void max_pool_of_negative_values_is_negative(void) {
    /* Two channels, 2×2, f = 2: channel 0 = [[1,4],[3,2]] -> 4 at (0,1);
     * channel 1 = [[-1,-4],[-3,-2]] -> -1 at (0,0) (a max started at 0 would say 0).
     * Stored (h,w,c): [1,-1, 4,-4, 3,-3, 2,-2]. A = [4, -1].
     * dA = [10, 20]: dA_prev (0,1,c0) = 10 at offset 2, (0,0,c1) = 20 at offset 1.            */
    const double A[] = {1, -1, 4, -4, 3, -3, 2, -2}, dA[] = {10, 20};
    const cs_shape in = {1, 2, 2, 2};
    const cs_pool_params p = {.f = 2, .stride = 2}; /* zero fields: max, ties all */
    const double Aexp[] = {4, -1}, g[] = {0, 20, 10, 0, 0, 0, 0, 0};
    pool_case("negative channel", A, in, p, Aexp, dA, g);
}

static void pool_with_f_1_picks_cells_by_the_stride(void) {
    /* f = 1, stride 2 on 3×3 (two samples): output 2×2 = cells (0,0), (0,2), (2,0), (2,2);
     * backward puts dA back on exactly those cells, for max and average alike.                */
    double A[18];
    for (int k = 0; k < 18; k++) A[k] = k + 1;
    const cs_shape in = {2, 3, 3, 1};
    const double Aexp[] = {1, 3, 7, 9, 10, 12, 16, 18};
    const double dA[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double g[] = {1, 0, 2, 0, 0, 0, 3, 0, 4, 5, 0, 6, 0, 0, 0, 7, 0, 8};
    const cs_pool_params pmax = {.f = 1, .stride = 2, .mode = CS_POOL_MAX};
    pool_case("f 1, max", A, in, pmax, Aexp, dA, g);
    const cs_pool_params pavg = {.f = 1, .stride = 2, .mode = CS_POOL_AVERAGE};
    pool_case("f 1, average", A, in, pavg, Aexp, dA, g);
}

static void pool_of_a_1x1_input(void) {
    const double A[] = {-3}, dA[] = {2.5};
    const cs_shape in = {1, 1, 1, 1};
    const cs_pool_params pmax = {.f = 1, .stride = 1, .mode = CS_POOL_MAX};
    pool_case("1x1, max", A, in, pmax, A, dA, dA);
    const cs_pool_params pavg = {.f = 1, .stride = 1, .mode = CS_POOL_AVERAGE};
    pool_case("1x1, average", A, in, pavg, A, dA, dA);
}

static void average_pool_divides_by_f_squared(void) {
    /* 3×3 window of ones except a 3 at the centre: sum 11, average 11/9, one division as
     * numpy's mean does (11 * (1/9) would differ in the last bit). Backward with dA = 7: every
     * cell gets 7/9 (again not 7 * (1/9)), the seed's dz / (n_H * n_W).                        */
    const double A[] = {1, 1, 1, 1, 3, 1, 1, 1, 1}, dA[] = {7};
    const cs_shape in = {1, 3, 3, 1};
    const cs_pool_params p = {.f = 3, .stride = 1, .mode = CS_POOL_AVERAGE};
    const double Aexp[] = {11.0 / 9.0};
    double g[9];
    for (int k = 0; k < 9; k++) g[k] = 7.0 / 9.0;
    pool_case("average 3x3", A, in, p, Aexp, dA, g);
}

static void pool_backward_overwrites_instead_of_accumulating(void) {
    const double A[] = {1, 5, 5, 5, 2, 1, 0, 5, 3}, dA[] = {1, 2, 4, 8};
    const double g_all[] = {0, 3, 2, 5, 0, 0, 0, 12, 0};
    const cs_shape in = {1, 3, 3, 1};
    const cs_pool_params p = {.f = 2, .stride = 1};
    double g[9];
    for (int k = 0; k < 9; k++) g[k] = 100;
    CHECK(cs_pool_backward(dA, A, in, p, g) == CS_OK, "first call failed");
    CHECK(cs_pool_backward(dA, A, in, p, g) == CS_OK, "second call failed");
    T_EQUAL("dA_prev after two calls", g, g_all, in, T_NHWC);
}

/* ---- create_mask_from_window ------------------------------------------------------------- */

static void check_mask(const char *name, const double *x, int f, size_t ld, size_t cs,
                       cs_pool_ties ties, const unsigned char *expected, int expected_count) {
    unsigned char mask[32];
    memset(mask, 0xAA, sizeof mask);
    const int n = cs_create_mask_from_window(x, f, ld, cs, ties, mask);
    CHECK(n == expected_count, "%s: returned %d cells, expected %d", name, n, expected_count);
    int same = memcmp(mask, expected, (size_t)(f * f)) == 0;
    char got[80] = "", want[80] = "";
    for (int k = 0; k < f * f && k < 25; k++) {
        got[k * 2] = (char)('0' + (mask[k] <= 9 ? mask[k] : 9));
        got[k * 2 + 1] = ' ';
        want[k * 2] = (char)('0' + expected[k]);
        want[k * 2 + 1] = ' ';
    }
    CHECK(same, "%s: mask %s, expected %s", name, got, want);
    int untouched = 1;
    for (size_t k = (size_t)(f * f); k < sizeof mask; k++) untouched &= mask[k] == 0xAA;
    CHECK(untouched, "%s: wrote past the f*f mask bytes", name);
}

static void create_mask_marks_every_tie_or_only_the_first(void) {
    /* x = [[1,3],[3,2]]: max 3 at (0,1) and (1,0). */
    const double x[] = {1, 3, 3, 2};
    const unsigned char all[] = {0, 1, 1, 0}, first[] = {0, 1, 0, 0};
    check_mask("2x2 ties all", x, 2, 2, 1, CS_TIES_ALL, all, 2);
    check_mask("2x2 ties first", x, 2, 2, 1, CS_TIES_FIRST, first, 1);
    /* All equal: every cell, or cell 0. */
    const double same[] = {3, 3, 3, 3};
    const unsigned char all4[] = {1, 1, 1, 1}, first4[] = {1, 0, 0, 0};
    check_mask("all equal, ties all", same, 2, 2, 1, CS_TIES_ALL, all4, 4);
    check_mask("all equal, ties first", same, 2, 2, 1, CS_TIES_FIRST, first4, 1);
    /* Negative values: [-5,-2,-3,-2]: max -2 at 1 and 3. */
    const double neg[] = {-5, -2, -3, -2};
    const unsigned char neg_all[] = {0, 1, 0, 1}, neg_first[] = {0, 1, 0, 0};
    check_mask("negative, ties all", neg, 2, 2, 1, CS_TIES_ALL, neg_all, 2);
    check_mask("negative, ties first", neg, 2, 2, 1, CS_TIES_FIRST, neg_first, 1);
    /* +0 and -0 compare equal, as x == max(x) says in numpy. */
    const double zeros[] = {-1, 0.0, -0.0, -1};
    const unsigned char z_all[] = {0, 1, 1, 0};
    check_mask("signed zeros tie", zeros, 2, 2, 1, CS_TIES_ALL, z_all, 2);
    /* f = 1: the one cell. */
    const double one[] = {-7};
    const unsigned char m1[] = {1};
    check_mask("f 1", one, 1, 1, 1, CS_TIES_ALL, m1, 1);
    check_mask("f 1, ties first", one, 1, 1, 1, CS_TIES_FIRST, m1, 1);
}

static void create_mask_reads_the_window_through_ld_and_cs(void) {
    /* A 4×4×2 NHWC image (ld = 4*2 = 8 between rows, cs = 2 between columns) full of 1000,
     * with the 2×2 window at row 1, column 2, channel 1 set to [[2,7],[7,-1]]. The window's
     * cells are at 13, 15, 21, 23. Reading any other cell would find 1000.                     */
    double img[32];
    for (int k = 0; k < 32; k++) img[k] = 1000;
    img[13] = 2;
    img[15] = 7;
    img[21] = 7;
    img[23] = -1;
    const unsigned char all[] = {0, 1, 1, 0}, first[] = {0, 1, 0, 0};
    check_mask("NHWC window, ties all", img + 13, 2, 8, 2, CS_TIES_ALL, all, 2);
    check_mask("NHWC window, ties first", img + 13, 2, 8, 2, CS_TIES_FIRST, first, 1);

    /* A column-major 3×3 window (ld = 1, cs = 3): cell (r,c) at r + 3c. The window
     *   1 2 9
     *   4 0 5        has its one max at (0,2): mask index 2 in row-major order.
     *   6 7 8        Stored column by column: 1 4 6 | 2 0 7 | 9 5 8.
     * Swapping ld and cs would find 9 at (2,0), index 6.                                        */
    const double colmajor[] = {1, 4, 6, 2, 0, 7, 9, 5, 8};
    const unsigned char m[] = {0, 0, 1, 0, 0, 0, 0, 0, 0};
    check_mask("column-major window", colmajor, 3, 1, 3, CS_TIES_ALL, m, 1);
}

/* ---- distribute_value -------------------------------------------------------------------- */

static void distribute_value_spreads_dz_evenly(void) {
    /* dz = 2, f = 2: four cells of 2/4 = 0.5. dz = 1, f = 3: nine cells of 1/9, computed as one
     * division like the seed's dz / (n_H * n_W). f = 1: dz itself. Nothing past f*f is written. */
    double a[12];
    t_fill_nan(a, 12);
    cs_distribute_value(2.0, 2, a);
    int ok = 1;
    for (int k = 0; k < 4; k++) ok &= a[k] == 0.5;
    CHECK(ok, "dz 2, f 2: expected 0.5 in each cell, got %g %g %g %g", a[0], a[1], a[2], a[3]);
    CHECK(t_all_nan(a + 4, 8), "dz 2, f 2: wrote past 4 cells");

    t_fill_nan(a, 12);
    cs_distribute_value(1.0, 3, a);
    ok = 1;
    for (int k = 0; k < 9; k++) ok &= a[k] == 1.0 / 9.0;
    CHECK(ok, "dz 1, f 3: expected 1/9 = %.17g in each cell, got %.17g", 1.0 / 9.0, a[0]);
    CHECK(t_all_nan(a + 9, 3), "dz 1, f 3: wrote past 9 cells");

    t_fill_nan(a, 12);
    cs_distribute_value(-0.75, 1, a);
    CHECK(a[0] == -0.75, "dz -0.75, f 1: expected -0.75, got %.17g", a[0]);
    CHECK(t_all_nan(a + 1, 11), "dz -0.75, f 1: wrote past 1 cell");
}

/* ---- output shapes ------------------------------------------------------------------------- */

static void check_conv_shape(cs_shape in, cs_conv_params p, cs_shape want) {
    cs_shape out = {-1, -1, -1, -1};
    const cs_status s = cs_conv_output_shape(in, p, &out);
    CHECK(s == CS_OK && t_shape_eq(out, want),
          "conv in (%d,%d,%d,%d) f %d n_C %d stride %d pad %d dilation %d: status %d, shape "
          "(%d,%d,%d,%d), expected (%d,%d,%d,%d)",
          in.m, in.n_H, in.n_W, in.n_C, p.f, p.n_C, p.stride, p.pad, p.dilation, (int)s, out.m,
          out.n_H, out.n_W, out.n_C, want.m, want.n_H, want.n_W, want.n_C);
}

static void check_pool_shape(cs_shape in, cs_pool_params p, cs_shape want) {
    cs_shape out = {-1, -1, -1, -1};
    const cs_status s = cs_pool_output_shape(in, p, &out);
    CHECK(s == CS_OK && t_shape_eq(out, want),
          "pool in (%d,%d,%d,%d) f %d stride %d: status %d, shape (%d,%d,%d,%d), expected "
          "(%d,%d,%d,%d)",
          in.m, in.n_H, in.n_W, in.n_C, p.f, p.stride, (int)s, out.m, out.n_H, out.n_W, out.n_C,
          want.m, want.n_H, want.n_W, want.n_C);
}

static void output_shapes_follow_the_floor_formulas(void) {
    /* The assignment's layer: A_prev (10,5,7,4), f 3, n_C 8, stride 2, pad 1:
     * n_H = floor((5 + 2 - 3)/2) + 1 = 3, n_W = floor((7 + 2 - 3)/2) + 1 = 4 -> (10,3,4,8).   */
    check_conv_shape((cs_shape){10, 5, 7, 4},
                     (cs_conv_params){.f = 3, .n_C = 8, .stride = 2, .pad = 1},
                     (cs_shape){10, 3, 4, 8});
    /* (5 - 2)/2 + 1 = 2 (floor of 1.5). */
    check_conv_shape((cs_shape){2, 5, 5, 3}, (cs_conv_params){.f = 2, .n_C = 4, .stride = 2},
                     (cs_shape){2, 2, 2, 4});
    /* dilation 2, f 3: span 5; (7 - 5)/1 + 1 = 3; (9 - 5)/1 + 1 = 5. */
    check_conv_shape((cs_shape){1, 7, 9, 1},
                     (cs_conv_params){.f = 3, .n_C = 1, .stride = 1, .dilation = 2},
                     (cs_shape){1, 3, 5, 1});
    /* dilation 3, f 3: span 7 fits a 7×7 input exactly: 1×1. */
    check_conv_shape((cs_shape){1, 7, 7, 2},
                     (cs_conv_params){.f = 3, .n_C = 5, .stride = 1, .dilation = 3},
                     (cs_shape){1, 1, 1, 5});
    /* f equal to the padded size: 1×1. (3 + 2 - 5)/1 + 1 = 1. */
    check_conv_shape((cs_shape){1, 3, 3, 1},
                     (cs_conv_params){.f = 5, .n_C = 1, .stride = 1, .pad = 1},
                     (cs_shape){1, 1, 1, 1});
    /* A stride larger than the input: one window. */
    check_conv_shape((cs_shape){1, 4, 4, 1}, (cs_conv_params){.f = 2, .n_C = 1, .stride = 9},
                     (cs_shape){1, 1, 1, 1});
    /* pad 2, f 1, stride 3: (1 + 4 - 1)/3 + 1 = 2. */
    check_conv_shape((cs_shape){1, 1, 1, 1},
                     (cs_conv_params){.f = 1, .n_C = 1, .stride = 3, .pad = 2},
                     (cs_shape){1, 2, 2, 1});

    /* Pooling has no padding: (5 - 3)/2 + 1 = 2; channels stay. */
    check_pool_shape((cs_shape){2, 5, 5, 3}, (cs_pool_params){.f = 3, .stride = 2},
                     (cs_shape){2, 2, 2, 3});
    check_pool_shape((cs_shape){1, 4, 6, 1},
                     (cs_pool_params){.f = 2, .stride = 2, .mode = CS_POOL_AVERAGE},
                     (cs_shape){1, 2, 3, 1});
    check_pool_shape((cs_shape){1, 4, 4, 1}, (cs_pool_params){.f = 4, .stride = 1},
                     (cs_shape){1, 1, 1, 1});
    check_pool_shape((cs_shape){3, 3, 3, 2}, (cs_pool_params){.f = 1, .stride = 5},
                     (cs_shape){3, 1, 1, 2});
}

/* np.max of a window holding NaN is NaN, so the assignment's mask (x == max(x)) is empty and
 * the window routes no gradient; pool forward writes NaN. Checked with the NaN first in the
 * window and elsewhere, under both tie rules. */
static void a_window_holding_nan_has_max_nan_and_routes_no_gradient(void) {
    for (int where = 0; where < 4; where++)
        for (int ties = 0; ties < 2; ties++) {
            double A_prev[4] = {1.0, 5.0, 2.0, 3.0}; /* one 2×2 window, one channel */
            A_prev[where] = NAN;
            const cs_shape in = {1, 2, 2, 1};
            const cs_pool_params p = {
                .f = 2, .stride = 1, .mode = CS_POOL_MAX, .ties = (cs_pool_ties)ties};
            double A = 0.0, dA = 7.0, dA_prev[4];
            CHECK(cs_pool_forward(A_prev, in, p, &A) == CS_OK && isnan(A),
                  "NaN at %d: A = %g, want NaN", where, A);
            CHECK(cs_pool_backward(&dA, A_prev, in, p, dA_prev) == CS_OK,
                  "NaN at %d: pool_backward failed", where);
            for (int k = 0; k < 4; k++)
                CHECK(dA_prev[k] == 0.0, "NaN at %d, ties %d: dA_prev[%d] = %g, want 0", where,
                      ties, k, dA_prev[k]);
            unsigned char mask[4];
            CHECK(cs_create_mask_from_window(A_prev, 2, 2, 1, (cs_pool_ties)ties, mask) == 0,
                  "NaN at %d, ties %d: the mask picks a cell", where, ties);
        }
}

void run_hand_tests(void) {
    RUN(zero_pad_surrounds_each_image_with_zeros);
    RUN(zero_pad_keeps_channels_together);
    RUN(zero_pad_with_pad_0_copies);
    RUN(conv_single_step_sums_products_then_adds_b);
    RUN(conv_single_step_sums_in_index_order);
    RUN(conv_single_step_adds_b_after_the_sum);
    RUN(conv_single_step_of_no_elements_is_b);
    RUN(conv_with_pad_0_and_stride_1);
    RUN(conv_skips_the_last_row_and_column_when_the_stride_does_not_tile);
    RUN(conv_with_f_1_mixes_channels_pixel_by_pixel);
    RUN(conv_with_f_1_and_padding_sees_zeros_then_b);
    RUN(conv_of_a_1x1_input);
    RUN(conv_of_a_1x1_input_with_pad_1_crops_the_gradient);
    RUN(conv_with_pad_1_reads_zeros_and_crops_the_gradient);
    RUN(conv_with_dilation_2_skips_every_other_cell);
    RUN(conv_with_two_samples_and_two_filters);
    RUN(conv_dilation_0_and_1_both_mean_none);
    RUN(conv_backward_overwrites_instead_of_accumulating);
    RUN(pool_skips_the_last_row_and_column_when_the_stride_does_not_tile);
    RUN(max_pool_backward_sends_tied_gradients_per_the_ties_rule);
    RUN(max_pool_of_negative_values_is_negative);
    RUN(pool_with_f_1_picks_cells_by_the_stride);
    RUN(pool_of_a_1x1_input);
    RUN(average_pool_divides_by_f_squared);
    RUN(pool_backward_overwrites_instead_of_accumulating);
    RUN(create_mask_marks_every_tie_or_only_the_first);
    RUN(create_mask_reads_the_window_through_ld_and_cs);
    RUN(distribute_value_spreads_dz_evenly);
    RUN(a_window_holding_nan_has_max_nan_and_routes_no_gradient);
    RUN(output_shapes_follow_the_floor_formulas);
}
