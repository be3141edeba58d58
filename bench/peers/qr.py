#!/usr/bin/python3
"""numpy/scipy (OpenBLAS/LAPACK) peer of akr.bench.qr.QrBench, on the JMH class's shapes (protocol:
bench/peers/peerlib.py). Per shape m×n, the median time of

  QrBench.rFactor       np.linalg.qr(a, mode='r')          (dgeqrf)
  QrBench.thinQ         np.linalg.qr(a, mode='reduced')    (dgeqrf + dorgqr)
  QrBench.leastSquares  np.linalg.lstsq (gelsd) and scipy.linalg.lstsq with gelsy (not in the
                        quick profile), tall shapes (n ≤ 64) only

QrBench runs on 2 threads only, so the script reports at --threads 2 (OPENBLAS_NUM_THREADS=2) and
prints nothing for other thread counts.
Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/qr.py --threads 2
"""
import numpy as np
import scipy.linalg

import peerlib

AKR_PEER_PROTOCOL = 1
SHAPES = ["1000000x64", "100000x64", "2048x2048"]  # QrBench's @Param shape
THREADS = 2  # QrBench's @Param threads


def main():
    args = peerlib.parse_args(__doc__)
    if args.threads != THREADS:
        return
    peerlib.emit_meta(numpy=np.__version__, scipy=scipy.__version__, blas=peerlib.numpy_blas())
    rng = np.random.default_rng(11)
    for shape in peerlib.jmh_params("QrBench", shape=SHAPES)["shape"]:
        m, n = (int(v) for v in shape.split("x"))
        a = rng.random((m, n)) - 0.5
        b = rng.random(m) - 0.5
        cases = [
            ("QrBench.rFactor", "numpy", "qr(mode='r')", lambda: np.linalg.qr(a, mode="r")),
            ("QrBench.thinQ", "numpy", "qr(mode='reduced')", lambda: np.linalg.qr(a, mode="reduced")),
        ]
        if n <= 64:
            cases.append(("QrBench.leastSquares", "numpy", "lstsq (gelsd)",
                          lambda: np.linalg.lstsq(a, b, rcond=None)))
            if peerlib.profile() != "quick":  # a second LAPACK route beside numpy's
                cases.append(("QrBench.leastSquares", "scipy gelsy", "scipy.linalg.lstsq(lapack_driver='gelsy')",
                              lambda: scipy.linalg.lstsq(a, b, lapack_driver="gelsy")))
        params = {"shape": shape, "threads": args.threads}
        for benchmark, peer, note, f in cases:
            peerlib.emit(benchmark, params, peerlib.median_seconds(f, args.min_time), peer, note)
        del a, b


if __name__ == "__main__":
    main()
