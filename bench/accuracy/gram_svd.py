#!/usr/bin/python3
"""numpy's routes for gram-power, min |(A^T A)^j x - b|, on the problems akr.bench.solvers.GramAccuracy
wrote with --write DIR (A, b and the exact x per case): the SVD route x = V diag(s^-2j) V^T b
(numpy.linalg.svd of A, LAPACK gesdd) and the normal equations (A.T @ A, scipy cho_factor and
cho_solve per power). One JSON line {"gram_accuracy": {...}} per solve, like the Java side's.

    gram_svd.py DIR
"""
import glob
import json
import os
import re
import sys

import numpy as np
import scipy.linalg as sla


def main():
    directory = sys.argv[1]
    for a_path in sorted(glob.glob(os.path.join(directory, "A-*.npy"))):
        tag = os.path.basename(a_path)[2:-4]
        shape, kappa = re.match(r"(\d+x\d+)-k(.+)$", tag).groups()
        a = np.load(a_path)
        _, s, vt = np.linalg.svd(a, full_matrices=False)
        chol = sla.cho_factor(a.T @ a)
        for b_path in sorted(glob.glob(os.path.join(directory, f"b-{tag}-j*.npy"))):
            j = int(b_path[:-4].rsplit("-j", 1)[1])
            b = np.load(b_path)
            x_star = np.load(os.path.join(directory, f"x-{tag}-j{j}.npy"))
            x_svd = vt.T @ ((vt @ b) / s ** (2 * j))
            x_ne = b
            for _ in range(j):
                x_ne = sla.cho_solve(chol, x_ne)
            for route, x in (("numpy svd", x_svd), ("numpy normal equations", x_ne)):
                fe = float(np.linalg.norm(x - x_star) / np.linalg.norm(x_star))
                print(json.dumps({"gram_accuracy": {"shape": shape, "kappa": float(kappa), "j": j, "route": route,
                                                    "forward_error": fe}}))


if __name__ == "__main__":
    main()
