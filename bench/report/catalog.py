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


def _square_gemm_flops(p):
    return 2.0 * _i(p, "n") ** 3


def _rows_cols_bytes(p):
    return 8.0 * _i(p, "n") * _i(p, "d")


def _shape(p):
    """QrBench's ``shape`` parameter "MxN" as (rows, columns)."""
    m, n = p["shape"].split("x")
    return float(m), float(n)


def _householder_flops(p):
    """R of an m×n Householder QR (LAPACK dgeqrf's count): 2mn² − 2n³/3."""
    m, n = _shape(p)
    return 2.0 * m * n * n - 2.0 * n ** 3 / 3.0


def _thin_q_flops(p):
    """R plus the explicit thin Q (dgeqrf + dorgqr with k = n): 4mn² − 4n³/3."""
    return 2.0 * _householder_flops(p)


def _qr_least_squares_flops(p):
    """R, Qᵀb (4mn) and the back substitution (n²)."""
    m, n = _shape(p)
    return _householder_flops(p) + 4.0 * m * n + n * n


def _exp_gram_flops(p, rhs=1):
    """The counted work of exp(A·Aᵀ)·X: 2·n²·d per right-hand side (the unsymmetric count; the exp,
    the products with X and the symmetry saving are not counted)."""
    return 2.0 * _i(p, "n") ** 2 * _i(p, "d") * rhs


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
    # the least-squares solvers' correction pass (r = b − A·x and Aᵀr in one read of A)
    "GemvBench.fused": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"]),
    "GemvBench.fusedCompensated": dict(work=("byte", _rows_cols_bytes), ceiling="read",
                                       peers=["fused()", "readPass()"]),

    # level 3: DGEMM n×n (EJML is single-threaded and has no tier or threads parameter: it stands
    # beside every row of the same n), SYRK and TRSM on a tall-skinny n×d A
    "GemmBench.gemmNN": dict(work=("flop", _square_gemm_flops), ceiling="fma", peers=["numpy", "ejmlMult()"],
                             headline=True, size="n"),
    "GemmBench.ejmlMult": dict(work=("flop", _square_gemm_flops), ceiling="fma", size="n"),
    "TallSkinnyBench.syrkTall": dict(work=("flop", lambda p: _i(p, "n") * _i(p, "d") * (_i(p, "d") + 1)),
                                     ceiling="fma", peers=["numpy", "readPass()"], headline=True, size="n"),
    "TallSkinnyBench.trsmRightUpper": dict(work=("flop", lambda p: _i(p, "n") * _i(p, "d") ** 2), ceiling="fma",
                                           peers=["scipy dtrsm", "syrkTall()", "readPass()"], headline=True,
                                           size="n"),
    "TallSkinnyBench.readPass": dict(work=("byte", _rows_cols_bytes), ceiling="read", size="n"),

    # Householder QR of an m×n shape "MxN" (not numeric: plotted as bars); numpy lstsq is measured
    # on the tall shapes only, so it is not an expected peer of leastSquares
    "QrBench.rFactor": dict(work=("flop", _householder_flops), ceiling="fma", peers=["numpy", "ejmlRFactor()"],
                            headline=True),
    "QrBench.thinQ": dict(work=("flop", _thin_q_flops), ceiling="fma", peers=["numpy", "ejmlThinQ()"],
                          headline=True),
    "QrBench.leastSquares": dict(work=("flop", _qr_least_squares_flops), ceiling="fma",
                                 peers=["ejmlLeastSquares()"], headline=True),
    "QrBench.ejmlRFactor": dict(work=("flop", _householder_flops), ceiling="fma"),
    "QrBench.ejmlThinQ": dict(work=("flop", _thin_q_flops), ceiling="fma"),
    "QrBench.ejmlLeastSquares": dict(work=("flop", _qr_least_squares_flops), ceiling="fma"),

    # exp-Gram: block8's rate counts eight products, so it is the rate of eight separate matvecs
    # and may exceed the FMA peak (exp and Gram work are shared): no ceiling. ExpGramBench.fmaPeak
    # is left out (its flops depend on the vector length, not a parameter): CeilingBench.fmaPeak
    # is the ceiling. ExpBench (one tile of exps) has no work count: ratios to the other exps only.
    "ExpGramBench.matvec": dict(work=("flop", _exp_gram_flops), ceiling="fma", peers=["numpy"], headline=True,
                                size="n"),
    "ExpGramBench.block8": dict(work=("flop", lambda p: _exp_gram_flops(p, rhs=8)), peers=["numpy", "matvec()"],
                                headline=True, size="n"),
    "ExpBench.polynomial": dict(peers=["lanewise()", "scalarMathExp()"]),

    # FWHT of 2^logN doubles: n·log2(n) additions/subtractions
    "FwhtBench.fwht": dict(work=("flop", lambda p: (2.0 ** _i(p, "logN")) * _i(p, "logN")), ceiling="fma",
                           peers=["numpy", "readModifyWritePass()"], headline=True, size="logN"),
    "FwhtBench.readPass": dict(work=("byte", lambda p: 8.0 * 2.0 ** _i(p, "logN")), ceiling="read", size="logN"),
    "FwhtBench.readModifyWritePass": dict(work=("byte", lambda p: 16.0 * 2.0 ** _i(p, "logN")), ceiling="triad",
                                          size="logN"),

    # sketches of an n×d A: bandwidth-bound, A read once
    "SketchBench.srht": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"], headline=True,
                             size="n"),
    "SketchBench.sparseSign": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["readPass()"],
                                   headline=True, size="n"),
    "SketchBench.countSketch": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["numpy", "readPass()"],
                                    headline=True, size="n"),
    "SketchBench.readPass": dict(work=("byte", _rows_cols_bytes), ceiling="read", peers=["numpy"], size="n"),
    "SketchBench.readModifyWritePass": dict(work=("byte", lambda p: 2 * _rows_cols_bytes(p)), ceiling="triad",
                                            size="n"),

    # the solvers end to end: no work count (time against size); every method of a problem is
    # compared with the normal equations (numpy.linalg.lstsq and numpy QR: lstsq-0 only)
    "AttentionSolverBench.solve": dict(peers=["scipy"], headline=True, size="n"),
    "PowerSolverBench.solve": dict(peers=["normal-equations"], headline=True),
}

# JVM baselines that are the same code in every class that has them: when a class's own is not in
# the run (bench/quick.params skips the duplicates), another class's row with matching parameters
# stands in (see analysis._jvm_peer)
SHARED_BASELINES = {"readPass"}

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


__all__ = ["CATALOG", "ALIASES", "CEILINGS", "SHARED_BASELINES", "entry", "_gemm_flops"]
