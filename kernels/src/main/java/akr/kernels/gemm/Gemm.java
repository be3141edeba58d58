package akr.kernels.gemm;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * General matrix multiply C ← α·op(A)·op(B) + β·C on {@link DenseMatrix} views of any leading
 * dimension and offset. With β = 0, C is overwritten: NaN or ∞ it held do not reach the result.
 */
public abstract class Gemm {

    protected final ParallelExecutor executor;

    protected Gemm(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static Gemm get() {
        return KernelProvider.get(Gemm.class);
    }

    /** A given tier on the shared executor. */
    public static Gemm of(Tier tier) {
        return KernelProvider.load(Gemm.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static Gemm of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Gemm.class, tier, executor);
    }

    /**
     * C ← α·op(A)·op(B) + β·C.
     *
     * @throws IllegalArgumentException on null arguments, mismatched shapes, or C sharing storage
     *                                  with A or B
     */
    public final void gemm(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c) {
        Checks.notNull("opA", opA);
        Checks.notNull("opB", opB);
        Checks.notNull("a", a);
        Checks.notNull("b", b);
        Checks.notNull("c", c);
        int m = opA.rows(a);
        int k = opA.cols(a);
        if (opB.rows(b) != k) {
            throw new IllegalArgumentException("b: op(b) has " + opB.rows(b) + " rows, op(a) has " + k + " columns");
        }
        int n = opB.cols(b);
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("c: " + c.rows() + "x" + c.cols() + ", expected " + m + "x" + n);
        }
        if (c.mayOverlap(a)) {
            throw new IllegalArgumentException("c overlaps the storage of a");
        }
        if (c.mayOverlap(b)) {
            throw new IllegalArgumentException("c overlaps the storage of b");
        }
        gemmK(opA, opB, alpha, a, b, beta, c);
    }

    /** A new matrix op(A)·op(B). */
    public final DenseMatrix multiply(Op opA, DenseMatrix a, Op opB, DenseMatrix b) {
        Checks.notNull("opA", opA);
        Checks.notNull("opB", opB);
        Checks.notNull("a", a);
        Checks.notNull("b", b);
        DenseMatrix c = DenseMatrix.zeros(opA.rows(a), opB.cols(b));
        gemm(opA, opB, 1.0, a, b, 0.0, c);
        return c;
    }

    /** The trusting kernel: shapes agree, C does not alias A or B. */
    protected abstract void gemmK(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta,
                                  DenseMatrix c);
}
