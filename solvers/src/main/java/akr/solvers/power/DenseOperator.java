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
 *
 * <p>A comes from a {@link RowSource}. The passes of the normal equations (AᵀA with Aᵀb, A·x, Aᵀy,
 * AᵀA·x and the compensated residual passes) run block by block, so a source that reads a file never
 * holds A whole; a matrix in memory is one block, and its passes are single kernel calls. Blocks'
 * results are added in block order; the compensated passes continue their compensated sums across
 * blocks ({@link akr.kernels.gemv.Gemv#gemvThenTransposedCompensatedPair}). A route that needs A
 * whole asks for {@link #a()}, which reads a file then, once.
 */
final class DenseOperator {

    final RowSource source;
    final int n;
    final int d;
    final Kernels kernels;
    private final Gemv gemv;
    private final Triangular tri;
    private final double[] scratchN;

    DenseOperator(RowSource source, Kernels kernels) {
        this.source = source;
        this.n = source.rows();
        this.d = source.cols();
        this.kernels = kernels;
        this.gemv = kernels.gemv();
        this.tri = kernels.triangular();
        this.scratchN = new double[n];
    }

    /** A whole (a source reading a file reads it now, once). */
    DenseMatrix a() {
        return source.matrix();
    }

    /**
     * AᵀA, and y ← Aᵀb as well when {@code b} is not null, in one pass over A: a SYRK per block
     * (the first with β = 0), the upper triangle accumulated, and its mirror exact.
     */
    DenseMatrix gramWith(double[] b, double[] y) {
        DenseMatrix g = DenseMatrix.zeros(d, d);
        boolean[] first = {true};
        source.forEachBlock((r0, block) -> {
            double beta = first[0] ? 0.0 : 1.0;
            kernels.gemm().syrk(Op.T, 1.0, block, beta, g);
            if (b != null) {
                gemv.gemv(Op.T, 1.0, block, b, r0, beta, y, 0);
            }
            first[0] = false;
        });
        return g;
    }

    /** y ← A·x. */
    void times(double[] x, double[] y) {
        source.forEachBlock((r0, block) -> gemv.gemv(Op.N, 1.0, block, x, 0, 0.0, y, r0));
    }

    /** x ← Aᵀ·y. */
    void timesTransposed(double[] y, double[] x) {
        boolean[] first = {true};
        source.forEachBlock((r0, block) -> {
            gemv.gemv(Op.T, 1.0, block, y, r0, first[0] ? 0.0 : 1.0, x, 0);
            first[0] = false;
        });
    }

    /** out ← AᵀA·x in one pass over A (not thread-safe: uses a scratch vector). */
    void gram(double[] x, double[] out) {
        if (source.inMemory()) {
            gemv.gemvThenTransposed(1.0, source.matrix(), x, 0, 0.0, scratchN, 0, out, 0);
            return;
        }
        double[] part = new double[d];
        java.util.Arrays.fill(out, 0, d, 0.0);
        source.forEachBlock((r0, block) -> {
            gemv.gemvThenTransposed(1.0, block, x, 0, 0.0, scratchN, r0, part, 0);
            for (int j = 0; j < d; j++) {
                out[j] += part[j];
            }
        });
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
        compensatedPass(-1.0, x, 1.0, r, g);
    }

    /**
     * out ← AᵀA·x in one pass over A, AᵀA·x summed in compensated arithmetic like
     * {@link #residualAndGradient} (not thread-safe: uses a scratch vector).
     */
    void gramCompensated(double[] x, double[] out) {
        compensatedPass(1.0, x, 0.0, scratchN, out);
    }

    /** y ← α·A·x + β·y and z ← Aᵀy compensated, the compensated sums continued across blocks. */
    private void compensatedPass(double alpha, double[] x, double beta, double[] y, double[] z) {
        if (source.inMemory()) {
            gemv.gemvThenTransposedCompensated(alpha, source.matrix(), x, 0, beta, y, 0, z, 0);
            return;
        }
        double[] sum = new double[d];
        double[] err = new double[d];
        double[] bz = new double[d];
        double[] be = new double[d];
        source.forEachBlock((r0, block) -> {
            gemv.gemvThenTransposedCompensatedPair(alpha, block, x, 0, beta, y, r0, bz, be);
            for (int j = 0; j < d; j++) {
                double u = sum[j] + bz[j];
                double v = u - sum[j];
                err[j] += (sum[j] - (u - v)) + (bz[j] - v) + be[j];
                sum[j] = u;
            }
        });
        for (int j = 0; j < d; j++) {
            z[j] = sum[j] + err[j];
        }
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
