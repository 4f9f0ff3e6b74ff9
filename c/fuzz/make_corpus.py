#!/usr/bin/env python3
"""make_corpus.py - writes the seed corpus of c/fuzz/fuzz_api.c into c/fuzz/corpus/.

    python3 c/fuzz/make_corpus.py

Each seed is a few bytes in the harness's input format (see the comment at the top of
fuzz_api.c and c/fuzz/README.md); together they reach every op. The files are committed; run
this again only after changing the input format, then check the seeds with
`./build/fuzz_api -runs=0 c/fuzz/corpus`.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

# The first byte: what an input exercises.
# The ops come first (0 .. CS_OP_COUNT-1), then the small functions.
(CONV_FWD, CONV_BWD, POOL_FWD, POOL_BWD, CONV_TRANSPOSE,
 ZERO_PAD, SINGLE_STEP, MASK, DISTRIBUTE, RNG) = range(10)

# A byte 240 + i decodes to the i-th extreme value instead of a small one.
EXTREME = {0: 240, -1: 241, -3: 242, "INT_MIN": 243, "INT_MAX": 244, "INT_MAX-1": 245,
           2046: 246, 2047: 247, 2048: 248, 2049: 249, 4096: 250, 46341: 251, 65536: 252,
           "2^21": 253, "2^22": 254, "2^22+1": 255}


def dim(v, lo):
    """A dimension or hyper-parameter byte: small values directly, others from EXTREME."""
    if v in EXTREME and not (isinstance(v, int) and lo <= v <= lo + 8):
        return EXTREME[v]
    return v - lo


def shape(m, h, w, c):
    return [dim(m, 1), dim(h, 1), dim(w, 1), dim(c, 1)]


def conv(f, n_c, stride, pad, dilation):
    return [dim(f, 1), dim(n_c, 1), dim(stride, 1), dim(pad, 0), dim(dilation, 0)]


def pool(f, stride, mode, ties):
    enum = {0: 0, 1: 1, 2: 224, 3: 225, -1: 226}  # 2, 3, -1: invalid values
    return [dim(f, 1), dim(stride, 1), enum[mode], enum[ties]]


def ints(*values):
    """Tensor values -8..7, one byte each (small integers make max-pool ties)."""
    assert all(-8 <= v <= 7 for v in values)
    return [v + 8 for v in values]


SPECIAL = {"nan": 224, "-nan": 225, "inf": 226, "-inf": 227, "-0": 228, "max": 229}
RAW_NAN = [0xF0] + [0xFF] * 8  # raw IEEE bits: the NaN 0xffffffffffffffff

# Stepper commands (after the values): next N, seek, reset, tensor, replay, change an input.
def nxt(n):
    return [0, n - 1]


NEXT_PAST_END = [0, 0xF0]
SEEK_RANDOM = lambda k: [2, 0, k & 0xFF, k >> 8]
SEEK_TOTAL, SEEK_PAST, SEEK_MINUS1, SEEK_INT64, SEEK_BACK1 = [2, 3], [2, 4], [2, 5], [2, 6], [2, 7]
SEEK_ZERO = [2, 9]
RESET = [4]
# Tensor ids 0..5 are CS_T_A_PREV_PAD..CS_T_DB; 6..11 select the invalid ids -1, 6, 7, 1000,
# INT_MIN and INT_MAX.
TENSOR = lambda sel, with_shape=True: [5, sel | (0x80 if with_shape else 0)]
REPLAY = [6]
CHANGE = lambda which, index, value_byte: [7, which, index & 0xFF, index >> 8, value_byte]
# Right after the values: how the run ends once the commands are done.
END_BY_NEXT, END_BY_SEEK = [1], [0]

SEEDS = {
    # The seed's layer, smaller: f 3, 2 filters, stride 2, pad 1; values from the generator.
    "conv_forward_layer": [CONV_FWD] + shape(1, 5, 5, 2) + conv(3, 2, 2, 1, 0) + [0],
    # Dilation 2 with pad 2 and an odd size (made to run: always_runs).
    "conv_forward_dilated": [CONV_FWD] + shape(2, 7, 6, 1) + conv(2, 3, 1, 2, 2) + [0x13],
    # Every value given, then next, seeks back and forth, tensors, a replay and a new dZ.
    "conv_backward_steps": [CONV_BWD] + shape(1, 3, 3, 1) + conv(2, 1, 1, 0, 0) + [0x25]
    + ints(1, -2, 3, 0, 5, -6, 7, 1, -1) + ints(2, 0, -1, 3) + ints(1, -1, 2, -3) + END_BY_SEEK
    + nxt(3) + SEEK_BACK1 + TENSOR(3) + TENSOR(4) + TENSOR(5, False) + SEEK_TOTAL + SEEK_RANDOM(1)
    + REPLAY + CHANGE(1, 2, 8 + 4) + nxt(2) + SEEK_PAST + TENSOR(9),
    # 972 steps and a big state: 64 checkpoints, one every 15 steps. Its cost is above the
    # harness's SMALL_COST, so two value bytes are added to make it run (always_runs).
    "conv_backward_big": [CONV_BWD] + shape(3, 9, 9, 4) + conv(3, 4, 1, 1, 1) + [0],
    # Max pooling on ties, stepped, with every tensor id and an invalid one.
    "pool_forward_max_ties": [POOL_FWD] + shape(1, 4, 4, 1) + pool(2, 2, 0, 0) + [0x31]
    + ints(3, 3, 1, 0, 3, 2, 0, 0, -1, 5, 5, 5, 4, 5, 5, -8) + END_BY_NEXT
    + nxt(2) + TENSOR(0) + TENSOR(1) + TENSOR(2) + TENSOR(6) + SEEK_ZERO + NEXT_PAST_END
    + SEEK_MINUS1,
    # NaNs with different payloads, then seek(total) (whole samples at once) and a replay:
    # the two paths may pick a different NaN, which the harness takes as equal.
    "conv_forward_nan_seek": [CONV_FWD] + shape(1, 1, 3, 1) + conv(3, 1, 1, 3, 0) + [0]
    + RAW_NAN + ints(1, 2) + [SPECIAL["-nan"]] + ints(1, 1, 1) + RAW_NAN + ints(1, 1, 1, 1)
    + ints(1) + END_BY_SEEK + SEEK_TOTAL + REPLAY,
    "pool_forward_average": [POOL_FWD] + shape(2, 5, 6, 3) + pool(3, 1, 1, 0) + [0],
    # Max-pool backward, first maximum only, with NaN and -0 among the values.
    "pool_backward_first": [POOL_BWD] + shape(1, 3, 3, 2) + pool(2, 1, 0, 1) + [0x07]
    + ints(2, 2, 2, 2, 0, 1) + [SPECIAL["-0"]] + ints(0, 2, 2, 1, 1, 0) + [SPECIAL["nan"]]
    + ints(2, 2, 2, 2) + ints(1, 2, 3, 4, 5, 6, 7, -1) + END_BY_NEXT
    + nxt(5) + SEEK_INT64 + SEEK_RANDOM(6) + RESET + nxt(8) + REPLAY,
    "pool_backward_average": [POOL_BWD] + shape(2, 6, 4, 2) + pool(2, 2, 1, 0) + [0x50],
    # Invalid configurations: f 0, huge dims, a negative pad, invalid mode and ties.
    "invalid_params": [CONV_BWD] + shape("INT_MAX", 0, 3, -1) + conv(0, 2, -3, -1, -1) + [0x11],
    "invalid_pool_enums": [POOL_BWD] + shape(1, 4, 4, 1) + pool(2, 1, 2, -1) + [0x40],
    # Right at the size limit: 1 x 2046 x 2046 x 1 padded by 1 is 2^22 elements (only validated).
    "limit_padded": [CONV_FWD] + shape(1, 2046, 2046, 1) + conv(1, 1, 1, 1, 0) + [0x22],
    # The small functions: zero_pad, conv_single_step, create_mask_from_window (strided,
    # ties), distribute_value, the generator.
    # conv transpose: X (1,3,3,2), f 3, n_C_out 2, stride 2, pad 1, dilation 1, output_padding 1
    # (a decoder's upsampling), then message capacity, values, and stepper commands: next 5,
    # check, seek back, check, reset, next 8, check.
    "conv_transpose_upsample": [CONV_TRANSPOSE] + shape(1, 3, 3, 2) + [2, 1, 1, 1, 1, 1, 0]
    + ints(1, -2, 3, 0, 2, 1, -1, 4, 0, 2, -3, 1, 5, 1, 0, 2, 1, -1)
    + [3, 4, 3, 7, 1, 7, 3, 2, 0, 7, 3],
    # conv transpose whose output_padding is allowed only by the dilation (stride 1, dilation 2)
    "conv_transpose_dilated": [CONV_TRANSPOSE] + shape(2, 2, 3, 1) + [1, 2, 0, 0, 2, 1, 0x22],
    # invalid: output_padding 2 with stride 2 and no dilation
    "conv_transpose_bad_output_padding": [CONV_TRANSPOSE] + shape(1, 3, 3, 1) + [1, 0, 1, 0, 0, 2, 0x13],
    "zero_pad": [ZERO_PAD] + shape(2, 3, 4, 2) + [2],
    # Nine products, then the same call with a NULL first array (it must return 0.0).
    "single_step": [SINGLE_STEP, 9] + ints(1, 2, 3, -1, -2, -3, 0, 4, 5) + ints(1, 1, 1, 2, 2, 2, 3, 3, 3)
    + ints(-4) + [1],
    # f 3, column stride 2, row stride 7, first maximum only: 19 values.
    "mask_strided": [MASK, 2, 2, 1, 1] + ints(4, 0, 4, 0, 1, 0, 4, 0, 2, 0, 3, 0, 4, 0, 1, 0, 0, 0, 2),
    "distribute": [DISTRIBUTE, 3] + ints(-5),
    # Seed 0; one draw of each kind, a fill of 17, the NULL generator (command 4), a draw.
    "rng": [RNG, 0, 0, 0, 0, 0, 1, 2, 3, 17, 4, 5, 5],
}


MASK64 = (1 << 64) - 1


def input_hash(raw):
    """The harness's hash of a whole input (LLVMFuzzerTestOneInput): FNV-style, then
    splitmix64's finalizer."""
    h = 0x9E3779B97F4A7C15
    for b in raw:
        h = ((h ^ b) * 0x100000001B3) & MASK64
    if h == 0:
        h = 1
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & MASK64
    return h ^ (h >> 31)


def always_runs(raw):
    """A case that costs more than the harness's SMALL_COST runs for one input in N (N a power
    of two, at most 2048 below LIMIT_WORK and LIMIT_ELEMS) picked by the hash: add two value
    bytes (small integers, the first values of A_prev) so that the hash is a multiple of 2048
    and the seed runs whatever its cost."""
    for a in range(128):
        for b in range(128):
            cand = raw + bytes([a, b])
            if input_hash(cand) % 2048 == 0:
                return cand
    raise SystemExit("no filler found")


# Seeds whose shapes cost more than SMALL_COST: made to run (always_runs).
BIG = {"conv_forward_dilated", "conv_backward_big"}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    total = 0
    for name, data in SEEDS.items():
        flat = []
        for part in data:
            flat.extend(part if isinstance(part, list) else [part])
        raw = bytes(flat)
        if name in BIG:
            raw = always_runs(raw)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(raw)
        total += len(raw)
    print(f"{len(SEEDS)} seeds, {total} bytes in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
