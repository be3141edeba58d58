package akr.spark;

import akr.kernels.DenseMatrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A tall matrix A (n×d) and optionally b ∈ ℝⁿ, distributed as an RDD of {@link RowBlock}s that
 * cover rows [0, n) exactly once, kept cached: the input of {@link SparkPowerSolver}.
 *
 * <p>Construction validates the layout in one pass over the data: every block has d columns,
 * the blocks tile [0, n) without gap or overlap, either all or none carry b, and every entry is
 * finite (a NaN would otherwise surface later as a non-finite sketch; here it is named). It also
 * records the row range each partition holds, which decides whether the distributed sketch needs
 * extra jobs for chunks split between partitions ({@link DistributedSketch}).
 *
 * <p>Ways in: {@link #of(JavaRDD)} for blocks you made, {@link #fromLocal} to distribute a matrix
 * the driver holds (tests, benchmarks), {@link SparkInputs} for a {@code Dataset<Row>}, Parquet
 * and {@code .npy} shards.
 */
public final class RowBlocks implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default rows per block: 4096×64 doubles are 2 MB, big enough to amortise the kernels' calls. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;

    private final transient JavaRDD<RowBlock> rdd;
    private final int n;
    private final int d;
    private final boolean hasB;
    /** [first row, end row) per partition, by partition index; {-1, -1} for an empty partition. */
    private final int[][] partitionRanges;

    private RowBlocks(JavaRDD<RowBlock> rdd, int n, int d, boolean hasB, int[][] ranges) {
        this.rdd = rdd;
        this.n = n;
        this.d = d;
        this.hasB = hasB;
        this.partitionRanges = ranges;
    }

    /**
     * Validates and caches blocks made elsewhere (the RDD is persisted in memory and on disk
     * unless it is already persisted).
     *
     * @throws IllegalArgumentException when the blocks are empty, differ in width or in carrying
     *                                  b, leave a gap or overlap, or hold a non-finite entry
     */
    public static RowBlocks of(JavaRDD<RowBlock> blocks) {
        if (blocks == null) {
            throw new IllegalArgumentException("blocks: null");
        }
        JavaRDD<RowBlock> cached = blocks.getStorageLevel().equals(StorageLevel.NONE())
                ? blocks.persist(StorageLevel.MEMORY_AND_DISK()) : blocks;
        // one pass: per partition, its blocks' (offset, rows, cols, hasB) and the first non-finite entry
        List<long[]> stats = cached.mapPartitionsWithIndex((idx, it) -> {
            List<long[]> out = new ArrayList<>();
            while (it.hasNext()) {
                RowBlock blk = it.next();
                long bad = firstNonFinite(blk);
                out.add(new long[] {idx, blk.rowOffset(), blk.rows(), blk.cols(), blk.b() == null ? 0 : 1, bad});
            }
            return out.iterator();
        }, true).collect();
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("blocks: the RDD holds no rows");
        }
        long[][] s = stats.toArray(new long[0][]);
        Arrays.sort(s, (x, y) -> Long.compare(x[1], y[1]));
        int d = (int) s[0][3];
        boolean hasB = s[0][4] == 1;
        long next = 0;
        for (long[] e : s) {
            if (e[3] != d) {
                throw new IllegalArgumentException("block at row " + e[1] + " has " + e[3] + " columns, others " + d);
            }
            if ((e[4] == 1) != hasB) {
                throw new IllegalArgumentException("block at row " + e[1] + (hasB ? " lacks b" : " carries b")
                        + " unlike the block at row 0: either every block carries b or none");
            }
            if (e[1] != next) {
                throw new IllegalArgumentException(e[1] > next
                        ? "rows [" + next + ", " + e[1] + ") are in no block (blocks must cover 0..n-1 once)"
                        : "rows from " + e[1] + " are in two blocks (blocks must cover 0..n-1 once)");
            }
            if (e[5] >= 0) {
                long row = e[1] + e[5] / (d + 1);
                long col = e[5] % (d + 1);
                throw new IllegalArgumentException((col == d ? "b[" + row + "]" : "A[" + row + ", " + col + "]")
                        + " is not finite");
            }
            next = e[1] + e[2];
        }
        if (next > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n = " + next + " rows: at most " + Integer.MAX_VALUE + " are supported");
        }
        int parts = cached.getNumPartitions();
        int[][] ranges = new int[parts][];
        for (int p = 0; p < parts; p++) {
            ranges[p] = new int[] {-1, -1};
        }
        for (long[] e : s) {
            int[] r = ranges[(int) e[0]];
            r[0] = r[0] < 0 ? (int) e[1] : (int) Math.min(r[0], e[1]);
            r[1] = (int) Math.max(r[1], e[1] + e[2]);
        }
        return new RowBlocks(cached, (int) next, d, hasB, ranges);
    }

    /** Index·(d+1)-coded position of the first non-finite entry (column d is b), −1 if none. */
    private static long firstNonFinite(RowBlock blk) {
        int c = blk.cols();
        for (int i = 0; i < blk.rows(); i++) {
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(blk.a()[i * c + j])) {
                    return (long) i * (c + 1) + j;
                }
            }
            if (blk.b() != null && !Double.isFinite(blk.b()[i])) {
                return (long) i * (c + 1) + c;
            }
        }
        return -1;
    }

    /**
     * Distributes a matrix the driver holds: partition p gets rows [boundaries[p], boundaries[p+1]),
     * cut into blocks of at most {@code blockRows} rows.
     *
     * @param b          b ∈ ℝⁿ carried with the rows, or null
     * @param boundaries 0 = boundaries[0] &lt; … &lt; boundaries[P] = n
     */
    public static RowBlocks fromLocal(JavaSparkContext sc, DenseMatrix a, double[] b, int[] boundaries, int blockRows) {
        if (sc == null || a == null || boundaries == null) {
            throw new IllegalArgumentException("the Spark context, A and the boundaries must not be null");
        }
        int n = a.rows();
        if (b != null && b.length != n) {
            throw new IllegalArgumentException("b has length " + b.length + ", A has " + n + " rows");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows: " + blockRows + " (must be >= 1)");
        }
        int parts = boundaries.length - 1;
        if (parts < 1 || boundaries[0] != 0 || boundaries[parts] != n) {
            throw new IllegalArgumentException("boundaries " + Arrays.toString(boundaries) + " must run from 0 to n = " + n);
        }
        int perPart = 0;
        for (int p = 0; p < parts; p++) {
            if (boundaries[p + 1] <= boundaries[p]) {
                throw new IllegalArgumentException("boundaries " + Arrays.toString(boundaries) + " must increase strictly");
            }
            perPart = Math.max(perPart, (boundaries[p + 1] - boundaries[p] + blockRows - 1) / blockRows);
        }
        // exactly perPart blocks per partition, so parallelize's even slicing keeps the boundaries
        List<RowBlock> list = new ArrayList<>(parts * perPart);
        int d = a.cols();
        for (int p = 0; p < parts; p++) {
            int lo = boundaries[p];
            int rows = boundaries[p + 1] - lo;
            for (int k = 0; k < perPart; k++) {
                int r0 = lo + (int) ((long) rows * k / perPart);
                int r1 = lo + (int) ((long) rows * (k + 1) / perPart);
                if (r1 == r0) {
                    continue;
                }
                list.add(block(a, b, r0, r1 - r0));
            }
        }
        if (list.size() != parts * perPart) {
            // some partitions hold fewer rows than blocks: fall back to one block per partition range
            list.clear();
            List<List<RowBlock>> perPartition = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                perPartition.add(List.of(block(a, b, boundaries[p], boundaries[p + 1] - boundaries[p])));
            }
            return of(truncated(sc.parallelize(perPartition, parts).flatMap(List::iterator)));
        }
        return of(truncated(sc.parallelize(list, parts)));
    }

    /** As {@link #fromLocal(JavaSparkContext, DenseMatrix, double[], int[], int)} with {@link #evenBoundaries}. */
    public static RowBlocks fromLocal(JavaSparkContext sc, DenseMatrix a, double[] b, int partitions) {
        return fromLocal(sc, a, b, evenBoundaries(a.rows(), partitions, 1), DEFAULT_BLOCK_ROWS);
    }

    /**
     * Cached and cut from its lineage: a parallelized collection's partitions carry their data,
     * and every task of every later pass would ship it again from the driver.
     */
    private static JavaRDD<RowBlock> truncated(JavaRDD<RowBlock> rdd) {
        JavaRDD<RowBlock> cached = rdd.persist(StorageLevel.MEMORY_AND_DISK());
        cached.rdd().localCheckpoint();
        return cached;
    }

    private static RowBlock block(DenseMatrix a, double[] b, int r0, int rows) {
        int d = a.cols();
        double[] data = new double[rows * d];
        DenseMatrix.wrap(data, rows, d).copyFrom(a.rows(r0, rows));
        return new RowBlock(r0, rows, d, data, b == null ? null : Arrays.copyOfRange(b, r0, r0 + rows));
    }

    /**
     * Boundaries of {@code partitions} nearly equal row ranges of [0, n) whose inner boundaries
     * are multiples of {@code align} (use {@link DistributedSketch#chunkRows} for a layout whose
     * bit-identical sketch takes one pass, with no extra jobs for split chunks).
     */
    public static int[] evenBoundaries(int n, int partitions, int align) {
        if (partitions < 1 || align < 1 || n < 1) {
            throw new IllegalArgumentException("n " + n + ", partitions " + partitions + ", align " + align
                    + " (all must be >= 1)");
        }
        long units = ((long) n + align - 1) / align;
        int parts = (int) Math.min(partitions, units);
        int[] out = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            out[p] = (int) Math.min(n, units * p / parts * align);
        }
        out[parts] = n;
        return out;
    }

    /** The cached blocks. */
    public JavaRDD<RowBlock> rdd() {
        return rdd;
    }

    /** n, the rows of A. */
    public int rows() {
        return n;
    }

    /** d, the columns of A. */
    public int cols() {
        return d;
    }

    /** Whether the blocks carry b. */
    public boolean hasB() {
        return hasB;
    }

    /** Partitions of the RDD. */
    public int partitions() {
        return partitionRanges.length;
    }

    /** A copy of [first row, end row) of each partition ({-1, -1} if it holds nothing). */
    public int[][] partitionRanges() {
        int[][] out = new int[partitionRanges.length][];
        for (int p = 0; p < out.length; p++) {
            out[p] = partitionRanges[p].clone();
        }
        return out;
    }

    /** Gathers A to the driver (tests and small problems only). */
    public DenseMatrix collectA() {
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (RowBlock blk : rdd.collect()) {
            a.rows(blk.rowOffset(), blk.rows()).copyFrom(blk.matrix());
        }
        return a;
    }

    /** Gathers b to the driver, or null when the blocks carry none. */
    public double[] collectB() {
        if (!hasB) {
            return null;
        }
        double[] b = new double[n];
        for (RowBlock blk : rdd.collect()) {
            System.arraycopy(blk.b(), 0, b, blk.rowOffset(), blk.rows());
        }
        return b;
    }

    /** Releases the cached blocks. */
    public void unpersist() {
        rdd.unpersist(false);
    }

    /** Blocks of one partition sorted by row (partition iterators need not be ordered). */
    static List<RowBlock> sorted(Iterator<RowBlock> it) {
        List<RowBlock> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        out.sort((x, y) -> Integer.compare(x.rowOffset(), y.rowOffset()));
        return out;
    }
}
