"""Reading a results file and turning its JMH rows into report rows: medians in seconds, rates,
fractions of the measured ceiling, and peers joined by the catalog's convention.

A results file (``bench/results/<date>-<host>[-variant].json``, written by ``report.py collect``)::

    {"format": "akr-bench-results/1",
     "meta":  {machine, JDK, species, threads, commit, profile, variant, ...},
     "jmh":   [... JMH's own JSON result array, unchanged ...],
     "peers": [{"benchmark", "params", "median_s", "peer", "note"?}, ...],
     "peer_scripts": [{"script", "threads", "status", "results"}, ...],
     "traces": [{"trace", "label", "residuals": [...]}, ...]}
"""
import json
import math

import catalog

FORMAT = "akr-bench-results/1"

_TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}


def load(path):
    with open(path) as f:
        results = json.load(f)
    if results.get("format") != FORMAT:
        raise ValueError(f"{path}: not an akr benchmark results file (format {results.get('format')!r})")
    results.setdefault("peers", [])
    results.setdefault("peer_scripts", [])
    results.setdefault("traces", [])
    results.setdefault("meta", {})
    return results


def _number(x):
    """JMH writes NaN as the string "NaN"; everything else is a JSON number."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def seconds_per_op(value, unit):
    """Converts a JMH score in ``unit`` (``ms/op`` for time modes, ``ops/ms`` for throughput) to
    seconds per operation."""
    if "/" not in unit:
        raise ValueError(f"unknown JMH score unit {unit!r}")
    num, den = unit.split("/", 1)
    if den == "op" and num in _TIME_UNITS:
        return value * _TIME_UNITS[num]
    if num == "ops" and den in _TIME_UNITS:
        return _TIME_UNITS[den] / value if value else math.inf
    raise ValueError(f"unknown JMH score unit {unit!r}")


class Row:
    """One JMH result: a benchmark method at one parameter combination."""

    def __init__(self, record):
        full = record["benchmark"]
        parts = full.split(".")
        self.full_name = full
        self.cls = parts[-2]
        self.method = parts[-1]
        self.key = f"{self.cls}.{self.method}"
        # akr.bench.<family>.<Class>.<method>; anything else is its own family
        if len(parts) >= 5 and parts[:2] == ["akr", "bench"]:
            self.family = parts[2]
        else:
            self.family = parts[-3] if len(parts) >= 3 else self.cls
        self.params = {k: str(v) for k, v in (record.get("params") or {}).items()}
        self.mode = record.get("mode", "avgt")
        m = record["primaryMetric"]
        self.unit = m["scoreUnit"]
        pct = m.get("scorePercentiles") or {}
        score = _number(m["score"])
        median = _number(pct.get("50.0", score))
        error = _number(m.get("scoreError"))
        self.score_median = median
        self.score_error = error
        self.seconds = seconds_per_op(median, self.unit)
        if self.mode == "thrpt":
            # error of a rate: propagate to time to first order around the median
            self.error_seconds = self.seconds * (error / median) if median else math.nan
        else:
            self.error_seconds = seconds_per_op(error, self.unit) if not math.isnan(error) else math.nan
        raw = m.get("rawData") or []
        self.samples = sum(len(fork) for fork in raw)
        self.forks = len(raw)

    def threads(self):
        return int(self.params.get("threads", "1"))

    def params_text(self):
        return " ".join(f"{k}={v}" for k, v in self.params.items())

    def __repr__(self):
        return f"Row({self.key} {self.params_text()} {self.seconds:.3g}s)"


def rows(results):
    return [Row(r) for r in results["jmh"]]


def _same(a, b):
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def peer_matches(row, line):
    """Whether an external peer line stands beside a JMH row: same benchmark key (after
    ``catalog.ALIASES``), and every parameter of the peer present in the row with an equal value."""
    key = catalog.ALIASES.get(line["benchmark"], line["benchmark"])
    if key != row.key:
        return False
    for k, v in (line.get("params") or {}).items():
        if k not in row.params or not _same(row.params[k], v):
            return False
    return True


def work_and_rate(row):
    """(kind, amount per operation, rate per second) from the catalog, or None."""
    work = catalog.entry(row.key).get("work")
    if not work:
        return None
    kind, fn = work
    try:
        amount = float(fn(row.params))
    except (KeyError, ValueError):
        return None
    return kind, amount, amount / row.seconds


def ceiling_rate(all_rows, kind, threads):
    """The measured ceiling rate for ``kind`` ("fma", "read", "triad") at ``threads``: the median rate
    of the matching CeilingBench row, or None when the run did not include it."""
    key = catalog.CEILINGS[kind]
    best = None
    for r in all_rows:
        if r.key == key and r.threads() == threads:
            wr = work_and_rate(r)
            if wr:
                best = wr[2] if best is None else max(best, wr[2])
    return best


def _jvm_peer(all_rows, row, method):
    """The row of another method of the same class with the same parameters (tier ignored when the
    peer was not run at the row's tier); failing that, one whose parameters are a subset of the row's
    with equal values (a peer in its own JMH @State without ``tier`` or ``threads``, e.g. EJML's
    single-threaded GEMM beside every thread count of ours). When the class has no such method in
    the run and the method is one of ``catalog.SHARED_BASELINES``, the same method of another class
    is taken by the same rules: ``readPass`` (one read pass over the same n×d array, the same code in
    every class) is measured by the quick profile once per shape, in ``TallSkinnyBench``."""
    same = [r for r in all_rows if r.cls == row.cls and r.method == method]
    found = _matching(same, row)
    if found is None and not same and method in catalog.SHARED_BASELINES:
        found = _matching([r for r in all_rows if r.cls != row.cls and r.method == method], row)
    return found


def _matching(candidates, row):
    for r in candidates:
        if r.params == row.params:
            return r
    no_tier = {k: v for k, v in row.params.items() if k != "tier"}
    for r in candidates:
        if {k: v for k, v in r.params.items() if k != "tier"} == no_tier:
            return r
    for r in candidates:
        if all(k in row.params and _same(row.params[k], v) for k, v in r.params.items()):
            return r
    return None


def analyse(results):
    """One dict per JMH row: the row, its rate and ceiling fraction, and its peers (found or
    missing) with ratio = peer time / our time (> 1: ours is faster)."""
    all_rows = rows(results)
    out = []
    used_peer_lines = set()
    for row in all_rows:
        e = catalog.entry(row.key)
        a = {"row": row, "rate": None, "kind": None, "ceiling": None, "ceiling_fraction": None, "peers": []}
        wr = work_and_rate(row)
        if wr:
            a["kind"], _, a["rate"] = wr
            ck = e.get("ceiling")
            if ck:
                c = ceiling_rate(all_rows, ck, row.threads())
                a["ceiling"] = ck
                if c:
                    a["ceiling_fraction"] = a["rate"] / c
        expected = list(e.get("peers", []))
        found_external = set()
        for i, line in enumerate(results["peers"]):
            if peer_matches(row, line):
                used_peer_lines.add(i)
                found_external.add(line["peer"])
                s = float(line["median_s"])
                a["peers"].append({"peer": line["peer"], "status": "ok", "seconds": s,
                                   "ratio": s / row.seconds, "note": line.get("note", "")})
        for name in expected:
            if name.endswith("()"):
                method = name[:-2]
                if method == row.method:
                    continue
                r = _jvm_peer(all_rows, row, method)
                if r is None:
                    a["peers"].append({"peer": name, "status": "missing"})
                else:
                    where = "" if r.cls == row.cls else f" ({r.key})"
                    a["peers"].append({"peer": name, "status": "ok", "seconds": r.seconds,
                                       "ratio": r.seconds / row.seconds, "note": "same JMH run" + where})
            elif name not in found_external:
                a["peers"].append({"peer": name, "status": "missing"})
        out.append(a)
    unmatched = [line for i, line in enumerate(results["peers"]) if i not in used_peer_lines]
    return out, unmatched
