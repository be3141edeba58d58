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
     * The trusting kernel: row i of src starts at s[sOff + i·sLd], row i of dst at d[dOff + i·dLd], each
     * {@code cols} long; all indices valid, no aliasing.
     */
    protected abstract void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight,
                                        int count, double[] d, int dOff, int dLd, int cols);
}
