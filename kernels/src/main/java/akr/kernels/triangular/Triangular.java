package akr.kernels.triangular;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Op;
import akr.kernels.SingularMatrixException;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Triangular solves with a square triangular matrix T (only its {@link Uplo} triangle is read).
 * A zero or non-finite diagonal entry (with {@link Diag#NON_UNIT}) throws
 * {@link SingularMatrixException} naming the index, before anything is written.
 */
public abstract class Triangular {

    /** Which triangle of T holds the matrix. */
    public enum Uplo { UPPER, LOWER }

    /** Whether T's diagonal is taken as all ones (not read) or read. */
    public enum Diag { UNIT, NON_UNIT }

    /** Whether T multiplies the unknown from the left (op(T)·X = αB) or the right (X·op(T) = αB). */
    public enum Side { LEFT, RIGHT }

    protected final ParallelExecutor executor;

    protected Triangular(ParallelExecutor executor) {
        this.executor = executor;
    }

    public static Triangular get() {
        return KernelProvider.get(Triangular.class);
    }

    public static Triangular of(Tier tier) {
        return KernelProvider.load(Triangular.class, tier, ParallelExecutor.shared());
    }

    public static Triangular of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Triangular.class, tier, executor);
    }

    /**
     * Solves in place: B ← α·op(T)⁻¹·B (side LEFT) or B ← α·B·op(T)⁻¹ (side RIGHT).
     */
    public final void trsm(Side side, Uplo uplo, Op op, Diag diag, double alpha, DenseMatrix t, DenseMatrix b) {
        Checks.notNull("side", side);
        Checks.notNull("uplo", uplo);
        Checks.notNull("op", op);
        Checks.notNull("diag", diag);
        Checks.notNull("t", t);
        Checks.notNull("b", b);
        if (t.rows() != t.cols()) {
            throw new IllegalArgumentException("t: " + t.rows() + "x" + t.cols() + " is not square");
        }
        int need = side == Side.LEFT ? b.rows() : b.cols();
        if (t.rows() != need) {
            throw new IllegalArgumentException("b: " + b.rows() + "x" + b.cols() + " does not fit t of order "
                    + t.rows() + " on the " + side.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (akr.kernels.gemm.Gemm.overlaps(b, t)) {
            throw new IllegalArgumentException("b overlaps the storage of t");
        }
        checkDiagonal(t, diag);
        trsmK(side, uplo, op, diag, alpha, t, b);
    }

    /** Solves op(T)·x = x in place for the n-vector x[xOff …]. */
    public final void trsv(Uplo uplo, Op op, Diag diag, DenseMatrix t, double[] x, int xOff) {
        Checks.notNull("uplo", uplo);
        Checks.notNull("op", op);
        Checks.notNull("diag", diag);
        Checks.notNull("t", t);
        if (t.rows() != t.cols()) {
            throw new IllegalArgumentException("t: " + t.rows() + "x" + t.cols() + " is not square");
        }
        Checks.vector("x", x, xOff, t.rows());
        Checks.noOverlap("x", x, xOff, t.rows(), "t", t);
        checkDiagonal(t, diag);
        trsvK(uplo, op, diag, t, x, xOff);
    }

    private static void checkDiagonal(DenseMatrix t, Diag diag) {
        if (diag == Diag.UNIT) {
            return;
        }
        double[] d = t.data();
        for (int i = 0; i < t.rows(); i++) {
            double v = d[t.index(i, i)];
            if (v == 0 || !Double.isFinite(v)) {
                throw new SingularMatrixException("triangular matrix has diagonal entry " + v + " at index " + i, i);
            }
        }
    }

    protected abstract void trsmK(Side side, Uplo uplo, Op op, Diag diag, double alpha, DenseMatrix t, DenseMatrix b);

    protected abstract void trsvK(Uplo uplo, Op op, Diag diag, DenseMatrix t, double[] x, int xOff);
}
