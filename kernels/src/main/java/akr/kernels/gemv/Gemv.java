package akr.kernels.gemv;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Matrix–vector products y ← α·op(A)·x + β·y on a {@link DenseMatrix} of any leading dimension.
 *
 * <p>The memory-bound inner loop of every iterative solver. With β = 0, y is overwritten: whatever
 * it held (NaN, ∞) does not reach the result.
 *
 * <p><b>Tiers.</b> {@link ReferenceGemv} is one naive dot product per element (the test oracle);
 * {@link ScalarGemv} and {@code akr.kernels.simd.SimdGemv} share the parallel row-block driver of
 * {@code akr.kernels.driver.RowBlockGemv} and differ only in its row-block kernels. Results are
 * bit-identical for any thread count.
 */
public abstract class Gemv {

    /** Upper bound on the number of row chunks (and partial vectors) of the transposed product. */
    public static final int MAX_T_CHUNKS = 32;

    protected final ParallelExecutor executor;

    protected Gemv(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static Gemv get() {
        return KernelProvider.get(Gemv.class);
    }

    /** A given tier on the shared executor. */
    public static Gemv of(Tier tier) {
        return KernelProvider.load(Gemv.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static Gemv of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Gemv.class, tier, executor);
    }

    /**
     * y[yOff …] ← α·op(A)·x[xOff …] + β·y[yOff …]. x has op(A).cols() elements, y has op(A).rows().
     *
     * @throws IllegalArgumentException on null arguments, vectors outside their arrays, or y sharing
     *                                  storage with A or x
     */
    public final void gemv(Op op, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                           double[] y, int yOff) {
        Checks.notNull("op", op);
        Checks.notNull("a", a);
        int m = op.rows(a);
        int n = op.cols(a);
        Checks.vector("x", x, xOff, n);
        Checks.vector("y", y, yOff, m);
        Checks.noOverlap("y", y, yOff, m, "a", a);
        if (x == y && m > 0 && n > 0 && xOff < yOff + m && yOff < xOff + n) {
            throw new IllegalArgumentException("y overlaps x");
        }
        gemvK(op, alpha, a, x, xOff, beta, y, yOff);
    }

    /** A new vector op(A)·x. */
    public final double[] multiply(Op op, DenseMatrix a, double[] x) {
        Checks.notNull("op", op);
        Checks.notNull("a", a);
        Checks.notNull("x", x);
        if (x.length != op.cols(a)) {
            throw new IllegalArgumentException("x: length " + x.length + ", op(a) has " + op.cols(a) + " columns");
        }
        double[] y = new double[op.rows(a)];
        gemv(op, 1.0, a, x, 0, 0.0, y, 0);
        return y;
    }

    /**
     * The two products of a normal-equations step in one pass over A: y[yOff …] ← α·A·x[xOff …] +
     * β·y[yOff …], then z[zOff …] ← Aᵀ·y[yOff …]. With β = 0 this is z = AᵀA·x (y receives A·x); with
     * y = b, α = −1, β = 1 it is the residual r = b − A·x and the gradient Aᵀr.
     *
     * <p>Each row block of A serves both products while it is in cache, so a matrix larger than the
     * caches is read from memory once instead of twice. The transposed product is reduced in row
     * chunks whose count depends only on the shape (results are bit-identical for any thread count),
     * but its summation order differs from {@link #gemv}'s, so z may differ from a separate
     * {@code gemv(Op.T, …)} in the last bits.
     *
     * @throws IllegalArgumentException on null arguments, vectors outside their arrays, or any two of
     *                                  A, x, y and z sharing storage
     */
    public final void gemvThenTransposed(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                         double[] y, int yOff, double[] z, int zOff) {
        checkFused(a, x, xOff, y, yOff, z, zOff);
        gemvThenTransposedK(alpha, a, x, xOff, beta, y, yOff, z, zOff);
    }

    /**
     * {@link #gemvThenTransposed} with z ← Aᵀy summed in compensated arithmetic (Ogita–Rump–Oishi
     * Dot2: each product's rounding error by an FMA, each addition's by TwoSum, the errors summed
     * aside and added at the end). The computed z then satisfies, per element,
     * |z_j − Σ_r A[r, j]·y_r| ≤ u·|Σ_r A[r, j]·y_r| + γ²_{rows+c}·Σ_r |A[r, j]·y_r| (c chunks): as
     * accurate as if summed in twice the working precision and rounded once, whatever the number of
     * rows, where the plain sum's error grows with it. y is computed exactly as by
     * {@link #gemvThenTransposed}.
     *
     * <p>For iterative refinement of least squares: with y the residual b − Ax, the attainable
     * accuracy of the correction is set by how accurately Aᵀy is summed over the n rows. The extra
     * work is a few vector operations per element, hidden behind the memory traffic for tall A.
     *
     * @throws IllegalArgumentException as {@link #gemvThenTransposed}
     */
    public final void gemvThenTransposedCompensated(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                                    double[] y, int yOff, double[] z, int zOff) {
        checkFused(a, x, xOff, y, yOff, z, zOff);
        gemvThenTransposedCompensatedK(alpha, a, x, xOff, beta, y, yOff, z, zOff, null);
    }

    /**
     * {@link #gemvThenTransposedCompensated} with Aᵀy returned unrounded, as the pair of its sum and
     * its summed error terms: Aᵀy ≈ z[j] + zErr[j] (both from offset 0, length a.cols()), and
     * fl(z[j] + zErr[j]) is bit for bit what {@link #gemvThenTransposedCompensated} gives. For a
     * caller that sums Aᵀy over several row blocks of A and continues the compensated sum across
     * them (TwoSum of the z's, error terms aside) instead of rounding each block's result.
     *
     * @throws IllegalArgumentException as {@link #gemvThenTransposed}, or when zErr is null, shorter
     *                                  than a.cols() or shares storage with A, x, y or z
     */
    public final void gemvThenTransposedCompensatedPair(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                                        double[] y, int yOff, double[] z, double[] zErr) {
        checkFused(a, x, xOff, y, yOff, z, 0);
        Checks.vector("zErr", zErr, 0, a.cols());
        Checks.noOverlap("zErr", zErr, 0, a.cols(), "a", a);
        int n = a.cols();
        if (overlaps(zErr, 0, n, x, xOff, n) || overlaps(zErr, 0, n, y, yOff, a.rows())
                || overlaps(zErr, 0, n, z, 0, n)) {
            throw new IllegalArgumentException("zErr must not overlap x, y or z");
        }
        gemvThenTransposedCompensatedK(alpha, a, x, xOff, beta, y, yOff, z, 0, zErr);
    }

    private static void checkFused(DenseMatrix a, double[] x, int xOff, double[] y, int yOff, double[] z, int zOff) {
        Checks.notNull("a", a);
        int m = a.rows();
        int n = a.cols();
        Checks.vector("x", x, xOff, n);
        Checks.vector("y", y, yOff, m);
        Checks.vector("z", z, zOff, n);
        Checks.noOverlap("y", y, yOff, m, "a", a);
        Checks.noOverlap("z", z, zOff, n, "a", a);
        if (overlaps(x, xOff, n, y, yOff, m) || overlaps(x, xOff, n, z, zOff, n) || overlaps(y, yOff, m, z, zOff, n)) {
            throw new IllegalArgumentException("x, y and z must not overlap");
        }
    }

    private static boolean overlaps(double[] u, int uOff, int un, double[] v, int vOff, int vn) {
        return u == v && un > 0 && vn > 0 && uOff < vOff + vn && vOff < uOff + un;
    }


    /** The trusting kernel: arguments are valid. */
    protected abstract void gemvK(Op op, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                  double[] y, int yOff);

    /** The trusting fused kernel: arguments are valid. */
    protected abstract void gemvThenTransposedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                                double[] y, int yOff, double[] z, int zOff);

    /**
     * The trusting compensated fused kernel: arguments are valid. With {@code zErr} null, z ← the
     * rounded sum plus error terms; otherwise z ← the sum and zErr[0 …] ← the error terms, unrounded.
     */
    protected abstract void gemvThenTransposedCompensatedK(double alpha, DenseMatrix a, double[] x, int xOff,
                                                           double beta, double[] y, int yOff, double[] z, int zOff,
                                                           double[] zErr);

    /** The rounding error of u = fl(a + b), exactly: (a + b) − u (Knuth's TwoSum). */
    protected static double twoSumError(double a, double b, double u) {
        double v = u - a;
        return (a - (u - v)) + (b - v);
    }
}
