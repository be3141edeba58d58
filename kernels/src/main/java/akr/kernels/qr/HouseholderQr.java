package akr.kernels.qr;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.SingularMatrixException;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;

/**
 * The Householder QR factorisation A = Q·R of an m×n matrix (any m, n ≥ 0), with Q (m×m orthogonal)
 * kept as Householder reflectors and R (k×n upper trapezoidal, k = min(m, n)) stored explicitly.
 *
 * <p><b>Algorithms.</b> Chosen by {@link Options#algorithm()}; {@link Algorithm#AUTO} picks
 * <ul>
 *   <li>{@link Algorithm#TALL_SKINNY} when n ≤ {@value #TALL_SKINNY_MAX_COLS} and A has at least two
 *       leaves of rows: row blocks factored in parallel, R factors combined in a fixed binary tree
 *       (TSQR, see {@code TallSkinnyQr});</li>
 *   <li>{@link Algorithm#BLOCKED} otherwise: LAPACK dgeqrf — level-2 panels (with look-ahead) of
 *       {@link Options#blockSize()} columns, compact WY (I − V·T·Vᵀ) trailing updates through
 *       {@link Gemm}.</li>
 * </ul>
 * Both produce an R that equals the other's up to the signs of its rows (R is unique up to signs
 * for A of full column rank) and a Q within O(m·n·u) of orthogonal. Reflectors follow LAPACK's sign
 * convention, so diagonal entries of R may be negative; {@link Options#nonNegativeDiagonal()} flips
 * rows of R (and the matching columns of Q) so that diag(R) ≥ 0.
 *
 * <p><b>Errors.</b> Householder QR is backward stable: Q̂·R̂ = A + ΔA with ‖ΔA‖_F ≤ c·m·n·u·‖A‖_F
 * and ‖Q̂ᵀQ̂ − I‖ ≤ c·m·n·u. The least-squares solution is that of a nearby problem, so its relative
 * error is of order κ(A)·u (plus κ(A)²·u·‖r‖/(‖A‖‖x‖) for a large residual r).
 *
 * <p><b>Rank deficiency.</b> The factorisation itself never fails on finite input; a (numerically)
 * rank-deficient A shows as tiny diagonal entries of R. {@link #reciprocalConditionEstimate()}
 * detects it cheaply; {@link #solveLeastSquares} throws {@link SingularMatrixException} for an
 * exactly zero diagonal entry. Non-finite entries of A are rejected up front.
 *
 * <p><b>Threads.</b> Results are bit-identical for any thread count of the executor (leaf and tree
 * shapes depend only on the sizes; the GEMM tier guarantees the same for the blocked updates).
 */
public final class HouseholderQr {

    /** Widest matrix the automatic choice factors with TSQR. */
    public static final int TALL_SKINNY_MAX_COLS = 256;
    /**
     * Panel width of the blocked algorithm by default: wide enough that the two GEMMs of each
     * trailing update run near the GEMM's speed (their inner dimension is the panel width), while the
     * panel factorisation overlaps the update (narrower panels were slower on 2048×2048; see
     * bench/notes/2026-11-29-householder-qr.md).
     */
    public static final int DEFAULT_BLOCK_SIZE = 128;
    /** Matrix elements of one TSQR leaf by default (512 KB: a leaf stays in a core's L2 cache). */
    static final int LEAF_ELEMENTS = 1 << 16;

    /** Which factorisation algorithm to run. */
    public enum Algorithm {
        /** TALL_SKINNY when n ≤ {@value #TALL_SKINNY_MAX_COLS} and m ≥ 2 leaves, else BLOCKED. */
        AUTO,
        /** LAPACK dgeqrf: level-2 panels, compact WY trailing updates through GEMM. */
        BLOCKED,
        /** TSQR: parallel row blocks combined in a fixed binary tree; needs m ≥ n. */
        TALL_SKINNY
    }

