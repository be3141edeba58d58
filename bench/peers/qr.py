#!/usr/bin/python3
"""numpy/scipy (OpenBLAS) peer of QrBench: median wall time of the R factor (qr mode='r'), the
thin Q (mode='reduced') and least squares for the same shapes. Run under
`flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/qr.py [reps]`."""
import sys
import time

import numpy as np
import scipy.linalg

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
SHAPES = [(1_000_000, 64), (100_000, 64), (2048, 2048)]


def median_ms(f, reps):
    f()  # warm-up
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t0) * 1e3)
    ts.sort()
    return ts[len(ts) // 2], ts[0], ts[-1]


def main():
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, reps {REPS}")
    rng = np.random.default_rng(11)
    for m, n in SHAPES:
        a = rng.random((m, n)) - 0.5
        b = rng.random(m) - 0.5
        cases = [
            ("qr mode=r", lambda: np.linalg.qr(a, mode="r")),
            ("qr mode=reduced", lambda: np.linalg.qr(a, mode="reduced")),
        ]
        if n <= 64:
            cases.append(("lstsq (gelsd)", lambda: np.linalg.lstsq(a, b, rcond=None)))
            cases.append(("scipy lstsq gelsy", lambda: scipy.linalg.lstsq(a, b, lapack_driver="gelsy")))
        for name, f in cases:
            med, lo, hi = median_ms(f, REPS)
            print(f"{m}x{n} {name:20s} median {med:9.1f} ms  (min {lo:.1f}, max {hi:.1f})", flush=True)


if __name__ == "__main__":
    main()
