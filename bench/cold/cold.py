#!/usr/bin/python3
"""First-call speed: whole processes, timed from outside, as users meet akr.

For each problem it writes A and b as .npy files, then runs, interleaved and repeated:
  - `./akr solve PROBLEM --json` with the default tier (`--tier auto`), with `-Dakr.kernels=scalar`
    and with `--tier simd`,
  - `akr.bench.cold.OneCall` (a program making one library call) with both tiers,
  - numpy's script doing the same job (load the .npy files, solve) on the same threads.
Each run prints one JSON line {"cold": {...}} with its wall time (process start to exit) and the
phases the process reported; bench/report/report.py collects them into the report's
"First call" section.

    cold.py --root REPO --profile smoke|quick|full [--java JAVA] [--reps N] [--threads T]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

# (problem, n, d, j): the table (10^6x64 lstsq-power, 10^5x32 gram-power) and n = 10^4
PROBLEMS = {
    "smoke": [("lstsq-power", 2000, 16, 0), ("gram-power", 2000, 8, 1)],
    "quick": [("lstsq-power", 1_000_000, 64, 0), ("gram-power", 100_000, 32, 1), ("lstsq-power", 10_000, 64, 0),
              ("gram-power", 10_000, 32, 2)],
    "full": [("lstsq-power", 1_000_000, 64, 0), ("gram-power", 100_000, 32, 1), ("lstsq-power", 10_000, 64, 0),
             ("gram-power", 10_000, 32, 2), ("lstsq-power", 100_000, 64, 1), ("gram-power", 1_000_000, 64, 3)],
}
REPS = {"smoke": 1, "quick": 5, "full": 9}

NUMPY_SCRIPT = r"""
import sys, time, json
t0 = time.perf_counter()
import numpy as np
problem, a_path, b_path, j = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
A = np.load(a_path); b = np.load(b_path)
t1 = time.perf_counter()
if problem == "lstsq-power":
    y = np.linalg.lstsq(A, b, rcond=None)[0]           # min |A y - b|, then (A^T A)^j x = y
    x = y if j == 0 else np.linalg.solve(np.linalg.matrix_power(A.T @ A, j), y)
else:
    x = np.linalg.solve(np.linalg.matrix_power(A.T @ A, j), b)
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "solve_s": t2 - t1}))
"""


def runners(root, java, threads):
    kernels = os.path.join(root, "kernels/target/akr-kernels.jar")
    solvers = os.path.join(root, "solvers/target/akr-solvers.jar")
    classes = os.path.join(root, "bench/target/classes")
    one_call = [java, "--add-modules", "jdk.incubator.vector", f"-Dakr.threads={threads}",
                "-cp", f"{kernels}:{solvers}:{classes}", "akr.bench.cold.OneCall"]
    akr = [os.path.join(root, "akr"), "solve"]
    env = dict(os.environ)
    env.pop("JAVA_OPTS", None)
    if java != "java":
        env["JAVA_HOME"] = os.path.dirname(os.path.dirname(java))
    scalar_env = dict(env, JAVA_OPTS="-Dakr.kernels=scalar")
    py_env = dict(env, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))

    def akr_cmd(p, a, b, j):
        return akr + [p, "--a", a, "--b", b, "--power", str(j), "--threads", str(threads), "--json", "--quiet"]

    return [
        ("akr solve (default tier)", lambda p, a, b, j: akr_cmd(p, a, b, j), env),
        ("akr solve (scalar tier)", lambda p, a, b, j: akr_cmd(p, a, b, j), scalar_env),
        ("akr solve (simd tier)", lambda p, a, b, j: akr_cmd(p, a, b, j) + ["--tier", "simd"], env),
        ("one call (default tier)", lambda p, a, b, j: one_call + [p, a, b, str(j)], env),
        ("one call (scalar tier)", lambda p, a, b, j: one_call[:1] + ["-Dakr.kernels=scalar"] + one_call[1:]
         + [p, a, b, str(j)], env),
        ("numpy script", lambda p, a, b, j: [sys.executable, "-c", NUMPY_SCRIPT, p, a, b, str(j)], py_env),
    ]


def write_problem(tmp, problem, n, d, j):
    rng = np.random.default_rng(20261205)
    a = rng.standard_normal((n, d))
    b = rng.standard_normal(n if problem == "lstsq-power" else d)
    a_path = os.path.join(tmp, f"a-{n}x{d}.npy")
    b_path = os.path.join(tmp, f"b-{problem}-{n}x{d}.npy")
    if not os.path.exists(a_path):
        np.save(a_path, a)
    np.save(b_path, b)
    return a_path, b_path


def phases(stdout):
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return {}
    return {}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", required=True)
    p.add_argument("--profile", default="quick", choices=sorted(PROBLEMS))
    p.add_argument("--java", default="java")
    p.add_argument("--reps", type=int)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--only", help="substring of the problem label to run")
    args = p.parse_args()
    reps = args.reps or REPS[args.profile]
    run = runners(os.path.abspath(args.root), args.java, args.threads)
    with tempfile.TemporaryDirectory(prefix="akr-cold-") as tmp:
        for problem, n, d, j in PROBLEMS[args.profile]:
            label = f"{problem} {n}x{d} j={j}"
            if args.only and args.only not in label:
                continue
            a_path, b_path = write_problem(tmp, problem, n, d, j)
            for rep in range(reps):
                order = run[rep % len(run):] + run[:rep % len(run)]  # rotate who runs first
                for name, cmd, env in order:
                    t0 = time.perf_counter()
                    proc = subprocess.run(cmd(problem, a_path, b_path, j), env=env, capture_output=True, text=True)
                    wall = time.perf_counter() - t0
                    rec = {"problem": label, "runner": name, "rep": rep, "threads": args.threads,
                           "wall_s": round(wall, 4), "exit": proc.returncode, "phases": phases(proc.stdout)}
                    if proc.returncode not in (0, 1):
                        rec["error"] = (proc.stderr.strip().splitlines() or ["?"])[-1][:300]
                    print(json.dumps({"cold": rec}), flush=True)


if __name__ == "__main__":
    main()
