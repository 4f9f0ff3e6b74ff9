"""The seed's numpy loops, timed: the Python baseline of bench/run.mjs.

The four layer functions below are the assignment's conv_forward, pool_forward, conv_backward
and pool_backward as the seed (the blog post the project grew from) writes them: same loops
i, c, h, w, same slices, same helpers. Only what the benchmark needs was changed:

  * zero_pad and conv_single_step are not in the seed's text; they are the assignment's
    one-liners (np.pad with zeros; np.sum(a_slice_prev * W) + b).
  * conv_forward is the seed's first version (its "tidier" second version unpacks shapes in the
    wrong order and would not run), with the vert_start/hori_start names of the second.
  * pool_forward still unpacks `s, f = [v for k, v in hparameters.items()]`, so hparameters is
    written {"stride": .., "f": ..} in that order.
  * conv_backward still crops with dA_prev_padded[:, p:-p, p:-p, :]; every size here has pad 1.

Usage (run.mjs does this): python3 seed_numpy.py '<json plan>'
The plan is {"sizes": [{"name", "m", "H", "W", "C", "f", "nC", "stride", "pad", "pool_f",
"pool_stride"}...], "limit_s": 10, "min_s": 0.2, "max_runs": 3}. The first size should be the
smallest: its time per window predicts the others, and a size predicted to take longer than
limit_s seconds is skipped. Prints one JSON object: {"numpy": version, "results": [...]}.
"""

import json
import sys
import time

import numpy as np


# ---- the assignment's helpers -------------------------------------------------------------------

def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=(0, 0))


def conv_single_step(a_slice_prev, W, b):
    s = a_slice_prev * W
    Z = np.sum(s)
    Z = Z + float(b.reshape(-1)[0])
    return Z


# ---- the seed's four layers ---------------------------------------------------------------------

def conv_forward(A_prev, W, b, hparameters):
    n_H_prev = int(A_prev.shape[1])
    n_W_prev = int(A_prev.shape[2])
    n_C_prev = int(A_prev.shape[3])
    m = int(A_prev.shape[0])
    n_C = int(W.shape[-1])
    f = int(W.shape[0])
    p = hparameters['pad']
    s = hparameters['stride']
    A_pad = zero_pad(A_prev, p)
    n_H = int(np.floor((n_H_prev + 2 * p - f) / s + 1))
    n_W = int(np.floor((n_W_prev + 2 * p - f) / s + 1))
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                vert_start = h * s
                vert_end = h * s + f
                for w in range(n_W):
                    hori_start = w * s
                    hori_end = w * s + f
                    Z[i, h, w, c] = conv_single_step(
                        A_pad[i, vert_start:vert_end, hori_start:hori_end, :].reshape((f, f, -1)),
                        W[:, :, :, c].reshape(f, f, n_C_prev), b[:, :, :, c].reshape(1, 1, 1))
    cache = (A_prev, W, b, hparameters)
    return Z, cache


def pool_forward(A_prev, hparameters, mode="max"):
    def cus_pool(mode):
        if mode == "max":
            return np.amax
        else:
            return np.ma.average
    pooling = cus_pool(mode)
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    s, f = [v for k, v in hparameters.items()]
    n_H = int(np.floor((n_H_prev - f) / s + 1))
    n_W = int(np.floor((n_W_prev - f) / s + 1))
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                vert_start = h * s
                vert_end = h * s + f
                for w in range(n_W):
                    hori_start = w * s
                    hori_end = w * s + f
                    A[i, h, w, c] = pooling(A_prev[i, vert_start:vert_end, hori_start:hori_end, c])
    cache = (A_prev, hparameters)
    return A, cache


def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    _, n_H, n_W, n_C = dZ.shape
    s, p = hparameters['stride'], hparameters['pad']
    f, _, _, _ = W.shape
    dA_prev_padded = np.zeros((m, n_H_prev + 2 * p, n_W_prev + 2 * p, n_C_prev))
    dW = np.zeros((f, f, n_C_prev, n_C))
    db = np.zeros((1, 1, 1, n_C))
    A_prev_padded = zero_pad(A_prev, p)
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                vert_start = h * s
                vert_end = h * s + f
                for w in range(n_W):
                    hori_start = w * s
                    hori_end = w * s + f
                    dA_prev_padded[i, vert_start:vert_end, hori_start:hori_end, :] += dZ[i, h, w, c] * W[:, :, :, c]
                    dW[:, :, :, c] += dZ[i, h, w, c] * A_prev_padded[i, vert_start:vert_end, hori_start:hori_end, :]
                    db[:, :, :, c] += dZ[i, h, w, c]
    dA_prev = dA_prev_padded[:, p:-p, p:-p, :]
    assert dA_prev.shape == (m, n_H_prev, n_W_prev, n_C_prev)
    return dA_prev, dW, db