    /**
     * Factorisation options. {@code kernels} is the tier and executor that run it, {@code blockSize}
     * the panel width of the blocked algorithm (≥ 1),
     * {@code leafRows} the TSQR leaf height (0 for automatic: max(2n, 2¹⁶/n); otherwise ≥ n).
     */
    public record Options(Kernels kernels, boolean nonNegativeDiagonal, Algorithm algorithm,
                          int blockSize, int leafRows) {

        public Options {
            Checks.notNull("kernels", kernels);
            Checks.notNull("algorithm", algorithm);
            if (blockSize < 1) {
                throw new IllegalArgumentException("blockSize: " + blockSize + " (must be >= 1)");
            }
            Checks.nonNegative("leafRows", leafRows);
        }

        /** Default kernels, LAPACK signs, automatic algorithm, {@value #DEFAULT_BLOCK_SIZE}-column panels. */
        public static Options defaults() {
            return new Options(Kernels.defaults(), false, Algorithm.AUTO, DEFAULT_BLOCK_SIZE, 0);
        }

        public Options withKernels(Kernels k) {
            return new Options(k, nonNegativeDiagonal, algorithm, blockSize, leafRows);
        }

        public Options withNonNegativeDiagonal(boolean b) {
            return new Options(kernels, b, algorithm, blockSize, leafRows);
        }

        public Options withAlgorithm(Algorithm a) {
            return new Options(kernels, nonNegativeDiagonal, a, blockSize, leafRows);
        }

        public Options withBlockSize(int nb) {
            return new Options(kernels, nonNegativeDiagonal, algorithm, nb, leafRows);
        }

        public Options withLeafRows(int rows) {
            return new Options(kernels, nonNegativeDiagonal, algorithm, blockSize, rows);
        }
    }

    private final int m;
    private final int n;
    private final QrFactors factors;
    private final Algorithm algorithm;
    private final Triangular triangular;
    /** ±1 per row of R when diag(R) ≥ 0 was asked for (R ← D·R, Q ← Q·D), else null. */
    private final double[] signs;

    private HouseholderQr(DenseMatrix source, DenseMatrix store, Options o) {
        this.m = source.rows();
        this.n = source.cols();
        ParallelExecutor ex = o.kernels().executor();
        Householder hh = o.kernels().householder();
        this.triangular = o.kernels().triangular();
        int leafRows = leafRows(o, n);
        Algorithm alg = algorithm(o, m, n, leafRows);
        if (alg == Algorithm.TALL_SKINNY && (m < n || n == 0)) {
            alg = Algorithm.BLOCKED; // no tree to build: one leaf is the unblocked factorisation
        }
        if (o.leafRows() != 0 && o.leafRows() < n && alg == Algorithm.TALL_SKINNY) {
            throw new IllegalArgumentException("leafRows: " + o.leafRows() + " (must be >= n = " + n + ")");
        }
        this.algorithm = alg;
        if (alg == Algorithm.TALL_SKINNY) {
            factors = new TallSkinnyQr(source, store, hh, ex, Math.min(leafRows, m));
        } else {
            if (source != store) {
                store.copyFrom(source);
            }
            factors = new BlockedQr(store, hh, o.kernels().gemm(), ex, o.blockSize());
        }
        this.signs = o.nonNegativeDiagonal() ? makeDiagonalNonNegative(factors.rView()) : null;
    }

    /** The TSQR leaf height: the option's, or max(2n, 2¹⁶/n) rows. */
    private static int leafRows(Options o, int n) {
        return o.leafRows() != 0 ? o.leafRows()
                : Math.max(2 * n, (LEAF_ELEMENTS + Math.max(1, n) - 1) / Math.max(1, n));
    }

    /** The option's algorithm, AUTO resolved: TSQR for at most {@value #TALL_SKINNY_MAX_COLS} columns and two leaves. */
    private static Algorithm algorithm(Options o, int m, int n, int leafRows) {
        if (o.algorithm() != Algorithm.AUTO) {
            return o.algorithm();
        }
        return n >= 1 && n <= TALL_SKINNY_MAX_COLS && m >= 2L * leafRows ? Algorithm.TALL_SKINNY : Algorithm.BLOCKED;
    }

    /** Factors a copy of A with default options; A is not modified. */
    public static HouseholderQr factor(DenseMatrix a) {
        return factor(a, Options.defaults());
    }

    /** Factors a copy of A; A is not modified. */
    public static HouseholderQr factor(DenseMatrix a, Options options) {
        checkInput(a, options);
        return new HouseholderQr(a, DenseMatrix.zeros(a.rows(), a.cols()), options);
    }

    /**
     * Factors A in place: A is overwritten by the reflectors (and, for the blocked algorithm, R in
     * its upper triangle, as LAPACK dgeqrf leaves it). The returned object reads A later: do not
     * modify A while using it.
     */
    public static HouseholderQr factorInPlace(DenseMatrix a, Options options) {
        checkInput(a, options);
        return new HouseholderQr(a, a, options);
    }

