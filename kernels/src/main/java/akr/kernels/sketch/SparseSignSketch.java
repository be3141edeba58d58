package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * Sparse sign sketch (OSNAP, Nelson–Nguyễn): column r of S has s nonzeros ±1/√s in s distinct rows.
 * With s = 8 and m ≈ 4d it is a subspace embedding of constant distortion at the cost of s row
 * updates per row of A.
 *
 * <p><b>Construction</b> (the block form of OSNAP): the m rows are cut into s blocks
 * [⌊q·m/s⌋, ⌊(q+1)·m/s⌋), q &lt; s, and column r has exactly one nonzero in each block, so the s
 * rows are distinct by construction. Nonzero q uses 32 bits u of the counter-based word
 * bits(seed, stream 2, r·⌈s/2⌉ + ⌊q/2⌋) (low half for even q, high half for odd q): its sign is
 * the top bit of u, its row ⌊q·m/s⌋ + ⌊(u mod 2³¹)·size_q / 2³¹⌋ (bias ≤ size_q/2³¹). Requires
 * 1 ≤ s ≤ m. The ±1 updates are summed exactly as additions and multiplied by 1/√s at the end.
 */
public final class SparseSignSketch extends Sketch {

    static final long STREAM = 2;
    private final int s;
    private final long key;
    private final int[] blockStart;
    private final long[] blockSize;

    public SparseSignSketch(int m, int n, int s, long seed, Tier tier, ParallelExecutor executor) {
        super(m, n, seed, tier, executor);
        if (s < 1 || s > m) {
            throw new IllegalArgumentException("s: " + s + " (nonzeros per column must be in [1, m = " + m + "])");
        }
        this.s = s;
        this.key = CounterRandom.key(seed, STREAM);
        this.blockStart = new int[s];
        this.blockSize = new long[s];
        for (int q = 0; q < s; q++) {
            blockStart[q] = (int) ((long) q * m / s);
            blockSize[q] = (int) ((long) (q + 1) * m / s) - blockStart[q];
        }
    }

    /** Default tier, shared executor. */
    public SparseSignSketch(int m, int n, int s, long seed) {
        this(m, n, s, seed, akr.kernels.KernelProvider.defaultTier(), ParallelExecutor.shared());
    }

    @Override
    public Kind kind() {
        return Kind.SPARSE_SIGN;
    }

    /** Nonzeros per column. */
    public int sparsity() {
        return s;
    }

    @Override
    public Sketch using(Tier tier, ParallelExecutor executor) {
        return new SparseSignSketch(m, n, s, seed, tier, executor);
    }

    /** Fills rows[q] and signs[q] (q &lt; s) with the nonzeros of column r. */
    public void column(int r, int[] rows, double[] signs) {
        int words = (s + 1) >>> 1;
        for (int q = 0; q < s; q++) {
            long w = CounterRandom.bitsWithKey(key, (long) r * words + (q >>> 1));
            long u = (q & 1) == 0 ? (w & 0xFFFFFFFFL) : (w >>> 32);
            rows[q] = blockStart[q] + (int) (((u & 0x7FFFFFFFL) * blockSize[q]) >>> 31);
            signs[q] = (u & 0x80000000L) == 0 ? 1.0 : -1.0;
        }
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(m, n);
        int[] rows = new int[s];
        double[] signs = new double[s];
        double v = 1.0 / Math.sqrt(s);
        for (int r = 0; r < n; r++) {
            column(r, rows, signs);
            for (int q = 0; q < s; q++) {
                d.set(rows[q], r, signs[q] * v);
            }
        }
        return d;
    }

    @Override
    protected int atomRows(int cols) {
        return 1;
    }

    @Override
    protected double outputScale() {
        return 1.0 / Math.sqrt(s);
    }

    @Override
    protected Worker newWorker(int cols) {
        GroupedBatch batch = new GroupedBatch(RowScatter.of(tier, executor), m, cols, s);
        int rowsPerBatch = batch.batchRows();
        int[] src = batch.src;
        int[] dst = batch.dst;
        double[] w = batch.weight;
        int words = (s + 1) >>> 1;
        long[] bits = new long[rowsPerBatch * words];
        return (a, aOff, aLd, r0, count, acc, c) -> {
            for (int t0 = 0; t0 < count; t0 += rowsPerBatch) {
                int k = Math.min(rowsPerBatch, count - t0);
                // the words of rows r0+t0 … r0+t0+k−1 have consecutive counters: hash them in one
                // branch-free loop over an array (which the JIT can vectorise), then decode
                long first = (long) (r0 + t0) * words;
                int nw = k * words;
                for (int i = 0; i < nw; i++) {
                    bits[i] = first + i;
                }
                for (int i = 0; i < nw; i++) {
                    bits[i] = CounterRandom.bitsWithKey(key, bits[i]);
                }
                int e = 0;
                for (int t = 0; t < k; t++) {
                    int base = t * words;
                    for (int q = 0; q < s; q += 2) {
                        long b = bits[base + (q >>> 1)];
                        long lo = b & 0xFFFFFFFFL;
                        src[e] = t;
                        dst[e] = blockStart[q] + (int) (((lo & 0x7FFFFFFFL) * blockSize[q]) >>> 31);
                        w[e++] = (lo & 0x80000000L) == 0 ? 1.0 : -1.0;
                        if (q + 1 < s) {
                            long hi = b >>> 32;
                            src[e] = t;
                            dst[e] = blockStart[q + 1] + (int) (((hi & 0x7FFFFFFFL) * blockSize[q + 1]) >>> 31);
                            w[e++] = (hi & 0x80000000L) == 0 ? 1.0 : -1.0;
                        }
                    }
                }
                batch.flush(e, a, aOff + t0 * aLd, aLd, k, acc);
            }
        };
    }
}
