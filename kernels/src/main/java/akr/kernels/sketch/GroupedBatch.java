package akr.kernels.sketch;

/**
 * The driver shared by the sparse sketches (CountSketch, sparse sign): the signed row updates of a
 * batch of consecutive rows of A, applied to the partial sketch destination by destination.
 *
 * <p><b>Why.</b> Applied one by one, every update is a read-modify-write of a whole d-wide row of
 * the m×d partial (s of them per row of A for the sparse sign sketch): the kernel is bound by
 * stores and by the traffic between L1 and L2, where the partial lives (128 KB for 256×64). Here a
 * batch of {@link #batchRows} rows (128 KB of A, more for CountSketch so that each destination
 * gets about {@value #UPDATES_PER_DESTINATION} updates) is handled at once: its updates are stably
 * sorted by destination row (counting sort), the batch is copied in row order into an
 * L2-resident buffer (one sequential read of A), and {@link RowScatter#gatherAdd} forms each
 * destination's sum in registers over the whole row width, reading and writing the partial once
 * per destination per batch, with one data-dependent loop exit per destination instead of per
 * update.
 *
 * <p><b>Protocol.</b> For each batch the caller calls {@link #begin}, lists the updates row by
 * row with the same number {@code updatesPerRow} per row — update u of local row t at
 * t·updatesPerRow + u in {@link #dst} and {@link #weight} — counting each destination i in
 * {@link #counts}[i + 1] as it goes (the first pass of the counting sort, fused into the caller's
 * decoding loop), then calls {@link #flush}.
 *
 * <p><b>Same bits.</b> The sort is stable, so the updates of each destination row are applied in
 * the row order of A, as applying them one by one does; the result is bit-identical to the
 * one-by-one scatter whatever the batch size, hence for any row blocking and thread count.
 */
final class GroupedBatch {

    /** Doubles of A a batch should at least hold (128 KB). */
    static final int MIN_BATCH_DOUBLES = 1 << 14;
    /** Doubles of A a batch may hold when more rows are needed for several updates per destination (512 KB). */
    static final int MAX_BATCH_DOUBLES = 1 << 16;
    /** Updates per destination row a batch aims at. */
    static final int UPDATES_PER_DESTINATION = 4;
    /** Below this many updates per destination row on average, the one-by-one scatter is used. */
    private static final int MIN_UPDATES_PER_ROW = 1;

    private final RowScatter scatter;
    private final int m;
    private final int cols;
    private final int batchRows;
    private final int perRow;
    /** Destination and weight of each update of the batch, filled by the caller. */
    final int[] dst;
    final double[] weight;
    /** counts[i + 1]: updates of the batch to destination row i, counted by the caller (m + 1 entries). */
    final int[] counts;
    /** The local source row of each listed update (t for update t·perRow + u). */
    private final int[] rowOf;
    private final int[] sortedSrc;
    private final double[] sortedWeight;
    private final int[] cursor;
    private final double[] packed;

    GroupedBatch(RowScatter scatter, int m, int cols, int updatesPerRow) {
        this.scatter = scatter;
        this.m = m;
        this.cols = cols;
        this.perRow = updatesPerRow;
        this.batchRows = batchRows(m, cols, updatesPerRow);
        int cap = batchRows * updatesPerRow;
        this.dst = new int[cap];
        this.weight = new double[cap];
        this.counts = new int[m + 1];
        this.rowOf = new int[cap];
        for (int e = 0; e < cap; e++) {
            rowOf[e] = e / updatesPerRow;
        }
        this.sortedSrc = new int[cap];
        this.sortedWeight = new double[cap];
        this.cursor = new int[m];
        this.packed = new double[Math.max(1, batchRows * cols)];
    }

    /**
     * Rows of A per batch (a function of m, d and s only): at least {@value #MIN_BATCH_DOUBLES}
     * doubles, more (up to {@value #MAX_BATCH_DOUBLES}) when needed for about
     * {@value #UPDATES_PER_DESTINATION} updates per destination row.
     */
    static int batchRows(int m, int cols, int updatesPerRow) {
        int c = Math.max(1, cols);
        long wanted = (long) UPDATES_PER_DESTINATION * m / Math.max(1, updatesPerRow);
        return (int) Math.max(Math.max(1, MIN_BATCH_DOUBLES / c), Math.min(wanted, MAX_BATCH_DOUBLES / c));
    }

    int batchRows() {
        return batchRows;
    }

    /** Starts a batch: zeroes {@link #counts}. */
    void begin() {
        java.util.Arrays.fill(counts, 0);
    }

    /**
     * Applies the listed and counted updates of the {@code rows} rows of A at a[aOff + t·aLd]
     * (t &lt; rows ≤ {@link #batchRows}) to the m×cols packed partial acc.
     */
    void flush(int rows, double[] a, int aOff, int aLd, double[] acc) {
        int count = rows * perRow;
        if (count < MIN_UPDATES_PER_ROW * m) {
            scatter.scatterAddK(a, aOff, aLd, rowOf, dst, weight, count, acc, 0, cols, cols);
            return;
        }
        int[] start = counts; // prefix sums in place: start[i] = first sorted update of row i
        for (int i = 0; i < m; i++) {
            start[i + 1] += start[i];
        }
        System.arraycopy(start, 0, cursor, 0, m);
        for (int e = 0; e < count; e++) {
            int p = cursor[dst[e]]++;
            sortedSrc[p] = rowOf[e];
            sortedWeight[p] = weight[e];
        }
        // the batch, copied in row order (one sequential read of A), is then read in destination order
        if (aLd == cols) {
            System.arraycopy(a, aOff, packed, 0, rows * cols);
        } else {
            for (int t = 0; t < rows; t++) {
                System.arraycopy(a, aOff + t * aLd, packed, t * cols, cols);
            }
        }
        scatter.gatherAddK(packed, 0, cols, sortedSrc, sortedWeight, start, m, acc, 0, cols, cols);
    }
}
