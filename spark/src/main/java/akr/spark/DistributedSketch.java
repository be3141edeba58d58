package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.sketch.Accumulator;
import akr.kernels.sketch.Sketch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S·A for A distributed as {@link RowBlocks}, with the same S as one machine
 * ({@code Kernels.sketch(kind, m, n, seed)}): each partition applies S to its own rows, keyed by
 * their global row indices through the counter-based randomness, and the partial sketches are
 * tree-reduced to the driver.
 *
 * <p><b>Bit for bit, for any partitioning.</b> One machine's {@link Sketch#apply} cuts A into
 * fixed chunks of {@link #chunkRows} rows (a function of n, m and d only; at most 16), accumulates
 * each chunk's unscaled partial in row order, then sums the partials in chunk order and scales.
 * Here each partition accumulates, with the same kernels ({@link Accumulator}), the pieces of
 * chunks that start in it; the tree reduction only gathers the pieces; the driver restores each
 * chunk's partial into an accumulator and lets it finish ({@link Accumulator#restoreChunk}). A
 * chunk split between partitions is continued, not re-summed ({@link Assembly#EXACT}, the
 * default): its later pieces are accumulated in extra jobs ("waves"), each starting from the
 * partial the previous piece left (a carry of m·d doubles), exactly as one machine would have
 * continued. So S·A equals one machine's bit for bit whatever the partitioning, the block sizes
 * and the executor threads; the price is one extra job per additional piece of the most split
 * chunk (none when partition boundaries fall on multiples of {@link #chunkRows}, as
 * {@link RowBlocks#evenBoundaries} makes them). {@link Assembly#REASSOCIATED} instead
 * accumulates every piece at once from zero and adds the pieces in row order: one job, S·A equal
 * to one machine's up to that reassociation (and reproducible for a given layout).
 *
 * <p>SRHT and Gaussian sketches process rows in atoms (a Hadamard block, a Gaussian panel): a
 * partition boundary that splits an atom is refused before any task runs, with the alignment
 * that works.
 *
 * <p>Traffic: one m×d partial per chunk and per piece travels to the driver (m·d·8 bytes each),
 * and each wave sends the carries (m·d·8 bytes per split chunk) to the tasks that continue them.
 */
public final class DistributedSketch {

    /** How the pieces of a chunk split between partitions are combined. */
    public enum Assembly {
        /** Continue each split chunk from its previous piece's partial: bit-identical to one machine. */
        EXACT,
        /** Accumulate every piece from zero in one pass and add the pieces: equal up to rounding. */
        REASSOCIATED
    }

    private DistributedSketch() {
    }

    /**
     * A distributed sketch.
     *
     * @param sa           S·A, m×d
     * @param bitIdentical whether SA equals one machine's bit for bit (always with EXACT)
     * @param splitChunks  chunks that were split between partitions
     * @param waves        extra jobs that continued split chunks (EXACT only)
     * @param chunkRows    rows per chunk
     */
    public record Result(DenseMatrix sa, boolean bitIdentical, int splitChunks, int waves, int chunkRows) {
    }

    /** Rows per chunk of one machine's sketch of an n×d A: boundaries at multiples need no extra jobs. */
    public static int chunkRows(Sketch.Kind kind, int m, int n, int d, long seed) {
        return Kernels.defaults().sketch(kind, m, n, seed).accumulator(d).chunkRows();
    }

    /** S·A, S of the given kind with m rows drawn from {@code seed}, assembled {@link Assembly#EXACT}ly. */
    public static Result sketch(RowBlocks blocks, Sketch.Kind kind, int m, long seed) {
        return sketch(blocks, kind, m, seed, Assembly.EXACT);
    }

    /** S·A with the given assembly of split chunks. */
    public static Result sketch(RowBlocks blocks, Sketch.Kind kind, int m, long seed, Assembly assembly) {
        if (blocks == null || kind == null || assembly == null) {
            throw new IllegalArgumentException("blocks, kind and assembly must not be null");
        }
        int n = blocks.rows();
        int d = blocks.cols();
        // validates m against n here, on the driver, before any task runs
        Sketch driverSketch = Kernels.defaults().sketch(kind, m, n, seed);
        checkBoundaries(driverSketch, d, blocks.partitionRanges());
        boolean exact = assembly == Assembly.EXACT;
        Pieces all = blocks.rdd().mapPartitionsWithIndex((idx, it) -> {
            Sketch s = TaskKernels.get().sketch(kind, m, n, seed);
            return List.of(firstPass(s, d, idx, RowBlocks.sorted(it), exact)).iterator();
        }, true).treeReduce((x, y) -> Pieces.merge(x, y, !exact), DistributedOps.TREE_DEPTH);
        Accumulator acc = driverSketch.accumulator(d);
        int split = 0;
        Map<Integer, Piece> done = new TreeMap<>();
        Map<Integer, List<Piece>> pending = new TreeMap<>();
        for (int c = 0; c < acc.chunkCount(); c++) {
            TreeMap<Integer, Piece> ps = all.byChunk.get(c);
            if (!exact && ps != null) {
                all.collapseIfComplete(ps); // a single-partition RDD never merges
            }
            if (ps == null || ps.firstKey() != c * acc.chunkRows()) {
                throw new IllegalStateException("chunk " + c + " has no piece at its first row");
            }
            List<Piece> list = new ArrayList<>(ps.values());
            if (list.size() > 1 || list.get(0).pieces() > 1) {
                split++;
            }
            done.put(c, list.get(0));
            if (list.size() > 1) {
                pending.put(c, new ArrayList<>(list.subList(1, list.size())));
            }
        }
        if (!exact && !pending.isEmpty()) {
            throw new IllegalStateException("chunks " + pending.keySet() + " were not assembled");
        }
        int waves = 0;
        while (!pending.isEmpty()) {
            // one wave: the next piece of every split chunk, continued from the carry
            Map<Integer, List<Piece>> byPartition = new HashMap<>();
            for (Map.Entry<Integer, List<Piece>> e : pending.entrySet()) {
                Piece prev = done.get(e.getKey());
                Piece next = e.getValue().remove(0);
                if (next.from() != prev.to()) {
                    throw new IllegalStateException("chunk " + e.getKey() + ": rows [" + prev.to() + ", " + next.from() + ") are missing");
                }
                byPartition.computeIfAbsent(next.partition(), k -> new ArrayList<>())
                        .add(new Piece(next.chunk(), next.from(), next.to(), prev.partial(), 1, next.partition()));
            }
            pending.values().removeIf(List::isEmpty);
            List<Piece> continued = blocks.rdd().mapPartitionsWithIndex((idx, it) -> {
                List<Piece> mine = byPartition.get(idx);
                if (mine == null) {
                    return java.util.Collections.<Piece>emptyIterator();
                }
                Sketch s = TaskKernels.get().sketch(kind, m, n, seed);
                return continuePieces(s, d, RowBlocks.sorted(it), mine).iterator();
            }, true).collect();
            for (Piece p : continued) {
                Piece prev = done.get(p.chunk());
                done.put(p.chunk(), new Piece(p.chunk(), prev.from(), p.to(), p.partial(), prev.pieces() + 1, -1));
            }
            waves++;
        }
        for (Map.Entry<Integer, Piece> e : done.entrySet()) {
            acc.restoreChunk(e.getKey(), e.getValue().to(), e.getValue().partial());
        }
        return new Result(acc.result(), exact || split == 0, split, waves, acc.chunkRows());
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

    /**
     * One partition's pieces: those that begin a chunk are accumulated (from zero: exact); with
     * {@code exact}, the others are only recorded, to be continued from their carry in a wave;
     * otherwise they are accumulated from zero too.
     */
    static Pieces firstPass(Sketch s, int d, int partition, List<RowBlock> blocks, boolean exact) {
        Accumulator acc = s.accumulator(d);
        int chunkRows = acc.chunkRows();
        Pieces out = new Pieces(chunkRows, s.sourceRows());
        // per chunk: first row and end of the piece being built, and whether it is computed
        int[] start = new int[acc.chunkCount()];
        int[] end = new int[acc.chunkCount()];
        boolean[] computed = new boolean[acc.chunkCount()];
        java.util.Arrays.fill(start, -1);
        for (RowBlock blk : blocks) {
            int c0 = blk.rowOffset() / chunkRows;
            int c1 = (blk.endRow() - 1) / chunkRows;
            for (int c = c0; c <= c1; c++) {
                int lo = Math.max(blk.rowOffset(), c * chunkRows);
                int hi = Math.min(blk.endRow(), acc.chunkEndRow(c));
                if (start[c] >= 0 && end[c] != lo) {
                    out.add(finish(acc, c, start[c], end[c], computed[c], partition));
                    start[c] = -1;
                }
                if (start[c] < 0) {
                    start[c] = lo;
                    computed[c] = !exact || lo == c * chunkRows;
                    if (computed[c]) {
                        acc.restoreChunk(c, lo, new double[s.rows() * d]); // a piece starts from zero
                    }
                }
                if (computed[c]) {
                    acc.accumulate(lo, blk.matrix().rows(lo - blk.rowOffset(), hi - lo));
                }
                end[c] = hi;
            }
        }
        for (int c = 0; c < start.length; c++) {
            if (start[c] >= 0) {
                out.add(finish(acc, c, start[c], end[c], computed[c], partition));
            }
        }
        return out;
    }

    private static Piece finish(Accumulator acc, int c, int from, int to, boolean computed, int partition) {
        return new Piece(c, from, to, computed ? acc.chunkPartial(c) : null, 1, partition);
    }

    /** Continues each given piece from its carry (its {@code partial}) over this partition's rows. */
    static List<Piece> continuePieces(Sketch s, int d, List<RowBlock> blocks, List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            Accumulator acc = s.accumulator(d);
            acc.restoreChunk(p.chunk(), p.from(), p.partial());
            for (RowBlock blk : blocks) {
                int lo = Math.max(blk.rowOffset(), p.from());
                int hi = Math.min(blk.endRow(), p.to());
                if (lo < hi) {
                    acc.accumulate(lo, blk.matrix().rows(lo - blk.rowOffset(), hi - lo));
                }
            }
            if (acc.nextRow(p.chunk()) != p.to()) {
                throw new IllegalStateException("chunk " + p.chunk() + ": rows up to " + p.to() + " expected, got "
                        + acc.nextRow(p.chunk()));
            }
            out.add(new Piece(p.chunk(), p.from(), p.to(), acc.chunkPartial(p.chunk()), 1, -1));
        }
        return out;
    }

    /**
     * Rows [from, to) of one chunk, their unscaled partial (null while not yet computed),
     * {@code pieces} how many were combined into it, and the partition holding the rows.
     */
    record Piece(int chunk, int from, int to, double[] partial, int pieces, int partition) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Pieces by chunk and first row. */
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

        /** The union; with {@code collapse}, a chunk's pieces are summed once they cover it. */
        static Pieces merge(Pieces x, Pieces y, boolean collapse) {
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
            if (collapse) {
                for (TreeMap<Integer, Piece> m : out.byChunk.values()) {
                    out.collapseIfComplete(m);
                }
            }
            return out;
        }

        /** Sums the pieces in row order when they tile the whole chunk (the same sum whatever the tree's shape). */
        void collapseIfComplete(TreeMap<Integer, Piece> m) {
            if (m.size() < 2) {
                return;
            }
            List<Piece> ps = new ArrayList<>(m.values());
            for (int i = 1; i < ps.size(); i++) {
                if (ps.get(i).from() != ps.get(i - 1).to()) {
                    return;
                }
            }
            Piece first = ps.get(0);
            Piece last = ps.get(ps.size() - 1);
            int c = first.chunk();
            // ranges that are contiguous but not yet the whole chunk are left for a later merge
            if (first.from() != c * chunkRows || last.to() != (int) Math.min(n, (long) (c + 1) * chunkRows)) {
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
            m.put(first.from(), new Piece(c, first.from(), last.to(), sum, count, -1));
        }
    }
}