def create_mask_from_window(x):
    mask = (x == np.max(x))
    return mask


def distribute_value(dz, shape):
    n_H, n_W = shape
    a = np.ones((n_H, n_W))
    a[:, :] = dz / (n_H * n_W)
    return a


def pool_backward(dA, cache, mode="max"):
    m, n_H, n_W, n_C = dA.shape
    A_prev, hparameters = cache
    s, f = hparameters['stride'], hparameters['f']
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                vert_start = h * s
                vert_end = h * s + f
                for w in range(n_W):
                    hori_start = w * s
                    hori_end = w * s + f
                    A_slice = A_prev[i, vert_start:vert_end, hori_start:hori_end, c]
                    if mode == "max":
                        masking = create_mask_from_window(A_slice)
                        dA_prev[i, vert_start:vert_end, hori_start:hori_end, c] += dA[i, h, w, c] * masking
                    elif mode == "average":
                        masking = distribute_value(dA[i, h, w, c], (f, f))
                        dA_prev[i, vert_start:vert_end, hori_start:hori_end, c] += masking
    return dA_prev


# ---- timing -------------------------------------------------------------------------------------

KERNELS = ["conv_forward", "conv_backward", "pool_forward_max", "pool_forward_average",
           "pool_backward_max", "pool_backward_average"]


def inputs(size):
    """The same arrays as the C and WebAssembly runs: np.random.seed(1), then randn in turn."""
    m, H, W_, C, f, nC = size["m"], size["H"], size["W"], size["C"], size["f"], size["nC"]
    s, p = size["stride"], size["pad"]
    n_H = (H + 2 * p - f) // s + 1
    n_W = (W_ + 2 * p - f) // s + 1
    pf, ps = size["pool_f"], size["pool_stride"]
    np.random.seed(1)
    A_prev = np.random.randn(m, H, W_, C)
    Wt = np.random.randn(f, f, C, nC)
    b = np.random.randn(1, 1, 1, nC)
    dZ = np.random.randn(m, n_H, n_W, nC)
    dA = np.random.randn(m, (H - pf) // ps + 1, (W_ - pf) // ps + 1, C)
    return {
        "conv": (A_prev, Wt, b, {"pad": p, "stride": s}),
        "dZ": dZ,
        "pool": (A_prev, {"stride": ps, "f": pf}),
        "dA": dA,
        "windows_conv": m * n_H * n_W * nC,
        "windows_pool": dA.size,
    }


def runner(kernel, data):
    A_prev, Wt, b, hp = data["conv"]
    pool_cache = data["pool"]
    if kernel == "conv_forward":
        return lambda: conv_forward(A_prev, Wt, b, hp)
    if kernel == "conv_backward":
        return lambda: conv_backward(data["dZ"], (A_prev, Wt, b, hp))
    mode = "max" if kernel.endswith("_max") else "average"
    if kernel.startswith("pool_forward"):
        return lambda: pool_forward(pool_cache[0], pool_cache[1], mode)
    return lambda: pool_backward(data["dA"], pool_cache, mode)


def time_runs(fn, min_s, max_runs):
    """Runs fn until min_s seconds have passed or max_runs runs are done; median seconds/run."""
    times = []
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if len(times) >= max_runs or time.perf_counter() - start >= min_s:
            break
    times.sort()
    return times[len(times) // 2], len(times)


def main():
    plan = json.loads(sys.argv[1])
    limit_s, min_s, max_runs = plan["limit_s"], plan["min_s"], plan["max_runs"]
    per_window = {}  # kernel -> seconds per window, from the first size measured
    results = []
    for size in plan["sizes"]:
        data = inputs(size)
        for kernel in KERNELS:
            windows = data["windows_conv"] if kernel.startswith("conv") else data["windows_pool"]
            row = {"kernel": kernel, "size": size["name"], "windows": windows}
            if kernel in per_window:
                predicted = per_window[kernel] * windows
                row["predicted_s"] = predicted
                if predicted > limit_s:
                    row["skipped"] = "too slow"
                    results.append(row)
                    continue
            seconds, runs = time_runs(runner(kernel, data), min_s, max_runs)
            per_window.setdefault(kernel, seconds / windows)
            row.update(seconds=seconds, runs=runs)
            results.append(row)
    print(json.dumps({"numpy": np.__version__, "python": sys.version.split()[0], "results": results}))


if __name__ == "__main__":
    main()