    /** {@link #factorInPlace(DenseMatrix, Options)} with default options. */
    public static HouseholderQr factorInPlace(DenseMatrix a) {
        return factorInPlace(a, Options.defaults());
    }

    /**
     * The R factor of [A | c] — A m×n, c an optional extra column of m entries (null for R of A
     * alone) — as a new k×k' upper trapezoidal matrix (k' = n or n + 1, k = min(m, k')), without
     * keeping Q. R's last column then holds Qᵀc (its first k' entries), which is what a
     * least-squares solve needs: x = R(0:n, 0:n)⁻¹·R(0:n, n), with |R(n, n)| = ‖Ax − c‖.
     *
     * <p>For the TSQR shapes of the automatic choice (or with {@link Algorithm#TALL_SKINNY}) A is read
     * once, leaf by leaf, into per-worker scratch blocks, and nothing of A's size is allocated or
     * written; the result is bit-identical to {@code factor([A | c]).r()} with the same options.
     * Other shapes factor a copy.
     *
     * @throws IllegalArgumentException on a non-finite entry of A or c (naming it), or c of the
     *                                  wrong length
     * @throws ArithmeticException      when the factorisation overflows although the input is finite
     */
    public static DenseMatrix rFactor(DenseMatrix a, double[] c, Options options) {
        Checks.notNull("a", a);
        Checks.notNull("options", options);
        int m = a.rows();
        if (c != null && c.length != m) {
            throw new IllegalArgumentException("c: length " + c.length + ", A has " + m + " rows");
        }
        int n = a.cols() + (c == null ? 0 : 1);
        int leafRows = leafRows(options, n);
        if (algorithm(options, m, n, leafRows) != Algorithm.TALL_SKINNY || m < n || n == 0 || leafRows < n) {
            if (c != null) {
                Checks.finite("c", c);
            }
            checkInput(a, options);
            DenseMatrix full = DenseMatrix.zeros(m, n);
            full.view(0, 0, m, a.cols()).copyFrom(a);
            for (int i = 0; c != null && i < m; i++) {
                full.set(i, n - 1, c[i]);
            }
            return factorInPlace(full, options).r();
        }
        Kernels k = options.kernels();
        DenseMatrix r = TallSkinnyQr.rOnly(a, c, k.householder(), k.executor(), Math.min(leafRows, m));
        if (options.nonNegativeDiagonal()) {
            makeDiagonalNonNegative(r);
        }
        return r;
    }

    private static void checkInput(DenseMatrix a, Options options) {
        Checks.notNull("a", a);
        Checks.notNull("options", options);
        Checks.finite("a", a);
    }

    private static double[] makeDiagonalNonNegative(DenseMatrix r) {
        int k = Math.min(r.rows(), r.cols());
        double[] s = new double[k];
        double[] d = r.data();
        for (int i = 0; i < k; i++) {
            int p = r.index(i, i);
            s[i] = d[p] < 0 ? -1.0 : 1.0;
            if (s[i] < 0) {
                for (int j = i; j < r.cols(); j++) {
                    d[p + j - i] = -d[p + j - i];
                }
            }
        }
        return s;
    }

    public int rows() {
        return m;
    }

    public int cols() {
        return n;
    }

    /** The algorithm that ran ({@link Algorithm#BLOCKED} or {@link Algorithm#TALL_SKINNY}). */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** R as a new k×n upper trapezoidal matrix (k = min(m, n)), zeros below the diagonal. */
    public DenseMatrix r() {
        DenseMatrix v = factors.rView();
        DenseMatrix r = DenseMatrix.zeros(v.rows(), n);
        for (int i = 0; i < v.rows(); i++) {
            System.arraycopy(v.data(), v.index(i, i), r.data(), i * n + i, n - i);
        }
        return r;
    }

    /**
     * A k×n view whose upper triangle is R (no copy); below its diagonal lie reflectors or zeros,
     * so read it with triangular kernels only.
     */
    public DenseMatrix rView() {
        return factors.rView();
    }

    /** C ← Qᵀ·C in place, C with m rows; Q is the full m×m orthogonal factor. */
    public void applyQt(DenseMatrix c) {
        checkRows(c);
        factors.applyQt(c);
        scaleLeadingRows(c);
    }

