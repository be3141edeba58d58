"""Shared helpers for the Python peer scripts in bench/peers/.

The protocol (see bench/README.md, "Peers"): a peer script declares ``AKR_PEER_PROTOCOL = 1`` at
module level, accepts ``--threads T`` and ``--min-time SECONDS`` and prints one JSON object per line
and per measurement::

    {"benchmark": "GemvBench.gemvN", "params": {"n": "1000000", "d": "64", "threads": "2"},
     "median_s": 0.0123, "peer": "numpy", "note": "A @ x"}

``benchmark`` is the JMH class's simple name and method the peer stands beside; ``params`` are the
JMH parameters the peer's measurement corresponds to (a subset of the JMH row's parameters, as
strings; ``tier`` is never one of them). ``bench/run`` runs each script once per thread count with
``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS`` set to it, so a script reports ``threads`` only where
the JMH class has that parameter, and skips thread counts that mean nothing for a measurement.
Other output lines are kept in the run log and otherwise ignored.

Sizes: a script measures the shapes of the JMH class it stands beside. ``jmh_params(cls, **defaults)``
returns the class's @Param values (the script's ``defaults``, which mirror the annotations), replaced,
when ``bench/run`` runs the script in the smoke or quick profile (it sets ``AKR_BENCH_PROFILE``), by
the class's lines in ``bench/smoke.params`` or ``bench/quick.params``, so that peers and JMH rows keep
the same parameters in every profile.

Time: ``median_seconds`` takes a few samples per measurement; calls of half a second or more (or of
``--min-time``, if longer: LAPACK on 10⁶-row matrices, the materialised 8192² kernels) get three,
the first included, since the whole run must stay short.
"""
import argparse
import json
import os
import platform
import sys
import time

PROTOCOL = 1
# calls at least this long (or min_time, if longer) get three samples, the first call included
SLOW_CALL_SECONDS = 0.5
SMOKE_PARAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "smoke.params")


def parse_args(description):
    """The common command line: --threads (what OPENBLAS_NUM_THREADS was set to) and --min-time."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--threads", type=int, default=int(os.environ.get("OPENBLAS_NUM_THREADS", "1")),
                   help="thread count the BLAS was limited to (bench/run sets the environment)")
    p.add_argument("--min-time", type=float, default=0.5,
                   help="seconds of timed calls per measurement (split over 5 samples)")
    return p.parse_args()


def smoke():
    """Whether bench/run runs the peers for a smoke run (small shapes, tiny timings)."""
    return os.environ.get("AKR_BENCH_PROFILE") == "smoke"


def smoke_overrides(cls, path=SMOKE_PARAMS):
    """The ``-p name=v1,v2`` options of ``cls``'s lines in a params file (bench/smoke.params,
    bench/quick.params) as {name: [values]}. A line's first word is the class's simple name or
    ``Class.methodPrefix``; the values of all the class's lines are merged (in order, no repeats)."""
    out = {}
    try:
        with open(path) as f:
            lines = f.readlines()
    except OSError:
        return out
    for line in lines:
        words = line.split()
        if not words or words[0].startswith("#") or words[0].split(".")[0] != cls:
            continue
        for opt, value in zip(words[1:], words[2:]):
            if opt == "-p" and "=" in value:
                name, _, values = value.partition("=")
                merged = out.setdefault(name, [])
                merged.extend(v for v in values.split(",") if v not in merged)
    return out


def skipped(benchmark):
    """Whether the profile's params file (bench/quick.params) says "skip" for ``benchmark``
    ("Class.method"): the JMH row does not run, so a peer beside it would only cost time."""
    if profile() not in ("smoke", "quick"):
        return False
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, profile() + ".params")
    try:
        with open(path) as f:
            lines = f.readlines()
    except OSError:
        return False
    for line in lines:
        words = line.split("#", 1)[0].split()
        if len(words) == 2 and words[1] == "skip":
            word = words[0]
            if benchmark.startswith(word if "." in word else word + "."):
                return True
    return False


def profile():
    """The bench/run profile the script runs in (smoke, quick, full), or "" when run alone."""
    return os.environ.get("AKR_BENCH_PROFILE", "")


def jmh_params(cls, **defaults):
    """The parameter values of JMH class ``cls`` the peer should measure, as {name: [strings]}:
    ``defaults`` (the class's @Param values, a list or a single value each), with the
    bench/smoke.params (smoke run) or bench/quick.params (quick run) overrides of ``cls`` applied."""
    params = {k: [str(x) for x in (v if isinstance(v, (list, tuple)) else [v])] for k, v in defaults.items()}
    if profile() in ("smoke", "quick"):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, profile() + ".params")
        params.update({k: v for k, v in smoke_overrides(cls, path).items() if k in params})
    return params


def median_seconds(fn, min_time, samples=5):
    """Median over ``samples`` samples of the per-call time of ``fn``; each sample repeats the call
    enough times to last about ``min_time / samples`` seconds (at least once), after one warm-up
    call, so that microsecond operations are not dominated by the clock's resolution.

    Slow calls (the warm-up took at least ``max(SLOW_CALL_SECONDS, min_time)``: LAPACK calls on
    10⁶-row matrices) get at most 3 samples, the timed warm-up counting as the first: for them a
    first call's start-up costs are negligible and each repetition costs seconds of the run."""
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    if first >= max(SLOW_CALL_SECONDS, min_time):
        per_call = [first] + [_timed(fn) for _ in range(min(samples, 3) - 1)]
    else:
        one = max(first, 1e-9) if first >= min_time / samples else max(_timed(fn), 1e-9)
        reps = max(1, int(min_time / samples / one))
        per_call = []
        for _ in range(samples):
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            per_call.append((time.perf_counter() - t0) / reps)
    per_call.sort()
    mid = len(per_call) // 2
    return per_call[mid] if len(per_call) % 2 else 0.5 * (per_call[mid - 1] + per_call[mid])


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def emit(benchmark, params, median_s, peer, note=""):
    """Prints one result line of the protocol."""
    line = {"benchmark": benchmark, "params": {k: str(v) for k, v in params.items()},
            "median_s": float(median_s), "peer": peer}
    if note:
        line["note"] = note
    print(json.dumps(line), flush=True)


def emit_meta(**libraries):
    """Prints one line describing the peer libraries (versions, BLAS), merged into the report header."""
    meta = {"python": platform.python_version(), "executable": sys.executable}
    meta.update({k: str(v) for k, v in libraries.items()})
    print(json.dumps({"peer_meta": meta}), flush=True)


def numpy_blas():
    """The BLAS/LAPACK shared libraries numpy actually loaded (Debian selects them through
    update-alternatives, so numpy's own build configuration only says "blas")."""
    import numpy as np
    a = np.ones((8, 8))
    a @ a
    libs = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "blas" in path or "lapack" in path:
                    libs.add(os.path.realpath(path))
    except OSError:
        return "unknown"
    return ", ".join(sorted(libs)) or "unknown"
