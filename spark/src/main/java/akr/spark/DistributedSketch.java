package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.sketch.Accumulator;
import akr.kernels.sketch.Sketch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S·A for A distributed as {@link RowBlocks}, with the same S as one machine
 * ({@code Kernels.sketch(kind, m, n, seed)}): each partition applies S to its own rows, keyed by
 * their global row indices through the counter-based randomness, and the partial sketches are
 * tree-reduced to the driver.
 *
 * <p><b>What is bit-identical.</b> One machine's {@link Sketch#apply} cuts A into fixed chunks of
 * {@link #chunkRows} rows (a function of n, m and d only), accumulates each chunk's unscaled
 * partial in row order, then sums the partials in chunk order and scales. Here every partition
 * accumulates the pieces of chunks it holds with the same kernels ({@link Accumulator}); the tree
 * reduction only gathers pieces and, once all pieces of a chunk are present, adds them in row
 * order; the driver then restores each chunk's partial into an accumulator and lets it finish
 * ({@link Accumulator#restoreChunk}). So:
 * <ul>
 *   <li>S itself (every sign, bucket, sample) is identical for any partitioning;</li>
 *   <li>when no chunk is split between partitions ({@link Result#bitIdentical()}, e.g. partition
 *       boundaries at multiples of {@link #chunkRows}, which {@link RowBlocks#evenBoundaries} and
 *       {@link SparkInputs} produce), SA is bit-identical to one machine's, for any number of
 *       partitions, blocks per partition and executor threads;</li>
 *   <li>otherwise the partials of a split chunk are summed piece by piece: SA equals one
 *       machine's up to the reassociation of those sums (relative differences of order 10⁻¹⁶),
 *       and is still the same from run to run for the same layout.</li>
 * </ul>
 * SRHT and Gaussian sketches process rows in atoms (a Hadamard block, a Gaussian panel): a
 * partition boundary that splits an atom is refused with an error naming the atom size.
 *
 * <p>Traffic: one m×d partial per chunk and per split piece travels to the driver
 * (m·d·8 bytes each; 16 chunks at most), independent of n beyond that.
 */
public final class DistributedSketch {

    private DistributedSketch() {
    }

    /**
     * A distributed sketch.
     *
     * @param sa           S·A, m×d
     * @param bitIdentical whether every chunk was accumulated in one piece, so that SA equals one
     *                     machine's bit for bit
     * @param splitChunks  chunks that were split between partitions
     * @param chunkRows    rows per chunk
     */
    public record Result(DenseMatrix sa, boolean bitIdentical, int splitChunks, int chunkRows) {
    }

    /** Rows per chunk of one machine's sketch of an n×d A: partition boundaries at multiples keep SA bit-identical. */
    public static int chunkRows(Sketch.Kind kind, int m, int n, int d, long seed) {
        return Kernels.defaults().sketch(kind, m, n, seed).accumulator(d).chunkRows();
    }

    /** S·A, S of the given kind with m rows drawn from {@code seed}. */
    public static Result sketch(RowBlocks blocks, Sketch.Kind kind, int m, long seed) {
        if (blocks == null || kind == null) {
            throw new IllegalArgumentException("blocks and kind must not be null");
        }
        int n = blocks.rows();
        int d = blocks.cols();
        // validates m against n here, on the driver, before any task runs
        Sketch driverSketch = Kernels.defaults().sketch(kind, m, n, seed);
        checkBoundaries(driverSketch, d, blocks.partitionRanges());
        Pieces all = blocks.rdd().mapPartitions(it -> {
            Sketch s = TaskKernels.get().sketch(kind, m, n, seed);
            return List.of(accumulatePartition(s, d, RowBlocks.sorted(it))).iterator();
        }).treeReduce(Pieces::merge, 2);
        Accumulator acc = driverSketch.accumulator(d);
        int split = 0;
        for (int c = 0; c < acc.chunkCount(); c++) {
            TreeMap<Integer, Piece> ps = all.byChunk.get(c);
            if (ps == null || ps.size() != 1) {
                throw new IllegalStateException("chunk " + c + " was not assembled: " + (ps == null ? "no pieces" : ps.size() + " pieces"));
            }
            Piece p = ps.firstEntry().getValue();
            if (p.pieces > 1) {
                split++;
            }
            acc.restoreChunk(c, p.to, p.partial);
        }
        return new Result(acc.result(), split == 0, split, acc.chunkRows());
    }

    /**
     * Refuses, before any task runs, a partition that starts inside one of the sketch's atoms
     * (SRHT's Hadamard blocks, Gaussian panels): its rows could not be processed apart.
     */
    private static void checkBoundaries(Sketch s, int d, int[][] ranges) {
        Accumulator probe = s.accumulator(d);
        int chunkRows = probe.chunkRows();
        double[] zeros = new double[s.rows() * d];
        for (int[] r : ranges) {
            if (r[0] <= 0) {
                continue;
            }
            try {
                probe.restoreChunk(r[0] / chunkRows, r[0], zeros);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a partition starts at row " + r[0] + ", inside a block of rows the "
                        + s.kind() + " sketch processes as one unit; put partition boundaries at multiples of "
                        + chunkRows + " rows (DistributedSketch.chunkRows, RowBlocks.evenBoundaries)", e);
            }
        }
    }

    /** The pieces of chunks one partition holds, each accumulated in row order by the kernels. */
    static Pieces accumulatePartition(Sketch s, int d, List<RowBlock> blocks) {
        Accumulator acc = s.accumulator(d);
        int chunkRows = acc.chunkRows();
        int[] start = new int[acc.chunkCount()];
        java.util.Arrays.fill(start, -1);
        Pieces out = new Pieces(chunkRows, s.sourceRows());
        for (RowBlock blk : blocks) {
            int c0 = blk.rowOffset() / chunkRows;
            int c1 = (blk.endRow() - 1) / chunkRows;
            for (int c = c0; c <= c1; c++) {
                int lo = Math.max(blk.rowOffset(), c * chunkRows);
                if (start[c] >= 0 && acc.nextRow(c) != lo) {
                    out.add(new Piece(c, start[c], acc.nextRow(c), acc.chunkPartial(c), 1));
                    start[c] = -1;
                }
                if (start[c] < 0) {
                    try {
                        // a piece may begin mid-chunk: resume from zeros at its first row
                        acc.restoreChunk(c, lo, new double[s.rows() * d]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("a partition boundary at row " + lo + " splits a block of rows the "
                                + s.kind() + " sketch processes as one unit; put partition boundaries at multiples of "
                                + chunkRows + " rows (DistributedSketch.chunkRows)", e);
                    }
                    start[c] = lo;
                }
            }
            acc.accumulate(blk.rowOffset(), blk.matrix());
        }
        for (int c = 0; c < start.length; c++) {
            if (start[c] >= 0) {
                out.add(new Piece(c, start[c], acc.nextRow(c), acc.chunkPartial(c), 1));
            }
        }
        return out;
    }

    /** Rows [from, to) of one chunk and their unscaled partial; {@code pieces} how many were summed into it. */
    record Piece(int chunk, int from, int to, double[] partial, int pieces) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Pieces by chunk and first row; merging sums a chunk's pieces only once they cover it, in row order. */
    static final class Pieces implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<Integer, TreeMap<Integer, Piece>> byChunk = new TreeMap<>();
        final int chunkRows;
        final int n;

        Pieces(int chunkRows, int n) {
            this.chunkRows = chunkRows;
            this.n = n;
        }

        void add(Piece p) {
            byChunk.computeIfAbsent(p.chunk(), k -> new TreeMap<>()).put(p.from(), p);
        }

        static Pieces merge(Pieces x, Pieces y) {
            Pieces out = new Pieces(x.chunkRows, x.n);
            for (Pieces src : List.of(x, y)) {
                for (TreeMap<Integer, Piece> m : src.byChunk.values()) {
                    for (Piece p : m.values()) {
                        TreeMap<Integer, Piece> dst = out.byChunk.computeIfAbsent(p.chunk(), k -> new TreeMap<>());
                        if (dst.put(p.from(), p) != null) {
                            throw new IllegalStateException("rows from " + p.from() + " of chunk " + p.chunk() + " were sketched twice");
                        }
                    }
                }
            }
            for (TreeMap<Integer, Piece> m : out.byChunk.values()) {
                out.collapseIfComplete(m);
            }
            return out;
        }

        /** Sums the pieces in row order when they tile a contiguous range (order-independent of the merge tree). */
        private void collapseIfComplete(TreeMap<Integer, Piece> m) {
            if (m.size() < 2) {
                return;
            }
            List<Piece> ps = new ArrayList<>(m.values());
            for (int i = 1; i < ps.size(); i++) {
                if (ps.get(i).from() != ps.get(i - 1).to()) {
                    return;
                }
            }
            // only complete sets are summed, so the sum is the same whatever the tree's shape;
            // ranges that are contiguous but not yet the whole chunk are left for a later merge
            Piece first = ps.get(0);
            Piece last = ps.get(ps.size() - 1);
            int c = first.chunk();
            boolean wholeChunk = first.from() == c * chunkRows && last.to() == (int) Math.min(n, (long) (c + 1) * chunkRows);
            if (!wholeChunk) {
                return;
            }
            double[] sum = first.partial().clone();
            int count = first.pieces();
            for (int i = 1; i < ps.size(); i++) {
                double[] q = ps.get(i).partial();
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += q[k];
                }
                count += ps.get(i).pieces();
            }
            m.clear();
            m.put(first.from(), new Piece(first.chunk(), first.from(), last.to(), sum, count));
        }
    }
}
