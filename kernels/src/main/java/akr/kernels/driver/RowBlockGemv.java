package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.gemv.Gemv;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The parallel {@link Gemv} driver shared by the scalar and SIMD tiers, which supply only the row-block
 * kernels.
 *
 * <p><b>Parallel decomposition</b> (only the row-block kernels
 * {@link #rowsN}, {@link #rowsT} and {@link #rowsTCompensated} differ):
 * <ul>
 *   <li>op = N: rows are split into chunks; each output element is one row's dot product, so the
 *       thread count cannot change any result.</li>
 *   <li>op = T: rows are split into at most {@value #MAX_T_CHUNKS} chunks whose count depends only on
 *       the shape; each chunk accumulates its own partial Aᵀx, and the partials are added in chunk
 *       order. Results are bit-identical for any thread count.</li>
 * </ul>
 */
public abstract class RowBlockGemv extends Gemv {

    /** Matrix elements a chunk should at least hold before it is worth a task. */
    static final long GRAIN_ELEMENTS = 1 << 16;

    protected RowBlockGemv(ParallelExecutor executor) {
        super(executor);
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
    @Override
    protected final void gemvThenTransposedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                             double[] y, int yOff, double[] z, int zOff) {
        fusedPass(false, alpha, a, x, xOff, beta, y, yOff, z, zOff, null);
    }

    /**
     * The trusting compensated kernel: as {@link #gemvThenTransposedK}, with {@link #rowsTCompensated}
     * keeping a sum and an error term per chunk; the chunks' sums are added by TwoSum in chunk
     * order, their error terms aside, and each z_j is the sum plus the error terms.
     */
    @Override
    protected final void gemvThenTransposedCompensatedK(double alpha, DenseMatrix a, double[] x, int xOff,
                                                        double beta, double[] y, int yOff, double[] z, int zOff,
                                                        double[] zErr) {
        fusedPass(true, alpha, a, x, xOff, beta, y, yOff, z, zOff, zErr);
    }

    /**
     * The driver of both fused kernels; {@code compensated} picks the transposed block kernel and the
     * reduction, and a non-null {@code zErr} receives the compensated sum's error terms unrounded.
     */
    private void fusedPass(boolean compensated, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                           double[] y, int yOff, double[] z, int zOff, double[] zErr) {
        int rows = a.rows();
        int cols = a.cols();
        if (rows == 0) {
            scaleInto(z, zOff, cols, 0.0);
            if (zErr != null) {
                java.util.Arrays.fill(zErr, 0, cols, 0.0);
            }
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
            if (zErr != null) {
                z[zOff + j] = s;
                zErr[j] = e;
            } else {
                z[zOff + j] = compensated ? s + e : s;
            }
        }
    }


    /**
     * For rows r in [r0, r1) and every column j, in row order: p = x_r·A[r, j] with its rounding
     * error q = fma(x_r, A[r, j], −p); sum_j ← sum_j + p with its rounding error t (TwoSum);
     * err_j ← err_j + (t + q). The slices start at zero and carry over between calls.
     */
    protected abstract void rowsTCompensated(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] sum,
                                             double[] err, int accOff);

    /** Rows split into chunks for op = N; for op = T, partial vectors per chunk added in chunk order. */
    @Override
    protected final void gemvK(Op op, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
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
