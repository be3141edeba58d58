package akr.kernels.blas1;

import akr.kernels.Checks;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Level-1 BLAS on strided vectors: {@code dot}, {@code axpy}, {@code scal} and an overflow- and
 * underflow-safe {@code nrm2}.
 *
 * <p>A vector argument is {@code (x, xOff, incX)} with {@code n} elements
 * {@code x[xOff + i·incX]}, {@code incX ≥ 1}. The public methods validate their arguments (null
 * arrays, negative {@code n}, increments below 1, elements outside the array, forbidden aliasing)
 * and throw {@link IllegalArgumentException} naming the argument before touching any data; they
 * then call the tier's trusting {@code *K} kernel.
 *
 * <p>These kernels are single-threaded: at the sizes the solvers use them (d to n ≈ 10⁶) a pass is
 * well under a millisecond and the solvers' parallelism lives in the level-2 and level-3 kernels.
 */
public abstract class Blas1 {

    protected final ParallelExecutor executor;

    protected Blas1(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static Blas1 get() {
        return KernelProvider.get(Blas1.class);
    }

    /** A given tier on the shared executor. */
    public static Blas1 of(Tier tier) {
        return KernelProvider.load(Blas1.class, tier, ParallelExecutor.shared());
    }

    /** Σ x_i·y_i. */
    public final double dot(int n, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        Checks.vector("x", x, xOff, incX, n);
        Checks.vector("y", y, yOff, incY, n);
        return dotK(n, x, xOff, incX, y, yOff, incY);
    }

    /** Σ x_i·y_i over two whole arrays of the same length. */
    public final double dot(double[] x, double[] y) {
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: length " + y.length + " differs from x: length " + x.length);
        }
        return dotK(x.length, x, 0, 1, y, 0, 1);
    }

    /**
     * y ← αx + y. x and y may be the very same elements (same array, offset and increment) but must
     * not otherwise overlap.
     */
    public final void axpy(int n, double alpha, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        Checks.vector("x", x, xOff, incX, n);
        Checks.vector("y", y, yOff, incY, n);
        if (Checks.overlap(x, xOff, incX, y, yOff, incY, n) && !(xOff == yOff && incX == incY)) {
            throw new IllegalArgumentException("y overlaps x (only identical x and y are allowed)");
        }
        axpyK(n, alpha, x, xOff, incX, y, yOff, incY);
    }

    /** y ← αx + y over two whole arrays of the same length. */
    public final void axpy(double alpha, double[] x, double[] y) {
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: length " + y.length + " differs from x: length " + x.length);
        }
        axpyK(x.length, alpha, x, 0, 1, y, 0, 1);
    }

    /** x ← αx. With α = 0 the result is 0 even where x held NaN or infinity (BLAS convention). */
    public final void scal(int n, double alpha, double[] x, int xOff, int incX) {
        Checks.vector("x", x, xOff, incX, n);
        scalK(n, alpha, x, xOff, incX);
    }

    /**
     * ‖x‖₂ without overflow or underflow of intermediate squares: the result is finite whenever the
     * true norm is, and accurate to a few ulps for any scaling of x (LAPACK dnrm2's contract). NaN
     * in x gives NaN; an infinity (and no NaN) gives +∞.
     */
    public final double nrm2(int n, double[] x, int xOff, int incX) {
        Checks.vector("x", x, xOff, incX, n);
        return nrm2K(n, x, xOff, incX);
    }

    /** ‖x‖₂ of a whole array. */
    public final double nrm2(double[] x) {
        Checks.notNull("x", x);
        return nrm2K(x.length, x, 0, 1);
    }

    protected abstract double dotK(int n, double[] x, int xOff, int incX, double[] y, int yOff, int incY);

    protected abstract void axpyK(int n, double alpha, double[] x, int xOff, int incX, double[] y, int yOff, int incY);

    protected abstract void scalK(int n, double alpha, double[] x, int xOff, int incX);

    protected abstract double nrm2K(int n, double[] x, int xOff, int incX);
}
