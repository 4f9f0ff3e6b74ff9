"""PyTorch float64 on one thread, timed: the library baseline of bench/run.mjs.

The same six kernels as the WebAssembly and native columns, on the same sizes, through
PyTorch's own operators (no autograd bookkeeping timed):

  conv forward           torch.nn.functional.conv2d
  conv backward          torch.ops.aten.convolution_backward (dA_prev, dW and db)
  pool forward           max_pool2d / avg_pool2d
  pool backward          aten.max_pool2d_with_indices_backward (indices from an untimed
                         forward) / aten.avg_pool2d_backward

Tensors are float64 in PyTorch's usual NCHW layout (its fastest for these operators), drawn
with torch.randn (the values do not change the time); torch.set_num_threads(1). Each kernel:
calls in batches of at least min_s seconds (after a warm-up), `samples` batches, the median
time per call, as bench/measure.mjs and bench/native.c time theirs.

Usage (run.mjs does this): /usr/bin/python3 torch_f64.py '<json plan>'
The plan is {"sizes": [...as for seed_numpy.py...], "min_s": 0.2, "samples": 5}.
Prints one JSON object: {"torch": version, "results": [{"kernel", "size", "seconds"}...]}.
"""

import json
import sys
import time

import torch
import torch.nn.functional as F


def per_call(fn, min_s, samples):
    fn()
    n = 1
    while True:  # grow n until a batch takes an eighth of min_s, then scale up
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_s:
            break
        if dt >= min_s / 8:
            n = int(n * min_s * 1.05 / dt) + 1
            break
        n *= 4
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t0) / n)
    times.sort()
    return times[len(times) // 2]


def kernels(s):
    dt = torch.float64
    x = torch.randn(s["m"], s["C"], s["H"], s["W"], dtype=dt)
    w = torch.randn(s["nC"], s["C"], s["f"], s["f"], dtype=dt)
    b = torch.randn(s["nC"], dtype=dt)
    st, pd, pf, ps = s["stride"], s["pad"], s["pool_f"], s["pool_stride"]
    z = F.conv2d(x, w, b, stride=st, padding=pd)
    dz = torch.randn_like(z)
    a, idx = F.max_pool2d(x, pf, ps, return_indices=True)
    da = torch.randn_like(a)
    aten = torch.ops.aten
    return {
        "conv_forward": lambda: F.conv2d(x, w, b, stride=st, padding=pd),
        "conv_backward": lambda: aten.convolution_backward(
            dz, x, w, [s["nC"]], [st, st], [pd, pd], [1, 1], False, [0, 0], 1, [True, True, True]
        ),
        "pool_forward_max": lambda: F.max_pool2d(x, pf, ps),
        "pool_forward_average": lambda: F.avg_pool2d(x, pf, ps),
        "pool_backward_max": lambda: aten.max_pool2d_with_indices_backward(
            da, x, [pf, pf], [ps, ps], [0, 0], [1, 1], False, idx
        ),
        "pool_backward_average": lambda: aten.avg_pool2d_backward(
            da, x, [pf, pf], [ps, ps], [0, 0], False, True, None
        ),
    }


def main():
    plan = json.loads(sys.argv[1])
    torch.set_num_threads(1)
    torch.manual_seed(1)
    results = []
    with torch.no_grad():
        for s in plan["sizes"]:
            for name, fn in kernels(s).items():
                sec = per_call(fn, plan["min_s"], plan["samples"])
                results.append({"kernel": name, "size": s["name"], "seconds": sec})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