    /** C ← Q·C in place, C with m rows. */
    public void applyQ(DenseMatrix c) {
        checkRows(c);
        scaleLeadingRows(c);
        factors.applyQ(c);
    }

    /** Qᵀ·b as a new vector (b has m entries and is not modified). */
    public double[] applyQt(double[] b) {
        Checks.notNull("b", b);
        double[] y = b.clone();
        applyQt(DenseMatrix.wrap(y, y.length, 1));
        return y;
    }

    /** Q·y as a new vector (y has m entries and is not modified). */
    public double[] applyQ(double[] y) {
        Checks.notNull("y", y);
        double[] x = y.clone();
        applyQ(DenseMatrix.wrap(x, x.length, 1));
        return x;
    }

    private void checkRows(DenseMatrix c) {
        Checks.notNull("c", c);
        if (c.rows() != m) {
            throw new IllegalArgumentException("c: " + c.rows() + " rows, Q is " + m + "x" + m);
        }
        if (c.mayOverlap(factors.rView())) {
            throw new IllegalArgumentException("c overlaps the storage of the factorisation");
        }
    }

    private void scaleLeadingRows(DenseMatrix c) {
        if (signs == null) {
            return;
        }
        for (int i = 0; i < signs.length; i++) {
            if (signs[i] < 0) {
                int p = c.index(i, 0);
                for (int j = 0; j < c.cols(); j++) {
                    c.data()[p + j] = -c.data()[p + j];
                }
            }
        }
    }

    /** The thin Q: the first k = min(m, n) columns of Q, a new m×k matrix with A = Q_thin·R. */
    public DenseMatrix thinQ() {
        int k = Math.min(m, n);
        DenseMatrix q = DenseMatrix.zeros(m, k);
        for (int i = 0; i < k; i++) {
            q.data()[i * k + i] = 1.0;
        }
        scaleLeadingRows(q);
        factors.applyQToDiagonal(q);
        return q;
    }

    /**
     * The least-squares solution x = argmin ‖A·x − b‖₂ (m ≥ n, A of full column rank):
     * x = R⁻¹·(Qᵀb)(0:n). b is not modified.
     *
     * @throws IllegalArgumentException  if b does not have m entries
     * @throws IllegalStateException     if m &lt; n (the problem has no unique solution)
     * @throws SingularMatrixException   if a diagonal entry of R is exactly zero
     */
    public double[] solveLeastSquares(double[] b) {
        Checks.notNull("b", b);
        if (b.length != m) {
            throw new IllegalArgumentException("b: length " + b.length + ", A has " + m + " rows");
        }
        DenseMatrix x = solveLeastSquares(DenseMatrix.wrap(b, m, 1));
        return x.data();
    }

    /** The least-squares solutions for the columns of B (m×p), as a new n×p matrix. */
    public DenseMatrix solveLeastSquares(DenseMatrix b) {
        Checks.notNull("b", b);
        if (b.rows() != m) {
            throw new IllegalArgumentException("b: " + b.rows() + " rows, A has " + m);
        }
        if (m < n) {
            throw new IllegalStateException("least squares needs m >= n; A is " + m + "x" + n
                    + " (factor Aᵀ for the minimum-norm solution)");
        }
        DenseMatrix y = b.copy();
        applyQt(y);
        DenseMatrix x = y.rows(0, n).copy();
        triangular.trsm(Triangular.Side.LEFT, Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT, 1.0,
                squareR(), x);
        return x;
    }

    private DenseMatrix squareR() {
        DenseMatrix v = factors.rView();
        int k = Math.min(m, n);
        return v.view(0, 0, k, k);
    }

    /**
     * An estimate of 1/κ₁(R₁₁), R₁₁ the leading k×k block of R, as LAPACK dtrcon: ‖R₁₁‖₁ exactly,
     * ‖R₁₁⁻¹‖₁ by Hager's method with Higham's refinements (a lower bound, almost always within a
     * factor 3) from a few triangular solves. 0 when a diagonal entry is zero; 1 for k = 0. A value
     * near u = 2⁻⁵³ means A is numerically rank deficient.
     */
    public double reciprocalConditionEstimate() {
        return ConditionEstimator.reciprocalCondition(squareR(), triangular);
    }

    /** 1 / {@link #reciprocalConditionEstimate()} (∞ for a singular R). */
    public double conditionEstimate() {
        return 1.0 / reciprocalConditionEstimate();
    }
}
