package akr.kernels.expgram;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Products with the attention kernel K = exp(A·Aᵀ) (exp entrywise) and its Gaussian-scaled form
 * G = D⁻¹KD⁻¹, computed tile by tile without ever holding more than one tile of the kernel.
 *
 * <p><b>Mathematics.</b> For rows a_i of A (n×d), K_ij = exp(⟨a_i, a_j⟩). With h_i = ‖a_i‖²/2 and
 * D = diag(e^{h_i}), K = D·G·D where G_ij = exp(⟨a_i, a_j⟩ − h_i − h_j) = exp(−‖a_i − a_j‖²/2) ∈ (0, 1]
 * is the Gaussian kernel: it never overflows and is the form solvers work in
 * ({@link Form#GAUSSIAN}). K is symmetric positive semidefinite (Schur product theorem), G too.
 * The cross kernel for new points B (m×d) is exp(B·Aᵀ), or exp(−‖b_i − a_j‖²/2) in the Gaussian form.
 *
 * <p><b>Tiers.</b> {@link ReferenceExpGram} computes every entry by itself (the test oracle);
 * {@link ScalarExpGram} and {@code akr.kernels.simd.SimdExpGram} share the tiled, parallel driver of
 * {@code akr.kernels.driver.TiledExpGram} and differ only in its tile kernels.
 *
 * <p><b>Determinism.</b> The upper-triangular tiles, enumerated row by row, are split into at most
 * {@value #MAX_UNITS} contiguous work units whose number depends only on n and d. Each unit sums into
 * its own partial output; the partials are added in unit order. Rectangular products and columns
 * split by row tiles, each output row being summed over column tiles in order. Results are therefore
 * bit-identical for any thread count.
 *
 * <p><b>Accuracy.</b> The argument of each exp is a d-term dot product (minus h_i + h_j in the
 * Gaussian form) with absolute error ≤ γ_{d+2}·(Σ_k |a_ik a_jk| + h_i + h_j); exp turns that into the
 * same relative error of the entry, plus the exp's own error (≤ 1 ulp scalar, ≤ 2 ulp SIMD). Each
 * output element is then a sum of n such terms (error ≤ γ_n·Σ_j K_ij|x_j|). In the Gaussian form the
 * argument is clamped to ≤ 0, so computed entries stay in [0, 1]. Entries below e^{−708} may be
 * flushed to zero by the SIMD tier.
 *
 * <p><b>Overflow.</b> e^{709.79} overflows a double. By Cauchy–Schwarz,
 * ⟨a_i, a_j⟩ ≤ max(‖a_i‖², ‖a_j‖²), so K has an overflowing entry exactly when a diagonal entry
 * does. The plain form checks that before any work and throws {@link ExpGramOverflowException} naming
 * the offending rows; it also throws it, naming the output row, when a sum overflows or a cross-kernel
 * entry overflows. The Gaussian form never overflows in its entries.
 */
public abstract class ExpGram {

    /** Which kernel a product uses. */
    public enum Form {
        /** K = exp(A·Aᵀ), entries exp(⟨a_i, a_j⟩). */
        EXP,
        /** G = D⁻¹KD⁻¹, entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1]. */
        GAUSSIAN
    }

    /** Rows and columns of one kernel tile. A multiple of every tier's panel width. */
    public static final int TILE = 96;
    /** ln(Double.MAX_VALUE): exp of anything larger overflows. */
    public static final double LOG_MAX = Math.log(Double.MAX_VALUE);
    /** Upper bound on the number of work units (and partial outputs) of the symmetric product. */
    public static final int MAX_UNITS = 16;

    protected final ParallelExecutor executor;

    protected ExpGram(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static ExpGram get() {
        return KernelProvider.get(ExpGram.class);
    }

    /** A given tier on the shared executor. */
    public static ExpGram of(Tier tier) {
        return KernelProvider.load(ExpGram.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static ExpGram of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(ExpGram.class, tier, executor);
    }

    // ------------------------------------------------------------------------------------ public API

    /**
     * Y ← (K + shift·I)·X, with K = exp(A·Aᵀ) ({@link Form#EXP}) or G ({@link Form#GAUSSIAN}).
     * A is n×d, X and Y are n×r (r right-hand sides as columns). Y is overwritten.
     *
     * @throws IllegalArgumentException on null or mismatched arguments, non-finite A, X or shift, or
     *                                  Y sharing storage with A or X (thrown before any write)
     * @throws ExpGramOverflowException in the EXP form when an entry of K or of the result overflows
     *                                  (Y then holds unspecified values)
     */
    public final void multiply(DenseMatrix a, Form form, double shift, DenseMatrix x, DenseMatrix y) {
        checkPoints("a", a);
        Checks.notNull("form", form);
        Checks.finite("shift", shift);
        checkRhs(a.rows(), x, y, "a", a);
        if (form == Form.EXP) {
            int[] rows = overflowingDiagonal(a);
            if (rows.length > 0) {
                throw ExpGramOverflowException.diagonal(rows, a);
            }
        }
        multiplyK(a, form, shift, x, y);
        checkResult(y, a, a, form);
    }

    /**
     * The cross product Y ← exp(B·Aᵀ)·X ({@link Form#EXP}) or Y_i ← Σ_j exp(−‖b_i − a_j‖²/2)·X_j
     * ({@link Form#GAUSSIAN}): prediction at new points B (m×d). X is n×r, Y is m×r, overwritten.
     *
     * @throws IllegalArgumentException on null or mismatched arguments, non-finite inputs, or Y
     *                                  sharing storage with A, B or X
     * @throws ExpGramOverflowException in the EXP form when an entry or a result overflows, naming the
     *                                  row of B (and the row of A)
     */
    public final void multiplyCross(DenseMatrix b, DenseMatrix a, Form form, DenseMatrix x, DenseMatrix y) {
        checkPoints("a", a);
        checkPoints("b", b);
        Checks.notNull("form", form);
        if (b.cols() != a.cols()) {
            throw new IllegalArgumentException("b: " + b.cols() + " columns, a has " + a.cols());
        }
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.rows() != a.rows()) {
            throw new IllegalArgumentException("x: " + x.rows() + " rows, a has " + a.rows());
        }
        if (y.rows() != b.rows() || y.cols() != x.cols()) {
            throw new IllegalArgumentException("y: " + y.rows() + "x" + y.cols() + ", expected " + b.rows() + "x"
                    + x.cols());
        }
        Checks.finite("x", x);
        noOverlap(y, "a", a);
        noOverlap(y, "b", b);
        noOverlap(y, "x", x);
        multiplyCrossK(b, a, form, x, y);
        checkResult(y, b, a, form);
    }

    /**
     * out[:, q] ← column cols[q] of K (or G): out(i, q) = exp(⟨a_i, a_{cols[q]}⟩) or
     * exp(−‖a_i − a_{cols[q]}‖²/2). out is n×cols.length, overwritten. Costs O(n·d·q).
     *
     * @throws IllegalArgumentException on null or mismatched arguments, an index outside [0, n),
     *                                  non-finite A, or out sharing storage with A
     * @throws ExpGramOverflowException in the EXP form when an entry overflows
     */
    public final void columns(DenseMatrix a, Form form, int[] cols, DenseMatrix out) {
        checkPoints("a", a);
        Checks.notNull("form", form);
        Checks.notNull("cols", cols);
        Checks.notNull("out", out);
        for (int q = 0; q < cols.length; q++) {
            if (cols[q] < 0 || cols[q] >= a.rows()) {
                throw new IllegalArgumentException("cols[" + q + "]: " + cols[q] + " (must be in [0, " + a.rows() + "))");
            }
        }
        if (out.rows() != a.rows() || out.cols() != cols.length) {
            throw new IllegalArgumentException("out: " + out.rows() + "x" + out.cols() + ", expected " + a.rows()
                    + "x" + cols.length);
        }
        noOverlap(out, "a", a);
        columnsK(a, form, cols, out);
        double[] od = out.data();
        for (int i = 0; i < out.rows(); i++) {
            int row = out.index(i, 0);
            for (int q = 0; q < out.cols(); q++) {
                if (!Double.isFinite(od[row + q])) {
                    throw ExpGramOverflowException.entry(i, cols[q], a, a);
                }
            }
        }
    }

    /**
     * out[off + i] ← K_ii = exp(‖a_i‖²) ({@link Form#EXP}, may be +∞ when it overflows) or 1
     * ({@link Form#GAUSSIAN}).
     */
    public final void diagonal(DenseMatrix a, Form form, double[] out, int off) {
        checkPoints("a", a);
        Checks.notNull("form", form);
        Checks.vector("out", out, off, a.rows());
        Checks.noOverlap("out", out, off, a.rows(), "a", a);
        for (int i = 0; i < a.rows(); i++) {
            out[off + i] = form == Form.GAUSSIAN ? 1.0 : Math.exp(squaredNorm(a, i));
        }
    }

    /** h_i = ‖a_i‖²/2 for every row: log of the diagonal scaling D = diag(e^{h_i}) with K = D·G·D. */
    public static double[] halfSquaredNorms(DenseMatrix a) {
        Checks.notNull("a", a);
        double[] h = new double[a.rows()];
        for (int i = 0; i < h.length; i++) {
            h[i] = 0.5 * squaredNorm(a, i);
        }
        return h;
    }

    /** The trusting symmetric product: arguments are valid. */
    protected abstract void multiplyK(DenseMatrix a, Form form, double shift, DenseMatrix x, DenseMatrix y);

    /** The trusting cross product: arguments are valid. */
    protected abstract void multiplyCrossK(DenseMatrix b, DenseMatrix a, Form form, DenseMatrix x, DenseMatrix y);

    /** The trusting column extraction: arguments are valid. */
    protected abstract void columnsK(DenseMatrix a, Form form, int[] cols, DenseMatrix out);

    // ---------------------------------------------------------------------------------- helpers

    /** ‖a_i‖² by a left-to-right fused multiply-add loop. */
    static double squaredNorm(DenseMatrix a, int i) {
        double[] data = a.data();
        int p = a.index(i, 0);
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
            s = Math.fma(data[p + k], data[p + k], s);
        }
        return s;
    }

    /** Rows i whose diagonal entry exp(‖a_i‖²) overflows. */
    static int[] overflowingDiagonal(DenseMatrix a) {
        return java.util.stream.IntStream.range(0, a.rows()).filter(i -> squaredNorm(a, i) > LOG_MAX).toArray();
    }

    private static void checkPoints(String name, DenseMatrix m) {
        Checks.notNull(name, m);
        Checks.finite(name, m);
        for (int i = 0; i < m.rows(); i++) {
            if (!Double.isFinite(squaredNorm(m, i))) {
                throw new IllegalArgumentException(name + ": the squared norm of row " + i + " overflows");
            }
        }
    }

    private static void noOverlap(DenseMatrix y, String name, DenseMatrix m) {
        if (y.mayOverlap(m)) {
            throw new IllegalArgumentException("y overlaps the storage of " + name);
        }
    }

    private static void checkRhs(int n, DenseMatrix x, DenseMatrix y, String aName, DenseMatrix a) {
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.rows() != n) {
            throw new IllegalArgumentException("x: " + x.rows() + " rows, " + aName + " has " + n);
        }
        if (y.rows() != n || y.cols() != x.cols()) {
            throw new IllegalArgumentException("y: " + y.rows() + "x" + y.cols() + ", expected " + n + "x" + x.cols());
        }
        Checks.finite("x", x);
        noOverlap(y, aName, a);
        noOverlap(y, "x", x);
    }

    /** Turns a non-finite output row into an exception naming the overflowing entry or sum. */
    private static void checkResult(DenseMatrix y, DenseMatrix b, DenseMatrix a, Form form) {
        for (int i = 0; i < y.rows(); i++) {
            for (int c = 0; c < y.cols(); c++) {
                if (!Double.isFinite(y.get(i, c))) {
                    throw ExpGramOverflowException.row(i, b, a, form);
                }
            }
        }
    }
}
