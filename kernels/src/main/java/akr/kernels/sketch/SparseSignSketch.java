package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
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
 * rows are distinct by construction; columns are independent. The nonzeros of column r are drawn
 * from the counter-based words bits(seed, stream 2, r·W + k), k &lt; W, cut into fields of f bits:
 * nonzero q uses field q mod F (bits f·(q mod F) and up) of word k = ⌊q/F⌋, where F = ⌊64/f⌋
 * fields fit a word and W = ⌈s/F⌉. Its sign is the top bit of the field, its row in the block is
 * read from the field's other bits:
 * <ul>
 *   <li>when every block has the same size 2^b (s divides m and m/s is a power of two): f = b + 1
 *       and the row offset is the low b bits — exactly uniform (m = 256, s = 8: six bits per
 *       nonzero, one word per column);</li>
 *   <li>otherwise f = 32 (two fields per word) and the row is
 *       ⌊q·m/s⌋ + ⌊(u mod 2³¹)·size_q / 2³¹⌋ for the field u (bias ≤ size_q/2³¹).</li>
 * </ul>
 * Requires 1 ≤ s ≤ m. The ±1 updates are summed exactly as additions and multiplied by 1/√s at the
 * end.
 */
public final class SparseSignSketch extends Sketch {

    static final long STREAM = 2;
    /** Updates decoded before they are added (a few KB of arrays, in L1). */
    private static final int DECODE_UPDATES = 512;
    private final int s;
    private final long key;
    private final int[] blockStart;
    private final long[] blockSize;
    /** Whether all blocks have the same power-of-two size, read as the low bits of a field. */
    private final boolean powerOfTwoBlocks;
    /** Bits per nonzero (f), fields per word (F), words per column (W). */
    private final int fieldBits;
    private final int fieldsPerWord;
    private final int words;
    /** Word of the column and shift of the field of nonzero q. */
    private final int[] wordOf;
    private final int[] shiftOf;

    public SparseSignSketch(int m, int n, int s, long seed, Kernels kernels) {
        super(m, n, seed, kernels);
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
        int size = m / s;
        this.powerOfTwoBlocks = m % s == 0 && Integer.bitCount(size) == 1;
        this.fieldBits = powerOfTwoBlocks ? 1 + Integer.numberOfTrailingZeros(size) : 32;
        this.fieldsPerWord = 64 / fieldBits;
        this.words = (s + fieldsPerWord - 1) / fieldsPerWord;
        this.wordOf = new int[s];
        this.shiftOf = new int[s];
        for (int q = 0; q < s; q++) {
            wordOf[q] = q / fieldsPerWord;
            shiftOf[q] = fieldBits * (q % fieldsPerWord);
        }
    }

    /** Default tier, shared executor. */
    public SparseSignSketch(int m, int n, int s, long seed) {
        this(m, n, s, seed, Kernels.defaults());
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
    public Sketch using(Kernels kernels) {
        return new SparseSignSketch(m, n, s, seed, kernels);
    }

    /** Fills rows[q] and signs[q] (q &lt; s) with the nonzeros of column r, from the definition. */
    public void column(int r, int[] rows, double[] signs) {
        for (int q = 0; q < s; q++) {
            long w = CounterRandom.bitsWithKey(key, (long) r * words + q / fieldsPerWord);
            long u = (w >>> (fieldBits * (q % fieldsPerWord))) & ((1L << fieldBits) - 1);
            long offset = powerOfTwoBlocks ? (u & (blockSize[q] - 1)) : ((u & 0x7FFFFFFFL) * blockSize[q]) >>> 31;
            rows[q] = blockStart[q] + (int) offset;
            signs[q] = (u >>> (fieldBits - 1)) == 0 ? 1.0 : -1.0;
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
        RowScatter scatter = kernels.rowScatter();
        int rowsPerBatch = Math.max(1, DECODE_UPDATES / s);
        int[] dst = new int[rowsPerBatch * s];
        double[] w = new double[rowsPerBatch * s];
        long[] bits = new long[rowsPerBatch * words];
        long rowMask = blockSize[0] - 1;
        int signShift = fieldBits - 1;
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
                // signs as bit patterns, not branches (a data-dependent ±1 branch mispredicts half the time)
                int e = 0;
                if (powerOfTwoBlocks) {
                    for (int t = 0; t < k; t++) {
                        int base = t * words;
                        for (int q = 0; q < s; q++) {
                            long u = bits[base + wordOf[q]] >>> shiftOf[q];
                            dst[e] = blockStart[q] + (int) (u & rowMask);
                            w[e++] = CounterRandom.signOfLowestBit(u >>> signShift);
                        }
                    }
                } else {
                    for (int t = 0; t < k; t++) {
                        int base = t * words;
                        for (int q = 0; q < s; q++) {
                            long u = bits[base + wordOf[q]] >>> shiftOf[q];
                            dst[e] = blockStart[q] + (int) (((u & 0x7FFFFFFFL) * blockSize[q]) >>> 31);
                            w[e++] = CounterRandom.signOfLowestBit(u >>> 31);
                        }
                    }
                }
                scatter.spreadAddK(a, aOff + t0 * aLd, aLd, k, s, dst, w, acc, 0, cols, cols);
            }
        };
    }
}
