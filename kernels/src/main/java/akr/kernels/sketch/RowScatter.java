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
 * <p>CountSketch adds each row of A to one row ({@link #countSketchAdd}, its hashing fused into the
 * row loop), the sparse sign sketch to s rows ({@link #spreadAdd}, the row held in registers), and
 * SRHT gathers its sampled rows out of a transformed block with srcRow[t] = the sampled index. The
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
        checkRowIndices("srcRow", srcRow, count, "src", src.rows());
        checkRowIndices("dstRow", dstRow, count, "dst", dst.rows());
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
     * Each row of src spread to perRow rows of dst: for t &lt; src.rows() and u &lt; perRow, in order,
     * with e = t·perRow + u, dst[dstRow[e], :] ← fma(weight[e], src[t, :], dst[dstRow[e], :]).
     *
     * <p>This is {@link #scatterAdd} with srcRow[e] = ⌊e/perRow⌋ and count = src.rows()·perRow, and
     * gives its bits. It is the form of the sparse sign sketch (perRow = s): A is read once, in
     * order, and each row is held in registers while it is added to its destinations.
     *
     * @throws IllegalArgumentException on null arguments, perRow &lt; 1, a column mismatch, dstRow or
     *                                  weight shorter than src.rows()·perRow, a destination row out of
     *                                  range, or dst sharing storage with src
     */
    public final void spreadAdd(DenseMatrix src, int perRow, int[] dstRow, double[] weight, DenseMatrix dst) {
        Checks.notNull("src", src);
        Checks.notNull("dstRow", dstRow);
        Checks.notNull("weight", weight);
        Checks.notNull("dst", dst);
        if (perRow < 1) {
            throw new IllegalArgumentException("perRow: " + perRow + " (must be >= 1)");
        }
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("dst: " + dst.cols() + " columns, src has " + src.cols());
        }
        long count = (long) src.rows() * perRow;
        if (count > dstRow.length || count > weight.length) {
            throw new IllegalArgumentException("src.rows()·perRow = " + count + " exceeds the length of dstRow or weight");
        }
        checkRowIndices("dstRow", dstRow, (int) count, "dst", dst.rows());
        if (dst.mayOverlap(src)) {
            throw new IllegalArgumentException("dst overlaps the storage of src");
        }
        if (src.cols() == 0) {
            return;
        }
        spreadAddK(src.data(), src.offset(), src.ld(), src.rows(), perRow, dstRow, weight, dst.data(), dst.offset(),
                dst.ld(), src.cols());
    }

    /**
     * CountSketch's update of consecutive rows of A: src row t is row r = firstRow + t of A, and for
     * t &lt; src.rows(), in order, dst[h(r), :] ← fma(σ(r), src[t, :], dst[h(r), :]) with h(r) =
     * {@link CountSketch#bucket} and σ(r) = {@link CountSketch#sign}.
     *
     * <p>This is {@link #spreadAdd} with perRow = 1 and those destinations and signs, and gives its
     * bits. Each row's word is hashed in the row loop, so that the hashing overlaps the reading of
     * src instead of running before it (bench/notes/2026-12-01-sparse-sketches.md).
     *
     * @throws IllegalArgumentException on null arguments, a column mismatch, dst not having the
     *                                  sketch's m rows, rows outside [0, n) of the sketch, or dst
     *                                  sharing storage with src
     */
    public final void countSketchAdd(DenseMatrix src, CountSketch sketch, int firstRow, DenseMatrix dst) {
        Checks.notNull("src", src);
        Checks.notNull("sketch", sketch);
        Checks.notNull("dst", dst);
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("dst: " + dst.cols() + " columns, src has " + src.cols());
        }
        if (dst.rows() != sketch.rows()) {
            throw new IllegalArgumentException("dst: " + dst.rows() + " rows, the sketch has m = " + sketch.rows());
        }
        if (firstRow < 0 || (long) firstRow + src.rows() > sketch.sourceRows()) {
            throw new IllegalArgumentException("rows [" + firstRow + ", " + ((long) firstRow + src.rows())
                    + ") are outside [0, " + sketch.sourceRows() + ")");
        }
        if (dst.mayOverlap(src)) {
            throw new IllegalArgumentException("dst overlaps the storage of src");
        }
        if (src.cols() == 0) {
            return;
        }
        countSketchAddK(src.data(), src.offset(), src.ld(), src.rows(), firstRow, sketch.key(), sketch.rows(),
                dst.data(), dst.offset(), dst.ld(), src.cols());
    }

    /** Each of index[0 … count) is a row of a matrix with {@code rows} rows. */
    private static void checkRowIndices(String name, int[] index, int count, String matrix, int rows) {
        for (int t = 0; t < count; t++) {
            if (index[t] < 0 || index[t] >= rows) {
                throw new IllegalArgumentException(name + "[" + t + "]: " + index[t] + " (" + matrix + " has " + rows
                        + " rows)");
            }
        }
    }

    /**
     * The trusting kernel: row i of src starts at s[sOff + i·sLd], row i of dst at d[dOff + i·dLd], each
     * {@code cols} long; all indices valid, no aliasing.
     */
    protected abstract void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight,
                                        int count, double[] d, int dOff, int dLd, int cols);

    /**
     * The trusting kernel of {@link #spreadAdd}: source rows 0 … rows−1, the updates of row t at
     * t·perRow … t·perRow + perRow − 1; layouts as in {@link #scatterAddK}.
     */
    protected abstract void spreadAddK(double[] s, int sOff, int sLd, int rows, int perRow, int[] dstRow,
                                       double[] weight, double[] d, int dOff, int dLd, int cols);

    /**
     * The trusting kernel of {@link #countSketchAdd}: src rows 0 … rows−1 are rows firstRow … of A,
     * hashed with the sketch's key into m destination rows; layouts as in {@link #scatterAddK}.
     */
    protected abstract void countSketchAddK(double[] s, int sOff, int sLd, int rows, long firstRow, long key, int m,
                                            double[] d, int dOff, int dLd, int cols);
}
