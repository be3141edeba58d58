package akr.kernels.sketch;

/**
 * The driver shared by the sparse sketches (CountSketch, sparse sign): the signed row updates of a
 * batch of consecutive rows of A, applied to the partial sketch destination by destination.
 *
 * <p><b>Why.</b> Applied one by one, every update is a read-modify-write of a whole d-wide row of
 * the m×d partial (s of them per row of A for the sparse sign sketch): the kernel is bound by
 * stores and by the traffic between L1 and L2, where the partial lives (128 KB for 256×64). Here a
 * batch of {@link #batchRows} rows is gathered first: its updates are listed in row order by the
 * caller, stably sorted by destination row (counting sort), the batch is packed column block by
 * column block ({@value #COLUMN_BLOCK} columns, one cache line per row; a block of the batch is
 * {@value #BLOCK_DOUBLES} doubles = 16 KB, L1-resident), and {@link RowScatter#gatherAdd} forms each
 * destination's sum in registers, reading and writing the partial once per destination per batch.
 *
 * <p><b>Same bits.</b> The sort is stable, so the updates of each destination row are applied in
 * the row order of A, as applying them one by one does; the result is bit-identical to the
 * one-by-one scatter whatever the batch size, hence for any row blocking and thread count.
 */
final class GroupedBatch {

    /** Columns of a packed column block of the batch. */
    static final int COLUMN_BLOCK = 8;
    /** Doubles in one packed column block of the batch (16 KB). */
    static final int BLOCK_DOUBLES = 1 << 11;
    /** Below this many updates per destination row on average, the one-by-one scatter is used. */
    private static final int MIN_UPDATES_PER_ROW = 1;

    private final RowScatter scatter;
    private final int m;
    private final int cols;
    private final int batchRows;
    /** Updates of the batch in row order, filled by the caller: local source row, destination, weight. */
    final int[] src;
    final int[] dst;
    final double[] weight;
    private final int[] sortedSrc;
    private final double[] sortedWeight;
    private final int[] start;
    private final int[] cursor;
    private final double[] packed;

    GroupedBatch(RowScatter scatter, int m, int cols, int updatesPerRow) {
        this.scatter = scatter;
        this.m = m;
        this.cols = cols;
        this.batchRows = batchRows(cols);
        int cap = batchRows * updatesPerRow;
        this.src = new int[cap];
        this.dst = new int[cap];
        this.weight = new double[cap];
        this.sortedSrc = new int[cap];
        this.sortedWeight = new double[cap];
        this.start = new int[m + 1];
        this.cursor = new int[m];
        this.packed = cols > COLUMN_BLOCK ? new double[batchRows * cols] : null;
    }

    /** Rows of A per batch: a packed column block of the batch fills {@value #BLOCK_DOUBLES} doubles. */
    static int batchRows(int cols) {
        return BLOCK_DOUBLES / Math.max(1, Math.min(cols, COLUMN_BLOCK));
    }

    int batchRows() {
        return batchRows;
    }

    /**
     * Applies the first {@code count} listed updates, whose sources are the {@code rows} rows of A at
     * a[aOff + t·aLd] (t &lt; rows), to the m×cols packed partial acc.
     */
    void flush(int count, double[] a, int aOff, int aLd, int rows, double[] acc) {
        if (count < MIN_UPDATES_PER_ROW * m) {
            scatter.scatterAddK(a, aOff, aLd, src, dst, weight, count, acc, 0, cols, cols);
            return;
        }
        java.util.Arrays.fill(start, 0);
        for (int e = 0; e < count; e++) {
            start[dst[e] + 1]++;
        }
        for (int i = 0; i < m; i++) {
            start[i + 1] += start[i];
        }
        System.arraycopy(start, 0, cursor, 0, m);
        for (int e = 0; e < count; e++) {
            int p = cursor[dst[e]]++;
            sortedSrc[p] = src[e];
            sortedWeight[p] = weight[e];
        }
        if (packed == null) {
            scatter.gatherAddK(a, aOff, aLd, sortedSrc, sortedWeight, start, m, acc, 0, cols, cols);
            return;
        }
        for (int t = 0; t < rows; t++) {
            int ps = aOff + t * aLd;
            for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
                int w = Math.min(COLUMN_BLOCK, cols - j0);
                System.arraycopy(a, ps + j0, packed, j0 * rows + t * w, w);
            }
        }
        for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
            int w = Math.min(COLUMN_BLOCK, cols - j0);
            scatter.gatherAddK(packed, j0 * rows, w, sortedSrc, sortedWeight, start, m, acc, j0, cols, w);
        }
    }
}
