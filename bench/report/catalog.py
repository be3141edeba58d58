"""The one table that gives JMH rows their meaning in the report.

Everything else in the report is discovered from the JMH JSON (classes, methods, parameters). A
benchmark listed here additionally gets

* ``work``: ``("flop", f)`` or ``("byte", f)`` with ``f(params) -> float`` the floating-point
  operations or bytes moved by one operation; the report then shows a rate (GFLOP/s or GB/s) and
  plots throughput against size;
* ``ceiling``: which measured limit of ``CeilingBench`` the rate is a fraction of: ``"fma"``
  (fmaPeak), ``"read"`` (readPass) or ``"triad"``, taken at the row's ``threads`` parameter (1 if
  the class has none);
* ``peers``: the peers that should stand beside it. A name ending in ``()`` is a JVM peer or
  baseline in the same JMH class (another method with the same parameters, e.g. EJML or the read
  pass); any other name is an external peer whose JSON lines come from ``bench/peers/*.py``. An
  expected peer without a result is reported as *missing*;
* ``headline``: shown in the headline table at the top of the report;
* ``size``: the parameter plotted on the x axis (default: the numeric parameter other than
  ``threads`` with the most distinct values).

Keys are ``<JMH class simple name>.<method>``. ``ALIASES`` maps a peer line's ``benchmark`` to a
JMH key when a peer script names its measurement differently.
"""


def _i(p, k):
    return float(p[k])


def _gemm_flops(p):
    return 2.0 * _i(p, "m") * _i(p, "n") * _i(p, "k")


def _rows_cols_bytes(p):
    return 8.0 * _i(p, "n") * _i(p, "d")


CATALOG = {
    # the machine's limits, measured in the same run
    "CeilingBench.fmaPeak": dict(work=("flop", lambda p: 2.0 * _i(p, "laneFmas") * _i(p, "threads"))),
    "CeilingBench.readPass": dict(work=("byte", lambda p: 8.0 * _i(p, "n"))),
    "CeilingBench.triad": dict(work=("byte", lambda p: 24.0 * _i(p, "n"))),

    # BLAS-1
    "DotBench.dot": dict(work=("flop", lambda p: 2.0 * _i(p, "n")), ceiling="fma",
                         peers=["numpy", "plainLoop()"], headline=True),
    "DotBench.plainLoop": dict(work=("flop", lambda p: 2.0 * _i(p, "n")), ceiling="fma"),

    # GEMV: A read once, so bandwidth-bound
    "GemvBench.gemvN": dict(work=("byte", _rows_cols_bytes), ceiling="read",
                            peers=["numpy", "readPass()"], headline=True),
    "GemvBench.gemvT": dict(work=("byte", _rows_cols_bytes), ceiling="read",
                            peers=["numpy", "readPass()"], headline=True),
    "GemvBench.readPass": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["numpy"]),

    # FWHT of 2^logN doubles: n·log2(n) additions/subtractions
    "FwhtBench.fwht": dict(work=("flop", lambda p: (2.0 ** _i(p, "logN")) * _i(p, "logN")), ceiling="fma",
                           peers=["readModifyWritePass()"], headline=True, size="logN"),
    "FwhtBench.readPass": dict(work=("byte", lambda p: 8.0 * 2.0 ** _i(p, "logN")), ceiling="read", size="logN"),
    "FwhtBench.readModifyWritePass": dict(work=("byte", lambda p: 16.0 * 2.0 ** _i(p, "logN")), ceiling="triad",
                                          size="logN"),

    # sketches of an n×d A: bandwidth-bound, A read once
    "SketchBench.srht": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"], headline=True),
    "SketchBench.sparseSign": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"],
                                   headline=True),
    "SketchBench.countSketch": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"],
                                    headline=True),
    "SketchBench.readPass": dict(work=("byte", _rows_cols_bytes), ceiling="read"),
    "SketchBench.readModifyWritePass": dict(work=("byte", lambda p: 2 * _rows_cols_bytes(p)), ceiling="triad"),
}

# peer line "benchmark" -> JMH key, for peers that name a measurement differently
ALIASES = {
}

CEILINGS = {
    "fma": "CeilingBench.fmaPeak",
    "read": "CeilingBench.readPass",
    "triad": "CeilingBench.triad",
}


def entry(key):
    """The catalog entry of a JMH key, or an empty one."""
    return CATALOG.get(key, {})


__all__ = ["CATALOG", "ALIASES", "CEILINGS", "entry", "_gemm_flops"]
