package akr.kernels.sketch;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;

/**
 * SA accumulated over row blocks of A presented one after another: for matrices that do not fit
 * in memory, and for splitting A across machines.
 *
 * <p>The rows of A fall into fixed chunks of {@link #chunkRows()} rows (a function of n, m and d);
 * each chunk has its own partial sketch. {@link #accumulate} may be called with blocks of any size
 * and alignment; blocks of different chunks in any order; rows of one chunk in increasing order
 * (a block that skips or repeats rows of a chunk is rejected before anything is added). The result
 * is bit-identical to {@link Sketch#apply(DenseMatrix)} of the whole A, whatever the blocking and the
 * thread count. Not thread-safe: one caller at a time (each call is itself parallel over chunks).
 */
public final class Accumulator {

    private final Sketch sketch;
    private final int cols;
    private final int atom;
    private final int chunkRows;
    private final int nChunks;
    private final int[] next;
    private final double[][] partial;
    private final double[][] pending;
    private final Sketch.Worker[] workers;

    Accumulator(Sketch sketch, int cols) {
        this.sketch = sketch;
        this.cols = cols;
        this.atom = sketch.atomRows(cols);
        this.chunkRows = sketch.chunkRows(cols);
        this.nChunks = (int) (((long) sketch.n + chunkRows - 1) / chunkRows);
        this.next = new int[nChunks];
        for (int c = 0; c < nChunks; c++) {
            next[c] = c * chunkRows;
        }
        this.partial = new double[nChunks][];
        this.pending = new double[nChunks][];
        this.workers = new Sketch.Worker[nChunks];
    }

    /** Rows per chunk. */
    public int chunkRows() {
        return chunkRows;
    }

    /** Columns of A. */
    public int cols() {
        return cols;
    }

    private int chunkEnd(int c) {
        return (int) Math.min(sketch.n, (long) (c + 1) * chunkRows);
    }

    /**
     * Adds rows [rowOffset, rowOffset + block.rows()) of A, given as {@code block}.
     *
     * @throws IllegalArgumentException if the block has the wrong column count, lies outside
     *                                  [0, n), or skips or repeats rows of a chunk (nothing is added)
     */
    public void accumulate(int rowOffset, DenseMatrix block) {
        Checks.notNull("block", block);
        if (block.cols() != cols) {
            throw new IllegalArgumentException("block: " + block.cols() + " columns, the accumulator has " + cols);
        }
        if (rowOffset < 0 || (long) rowOffset + block.rows() > sketch.n) {
            throw new IllegalArgumentException("rows [" + rowOffset + ", " + ((long) rowOffset + block.rows())
                    + ") are outside [0, " + sketch.n + ")");
        }
        if (block.rows() == 0) {
            return;
        }
        int end = rowOffset + block.rows();
        int c0 = rowOffset / chunkRows;
        int c1 = (end - 1) / chunkRows;
        for (int c = c0; c <= c1; c++) {
            int lo = Math.max(rowOffset, c * chunkRows);
            if (lo != next[c]) {
                throw new IllegalArgumentException("rows [" + lo + ", " + Math.min(end, chunkEnd(c)) + "): chunk " + c
                        + " (rows " + c * chunkRows + " to " + chunkEnd(c) + ") expects row " + next[c]
                        + (next[c] == chunkEnd(c) ? " (it is complete)" : "") + "; rows of a chunk must arrive in order, once");
            }
        }
        sketch.executor().forEachChunk(c0, c1 + 1, c1 + 1 - c0, (i, cLo, cHi) -> {
            for (int c = cLo; c < cHi; c++) {
                int lo = Math.max(rowOffset, c * chunkRows);
                int hi = Math.min(end, chunkEnd(c));
                addSegment(c, lo, hi, block, rowOffset);
            }
        });
    }

    private void addSegment(int c, int lo, int hi, DenseMatrix block, int rowOffset) {
        if (partial[c] == null) {
            partial[c] = new double[sketch.m * cols];
        }
        if (workers[c] == null) {
            workers[c] = sketch.newWorker(cols);
        }
        Sketch.Worker w = workers[c];
        double[] acc = partial[c];
        double[] a = block.data();
        int ld = block.ld();
        if (atom == 1) {
            w.addRows(a, block.index(lo - rowOffset, 0), ld, lo, hi - lo, acc, cols);
        } else {
            int r = lo;
            while (r < hi) {
                int atomStart = r - r % atom;
                int atomEnd = (int) Math.min(sketch.n, (long) atomStart + atom);
                if (r == atomStart && hi >= atomEnd) {
                    w.addRows(a, block.index(r - rowOffset, 0), ld, atomStart, atomEnd - atomStart, acc, cols);
                    r = atomEnd;
                } else {
                    if (pending[c] == null) {
                        pending[c] = new double[Math.max(1, atom * cols)];
                    }
                    int stop = Math.min(hi, atomEnd);
                    for (int q = r; q < stop; q++) {
                        System.arraycopy(a, block.index(q - rowOffset, 0), pending[c], (q - atomStart) * cols, cols);
                    }
                    r = stop;
                    if (r == atomEnd) {
                        w.addRows(pending[c], 0, Math.max(1, cols), atomStart, atomEnd - atomStart, acc, cols);
                    }
                }
            }
        }
        next[c] = hi;
        if (hi == chunkEnd(c)) {
            workers[c] = null;
            pending[c] = null;
        }
    }

