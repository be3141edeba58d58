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
 * <p><b>Parallel decomposition</b> (shared by the scalar and SIMD tiers; only the row-block kernels
 * {@link #rowsN} and {@link #rowsT} differ):
 * <ul>
 *   <li>op = N: rows are split into chunks; each output element is one row's dot product, so the
 *       thread count cannot change any result.</li>
 *   <li>op = T: rows are split into at most {@value #MAX_T_CHUNKS} chunks whose count depends only on
 *       the shape; each chunk accumulates its own partial Aᵀx, and the partials are added in chunk
 *       order. Results are bit-identical for any thread count.</li>
 * </ul>
 */
public abstract class Gemv {

    /** Upper bound on the number of row chunks (and partial vectors) of the transposed product. */
    public static final int MAX_T_CHUNKS = 32;
    /** Matrix elements a chunk should at least hold before it is worth a task. */
    static final long GRAIN_ELEMENTS = 1 << 16;

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
        gemvThenTransposedCompensatedK(alpha, a, x, xOff, beta, y, yOff, z, zOff);
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

    /** Rows of one cache block of the fused product: about 256 KB of A, so it stays in L2. */
    static int fusedBlockRows(int cols) {
        return Math.max(1, (1 << 15) / Math.max(1, cols));
    }

    /**
     * The trusting fused kernel: per chunk of rows (count fixed by the shape, as for op = T), per
     * cache block of rows, {@link #rowsN} then {@link #rowsT} on the same rows; partials added in
     * chunk order.
     */
    protected void gemvThenTransposedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                       double[] y, int yOff, double[] z, int zOff) {
        fusedPass(false, alpha, a, x, xOff, beta, y, yOff, z, zOff);
    }

    /**
     * The trusting compensated kernel: as {@link #gemvThenTransposedK}, with {@link #rowsTCompensated}
     * keeping a sum and an error term per chunk; the chunks' sums are added by TwoSum in chunk
     * order, their error terms aside, and each z_j is the sum plus the error terms.
     */
    protected void gemvThenTransposedCompensatedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                                  double[] y, int yOff, double[] z, int zOff) {
        fusedPass(true, alpha, a, x, xOff, beta, y, yOff, z, zOff);
    }

    /** The driver of both fused kernels; {@code compensated} picks the transposed block kernel and the reduction. */
    private void fusedPass(boolean compensated, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                           double[] y, int yOff, double[] z, int zOff) {
        int rows = a.rows();
        int cols = a.cols();
        if (rows == 0) {
            scaleInto(z, zOff, cols, 0.0);
            return;
        }
        int chunks = ParallelExecutor.chunksFor((long) rows * Math.max(1, cols), GRAIN_ELEMENTS, MAX_T_CHUNKS);
        double[] sum = new double[chunks * cols];
        double[] err = compensated ? new double[chunks * cols] : null;
        int block = fusedBlockRows(cols);
        executor.forEachChunk(0, rows, chunks, (c, lo, hi) -> {
            for (int r = lo; r < hi; r += block) {
                int e = Math.min(hi, r + block);
                rowsN(a, r, e, alpha, x, xOff, beta, y, yOff);
                if (compensated) {
                    rowsTCompensated(a, r, e, y, yOff, sum, err, c * cols);
                } else {
                    rowsT(a, r, e, y, yOff, sum, c * cols);
                }
            }
        });
        for (int j = 0; j < cols; j++) {
            double s = sum[j];
            double e = compensated ? err[j] : 0;
            for (int c = 1; c < chunks; c++) {
                double t = sum[c * cols + j];
                if (compensated) {
                    double u = s + t;
                    e += twoSumError(s, t, u) + err[c * cols + j];
                    s = u;
                } else {
                    s += t;
                }
            }
            z[zOff + j] = compensated ? s + e : s;
        }
    }

    /** The rounding error of u = fl(a + b), exactly: (a + b) − u (Knuth's TwoSum). */
    protected static double twoSumError(double a, double b, double u) {
        double v = u - a;
        return (a - (u - v)) + (b - v);
    }

    /**
     * For rows r in [r0, r1) and every column j, in row order: p = x_r·A[r, j] with its rounding
     * error q = fma(x_r, A[r, j], −p); sum_j ← sum_j + p with its rounding error t (TwoSum);
     * err_j ← err_j + (t + q). The slices start at zero and carry over between calls.
     */
    protected abstract void rowsTCompensated(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] sum,
                                             double[] err, int accOff);

    /** The trusting kernel: arguments are valid. Tiers other than the reference keep this driver. */
    protected void gemvK(Op op, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                         double[] y, int yOff) {
        int rows = a.rows();
        int cols = a.cols();
        if (op == Op.N) {
            int chunks = ParallelExecutor.chunksFor((long) rows * Math.max(1, cols), GRAIN_ELEMENTS, 4 * MAX_T_CHUNKS);
            executor.forEachChunk(0, rows, chunks,
                    (c, lo, hi) -> rowsN(a, lo, hi, alpha, x, xOff, beta, y, yOff));
            return;
        }
        // op = T: y (length cols) ← α Σ_r x_r A[r, :] + β y
        if (rows == 0 || alpha == 0) {
            scaleInto(y, yOff, cols, beta);
            return;
        }
        int chunks = ParallelExecutor.chunksFor((long) rows * Math.max(1, cols), GRAIN_ELEMENTS, MAX_T_CHUNKS);
        double[] partial = new double[chunks * cols];
        executor.forEachChunk(0, rows, chunks, (c, lo, hi) -> rowsT(a, lo, hi, x, xOff, partial, c * cols));
        for (int c = 1; c < chunks; c++) {
            for (int j = 0; j < cols; j++) {
                partial[j] += partial[c * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            y[yOff + j] = beta == 0 ? alpha * partial[j] : Math.fma(beta, y[yOff + j], alpha * partial[j]);
        }
    }

    /** y ← β·y, with β = 0 writing zeros over anything. */
    static void scaleInto(double[] y, int yOff, int n, double beta) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] = beta == 0 ? 0.0 : beta * y[yOff + j];
        }
    }

    /**
     * For rows r in [r0, r1): y[yOff + r] ← α·(A[r, :]·x) + β·y[yOff + r] (β = 0 ignores the old y).
     */
    protected abstract void rowsN(DenseMatrix a, int r0, int r1, double alpha, double[] x, int xOff,
                                  double beta, double[] y, int yOff);

    /** acc[accOff + j] ← Σ_{r in [r0, r1)} x[xOff + r]·A[r, j]; acc's slice starts at zero. */
    protected abstract void rowsT(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] acc, int accOff);
}
