package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.gemv.Gemv;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Uplo;

/**
 * A with the kernels of one solve's context: products with A and Aᵀ, the Gram product AᵀA·x, and
 * triangular solves with an upper-triangular R.
 */
final class DenseOperator {

    final DenseMatrix a;
    final int n;
    final int d;
    final Kernels kernels;
    private final Gemv gemv;
    private final Triangular tri;
    private final double[] scratchN;

    DenseOperator(DenseMatrix a, Kernels kernels) {
        this.a = a;
        this.n = a.rows();
        this.d = a.cols();
        this.kernels = kernels;
        this.gemv = kernels.gemv();
        this.tri = kernels.triangular();
        this.scratchN = new double[n];
    }

    /** y ← A·x. */
    void times(double[] x, double[] y) {
        gemv.gemv(Op.N, 1.0, a, x, 0, 0.0, y, 0);
    }

    /** x ← Aᵀ·y. */
    void timesTransposed(double[] y, double[] x) {
        gemv.gemv(Op.T, 1.0, a, y, 0, 0.0, x, 0);
    }

    /** out ← AᵀA·x in one pass over A (not thread-safe: uses a scratch vector). */
    void gram(double[] x, double[] out) {
        gemv.gemvThenTransposed(1.0, a, x, 0, 0.0, scratchN, 0, out, 0);
    }

    /**
     * r ← b − A·x and g ← Aᵀr, in one pass over A. Aᵀr is summed in compensated arithmetic: the
     * corrections of iterative refinement are only as accurate as Aᵀr, and the rounding of a plain
     * sum over many rows, amplified by κ(A), would set their noise floor above Householder QR's
     * forward error
     * (bench/notes/2026-12-01-power-solvers.md#least-squares-by-corrected-normal-equations-autos-first-choice).
     */
    void residualAndGradient(double[] b, double[] x, double[] r, double[] g) {
        System.arraycopy(b, 0, r, 0, n);
        gemv.gemvThenTransposedCompensated(-1.0, a, x, 0, 1.0, r, 0, g, 0);
    }

    /**
     * out ← AᵀA·x in one pass over A, AᵀA·x summed in compensated arithmetic like
     * {@link #residualAndGradient} (not thread-safe: uses a scratch vector).
     */
    void gramCompensated(double[] x, double[] out) {
        gemv.gemvThenTransposedCompensated(1.0, a, x, 0, 0.0, scratchN, 0, out, 0);
    }

    /** v ← R⁻¹·v. */
    void solveR(DenseMatrix r, double[] v) {
        tri.trsv(Uplo.UPPER, Op.N, Diag.NON_UNIT, r, v, 0);
    }

    /** v ← R⁻ᵀ·v. */
    void solveRt(DenseMatrix r, double[] v) {
        tri.trsv(Uplo.UPPER, Op.T, Diag.NON_UNIT, r, v, 0);
    }

    /** v ← (RᵀR)⁻¹·v = R⁻¹R⁻ᵀ·v. */
    void solveGram(DenseMatrix r, double[] v) {
        solveRt(r, v);
        solveR(r, v);
    }

    Triangular triangular() {
        return tri;
    }
}
