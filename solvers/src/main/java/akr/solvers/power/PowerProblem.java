package akr.solvers.power;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;

/**
 * One of the two power problems (docs/problems.md#p1-and-p2-powers-of-the-gram-matrix), checked
 * when made:
 * <ul>
 *   <li>{@link #gramPower}: min ‖(AᵀA)ʲx − b‖, b ∈ ℝᵈ, 1 ≤ j ≤ {@value PowerSolver#MAX_POWER};</li>
 *   <li>{@link #lstsqPower}: min ‖A(AᵀA)ʲx − b‖, b ∈ ℝⁿ, 0 ≤ j ≤ {@value PowerSolver#MAX_POWER}.</li>
 * </ul>
 * A is n×d with n ≥ d ≥ 1 and b finite. A is not scanned for non-finite entries here: every route's
 * first pass over A turns one into a non-finite result, and only then is A searched, to name the
 * entry. The problem holds A and b themselves, not copies; a solve does not modify them. A may be
 * given as a {@link RowSource} (a file read block by block): the normal equations then make their
 * passes block by block, and a route that needs A whole reads it into memory.
 *
 * @param source        A (n×d)
 * @param b             the right-hand side
 * @param power         j
 * @param leastSquares  whether this is lstsq-power (else gram-power)
 */
public record PowerProblem(RowSource source, double[] b, int power, boolean leastSquares) {

    /** Checks the problem (the canonical constructor is the one place that does). */
    public PowerProblem {
        if (source == null) {
            throw new IllegalArgumentException("A: null");
        }
        if (b == null) {
            throw new IllegalArgumentException("b: null");
        }
        int n = source.rows();
        int d = source.cols();
        if (d < 1) {
            throw new IllegalArgumentException("A has no columns");
        }
        if (n < d) {
            throw new IllegalArgumentException("A is " + n + "x" + d + ": n < d, so AᵀA is singular"
                    + " (akr solves the overdetermined case n >= d)");
        }
        int want = leastSquares ? n : d;
        if (b.length != want) {
            throw new IllegalArgumentException("b has length " + b.length + ", expected " + want
                    + (leastSquares ? " (the rows of A)" : " (the columns of A)"));
        }
        int minJ = leastSquares ? 0 : 1;
        if (power < minJ || power > PowerSolver.MAX_POWER) {
            throw new IllegalArgumentException("power j = " + power + " is out of range [" + minJ + ", "
                    + PowerSolver.MAX_POWER + "]" + (leastSquares ? "" : " (j = 0 would make the problem the identity)"));
        }
        Checks.finite("b", b);
    }

    /** The problem with A in memory. */
    public PowerProblem(DenseMatrix a, double[] b, int power, boolean leastSquares) {
        this(RowSource.of(a), b, power, leastSquares);
    }

    /** P1: min ‖(AᵀA)ʲx − b‖ for j ≥ 1, b of length d. */
    public static PowerProblem gramPower(DenseMatrix a, double[] b, int j) {
        return new PowerProblem(a, b, j, false);
    }

    /** P2: min ‖A(AᵀA)ʲx − b‖ for j ≥ 0, b of length n; j = 0 is ordinary least squares. */
    public static PowerProblem lstsqPower(DenseMatrix a, double[] b, int j) {
        return new PowerProblem(a, b, j, true);
    }

    /** A whole in memory (a {@link RowSource} that reads a file reads it now, once). */
    public DenseMatrix a() {
        return source.matrix();
    }

    /** n, the rows of A. */
    public int rows() {
        return source.rows();
    }

    /** d, the columns of A. */
    public int cols() {
        return source.cols();
    }
}
