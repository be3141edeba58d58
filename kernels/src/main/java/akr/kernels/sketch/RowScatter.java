package akr.kernels.sketch;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Signed row scatter-add, the inner loop of every sparse sketch:
 * for t = 0, 1, …, count−1 in order, dst[dstRow[t], :] ← fma(weight[t], src[srcRow[t], :], dst[dstRow[t], :]).
 *
 * <p>CountSketch is one update per row of A (srcRow[t] = t), sparse sign s updates per row, and SRHT
 * gathers its sampled rows out of a transformed block with srcRow[t] = the sampled index. The
 * updates are applied in order, one fused multiply-add per element, so every tier gives the same
 * bits (with ±1 weights the product is exact, and the update is a plain addition). Single-threaded:
 * the sketches split rows over threads and give each chunk its own dst.
 */
public abstract class RowScatter {

    protected final ParallelExecutor executor;

    protected RowScatter(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static RowScatter get() {
        return KernelProvider.get(RowScatter.class);
    }

    /** A given tier on the shared executor. */
    public static RowScatter of(Tier tier) {
        return KernelProvider.load(RowScatter.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static RowScatter of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(RowScatter.class, tier, executor);
    }

    /**
     * dst[dstRow[t], :] += weight[t]·src[srcRow[t], :] for t &lt; count, in order.
     *
     * @throws IllegalArgumentException on null arguments, a column mismatch, count larger than an
     *                                  index array, a row index out of range, or dst sharing storage
     *                                  with src
     */
    public final void scatterAdd(DenseMatrix src, int[] srcRow, int[] dstRow, double[] weight, int count,
                                 DenseMatrix dst) {
        Checks.notNull("src", src);
        Checks.notNull("srcRow", srcRow);
        Checks.notNull("dstRow", dstRow);
        Checks.notNull("weight", weight);
        Checks.notNull("dst", dst);
        Checks.nonNegative("count", count);
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("dst: " + dst.cols() + " columns, src has " + src.cols());
        }
        if (count > srcRow.length || count > dstRow.length || count > weight.length) {
            throw new IllegalArgumentException("count: " + count + " exceeds the length of srcRow, dstRow or weight");
        }
        for (int t = 0; t < count; t++) {
            if (srcRow[t] < 0 || srcRow[t] >= src.rows()) {
                throw new IllegalArgumentException("srcRow[" + t + "]: " + srcRow[t] + " (src has " + src.rows() + " rows)");
            }
            if (dstRow[t] < 0 || dstRow[t] >= dst.rows()) {
                throw new IllegalArgumentException("dstRow[" + t + "]: " + dstRow[t] + " (dst has " + dst.rows() + " rows)");
            }
        }
        if (dst.mayOverlap(src)) {
            throw new IllegalArgumentException("dst overlaps the storage of src");
        }
        if (src.cols() == 0) {
            return;
        }
        scatterAddK(src.data(), src.offset(), src.ld(), srcRow, dstRow, weight, count, dst.data(), dst.offset(),
                dst.ld(), src.cols());
    }

    /**
     * The destination-grouped form: for every dst row i &lt; dst.rows() and e = start[i], …, start[i+1]−1
     * in order, dst[i, :] ← fma(weight[e], src[srcRow[e], :], dst[i, :]).
     *
     * <p>This is {@link #scatterAdd} of the same updates listed destination by destination. Updates
     * of different rows commute and those of one row keep their order, so it gives the same bits as
     * scatterAdd of any list of these updates in which the updates of each destination row appear
     * in the same relative order (for a sketch: row order of A). Its use is speed: each destination
     * row is read and written once, its sum formed in registers, instead of once per update.
     *
     * @throws IllegalArgumentException on null arguments, a column mismatch, start shorter than
     *                                  dst.rows() + 1, decreasing or out of the index arrays, a source
     *                                  row out of range, or dst sharing storage with src
     */
    public final void gatherAdd(DenseMatrix src, int[] srcRow, double[] weight, int[] start, DenseMatrix dst) {
        Checks.notNull("src", src);
        Checks.notNull("srcRow", srcRow);
        Checks.notNull("weight", weight);
        Checks.notNull("start", start);
        Checks.notNull("dst", dst);
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("dst: " + dst.cols() + " columns, src has " + src.cols());
        }
        int rows = dst.rows();
        if (start.length < rows + 1) {
            throw new IllegalArgumentException("start: length " + start.length + ", needs dst.rows() + 1 = " + (rows + 1));
        }
        if (start[0] < 0) {
            throw new IllegalArgumentException("start[0]: " + start[0] + " (must be >= 0)");
        }
        for (int i = 0; i < rows; i++) {
            if (start[i + 1] < start[i]) {
                throw new IllegalArgumentException("start[" + (i + 1) + "]: " + start[i + 1] + " < start[" + i + "] = " + start[i]);
            }
        }
        if (start[rows] > srcRow.length || start[rows] > weight.length) {
            throw new IllegalArgumentException("start[" + rows + "]: " + start[rows] + " exceeds the length of srcRow or weight");
        }
        for (int e = start[0]; e < start[rows]; e++) {
            if (srcRow[e] < 0 || srcRow[e] >= src.rows()) {
                throw new IllegalArgumentException("srcRow[" + e + "]: " + srcRow[e] + " (src has " + src.rows() + " rows)");
            }
        }
        if (dst.mayOverlap(src)) {
            throw new IllegalArgumentException("dst overlaps the storage of src");
        }
        if (src.cols() == 0) {
            return;
        }
        gatherAddK(src.data(), src.offset(), src.ld(), srcRow, weight, start, rows, dst.data(), dst.offset(), dst.ld(),
                src.cols());
    }

    /**
     * The trusting kernel: row i of src starts at s[sOff + i·sLd], row i of dst at d[dOff + i·dLd], each
     * {@code cols} long; all indices valid, no aliasing.
     */
    protected abstract void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight,
                                        int count, double[] d, int dOff, int dLd, int cols);

    /**
     * The trusting destination-grouped kernel of {@link #gatherAdd}: dst rows 0 … rows−1, updates of
     * row i at start[i] … start[i+1]−1; layouts as in {@link #scatterAddK}.
     */
    protected abstract void gatherAddK(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start,
                                       int rows, double[] d, int dOff, int dLd, int cols);
}