    /** Whether every row of A has been accumulated. */
    public boolean isComplete() {
        for (int c = 0; c < nChunks; c++) {
            if (next[c] != chunkEnd(c)) {
                return false;
            }
        }
        return true;
    }

    /** SA as a new m×d matrix. */
    public DenseMatrix result() {
        DenseMatrix out = DenseMatrix.zeros(sketch.m, cols);
        resultInto(out);
        return out;
    }

    /**
     * out ← SA: the chunk partials summed in chunk order and scaled.
     *
     * @throws IllegalStateException if some rows of A have not been accumulated
     */
    public void resultInto(DenseMatrix out) {
        Checks.notNull("out", out);
        if (out.rows() != sketch.m || out.cols() != cols) {
            throw new IllegalArgumentException("out: " + out.rows() + "x" + out.cols() + ", expected " + sketch.m + "x" + cols);
        }
        for (int c = 0; c < nChunks; c++) {
            if (next[c] != chunkEnd(c)) {
                throw new IllegalStateException("rows [" + next[c] + ", " + chunkEnd(c) + ") of A have not been accumulated");
            }
        }
        double scale = sketch.outputScale();
        int m = sketch.m;
        int chunks = ParallelExecutor.chunksFor((long) m * cols * nChunks, 1 << 16, 32);
        sketch.executor().forEachChunk(0, m, chunks, (k, i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                for (int j = 0; j < cols; j++) {
                    int p = i * cols + j;
                    double s = partial[0][p];
                    for (int c = 1; c < nChunks; c++) {
                        s += partial[c][p];
                    }
                    out.data()[out.index(i, j)] = scale * s;
                }
            }
        });
    }

    // ---- chunk partials across processes (akr-spark): each chunk's partial is computed where
    // its rows live and the driver assembles them, so SA is bit-identical to one machine ----

    /** Number of chunks (independent partial sketches) of this accumulator. */
    public int chunkCount() {
        return nChunks;
    }

    /** The first row of A chunk c does not hold, i.e. min(n, (c + 1)·chunkRows). */
    public int chunkEndRow(int c) {
        checkChunk(c);
        return chunkEnd(c);
    }

    /** The next row chunk c expects (its end when it is complete). */
    public int nextRow(int c) {
        checkChunk(c);
        return next[c];
    }

    /**
     * A copy of the unscaled partial of chunk c (m×cols, row-major) as accumulated so far; zeros
     * when none of its rows has been added.
     */
    public double[] chunkPartial(int c) {
        checkChunk(c);
        return partial[c] == null ? new double[sketch.m * cols] : partial[c].clone();
    }

    /**
     * Sets the state of chunk c to "rows [c·chunkRows, nextRow) accumulated, unscaled partial
     * {@code unscaledPartial}" (copied), as produced by {@link #chunkPartial} of an accumulator of
     * the same sketch elsewhere. Accumulating the remaining rows then continues exactly as if
     * they had followed in this accumulator; with nextRow = the chunk's end it completes the
     * chunk. nextRow must lie on a multiple of the sketch's atom (or the chunk's end).
     *
     * @throws IllegalArgumentException on a bad chunk, row or partial length
     */
    public void restoreChunk(int c, int nextRow, double[] unscaledPartial) {
        checkChunk(c);
        Checks.notNull("unscaledPartial", unscaledPartial);
        int lo = c * chunkRows;
        int hi = chunkEnd(c);
        if (nextRow < lo || nextRow > hi || (nextRow != hi && (nextRow - lo) % atom != 0)) {
            throw new IllegalArgumentException("nextRow: " + nextRow + " (chunk " + c + " holds rows " + lo + " to " + hi
                    + "; a resumed chunk must stop on a multiple of " + atom + " rows)");
        }
        if (unscaledPartial.length != sketch.m * cols) {
            throw new IllegalArgumentException("unscaledPartial: length " + unscaledPartial.length + ", expected "
                    + sketch.m * cols);
        }
        partial[c] = unscaledPartial.clone();
        next[c] = nextRow;
        pending[c] = null;
        workers[c] = null;
    }

    private void checkChunk(int c) {
        if (c < 0 || c >= nChunks) {
            throw new IllegalArgumentException("c: " + c + " (chunks are 0 to " + (nChunks - 1) + ")");
        }
    }
}
