#!/usr/bin/python3
"""numpy peers for the sketching benchmarks: FWHT of 2^20 and 2^24 doubles (in place, radix-2
stages as reshaped vector add/sub, the usual numpy formulation) and CountSketch of 10^6 x 64 to
m = 256 (np.add.at scatter, and the faster sort-free bincount-per-column form). Prints medians.

Run: flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/sketch.py
"""
import time
import numpy as np


def fwht(x):
    n = x.shape[0]
    h = 1
    while h < n:
        v = x.reshape(-1, 2, h)
        a = v[:, 0, :].copy()
        v[:, 0, :] += v[:, 1, :]
        v[:, 1, :] = a - v[:, 1, :]
        h *= 2
    return x


def median_ms(f, reps):
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(ts))


def main():
    rng = np.random.default_rng(7)
    # correctness of the peer itself on a small case
    x = rng.standard_normal(8)
    h = np.array([[(-1) ** bin(i & j).count("1") for j in range(8)] for i in range(8)], dtype=float)
    assert np.allclose(fwht(x.copy()), h @ x)
    for log_n in (20, 24):
        x = rng.standard_normal(1 << log_n)
        print(f"numpy fwht 2^{log_n}: median {median_ms(lambda: fwht(x), 5):.1f} ms")
    n, d, m = 1_000_000, 64, 256
    a = rng.standard_normal((n, d))
    buckets = rng.integers(0, m, n)
    signs = rng.choice([-1.0, 1.0], n)

    def count_sketch_add_at():
        out = np.zeros((m, d))
        np.add.at(out, buckets, a * signs[:, None])
        return out

    def count_sketch_bincount():
        sa = a * signs[:, None]
        return np.stack([np.bincount(buckets, weights=sa[:, j], minlength=m) for j in range(d)], axis=1)

    assert np.allclose(count_sketch_add_at(), count_sketch_bincount())
    print(f"numpy countsketch 1e6x64->256 (add.at): median {median_ms(count_sketch_add_at, 5):.1f} ms")
    print(f"numpy countsketch 1e6x64->256 (bincount): median {median_ms(count_sketch_bincount, 5):.1f} ms")
    print(f"numpy read pass a.sum(): median {median_ms(lambda: a.sum(), 5):.1f} ms")


if __name__ == "__main__":
    main()
