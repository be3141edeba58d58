package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

import java.util.HashMap;

/**
 * Subsampled randomised Hadamard transform: S = √(n'/m)·P·H·D with n' = 2^⌈log₂n⌉, A zero-padded to
 * n' rows, D = diag(±1) random signs, H = H_{n'}/√n' the normalised Walsh–Hadamard matrix and P the
 * m×n' selection of m distinct rows I_0 … I_{m−1}. Entry (i, r) of S is
 * D_r·(−1)^{popcount(I_i AND r)}/√m. A subspace embedding for m of order d·log d (m ≈ 4d–8d in
 * practice); every row of SA mixes all rows of A.
 *
 * <p><b>Randomness.</b> D_r = sign(seed, stream 3, r). I is the first m positions of a partial
 * Fisher–Yates shuffle of 0 … n'−1 (position t swapped with t + below(seed, stream 4, t, n' − t)),
 * kept in a hash map, so O(m) time and memory for any n'. Requires 1 ≤ m ≤ n'.
 *
 * <p><b>Algorithm (no padded copy).</b> With B = 2^b rows per block and H_{n'} = H_{n'/B} ⊗ H_B,
 * for I_i = (i_hi, i_lo) (i_lo the low b bits)
 * <pre>   (H_{n'}·DA)[I_i] = Σ_j (−1)^{popcount(i_hi AND j)}·(H_B·D_j·A_j)[i_lo],</pre>
 * where A_j is block j of A (rows jB … jB+B−1, zero beyond n). So SA is computed one block at a
 * time: the block is copied with its signs into a B×d scratch (B·d ≈ 2¹⁵ doubles, cache resident),
 * transformed along its rows by {@link Fwht#transformRows}, and its m sampled rows added with signs
 * into the partial sketch by {@link RowScatter}. A is read once; memory is O(B·d + m·d) per thread.
 * (The direct method — a zero-padded n'×d copy transformed in full, 512 MB for 2²⁰×64 — is never
 * formed.) Blocks of padding rows past n contribute nothing and are skipped. Cost: n'·d·b
 * additions for the block transforms plus m·d·⌈n/B⌉ for the gathers.
 */
public final class SrhtSketch extends Sketch {

    static final long SIGN_STREAM = 3;
    static final long SAMPLE_STREAM = 4;
    /** Target doubles in one transformed block. */
    static final int BLOCK_ELEMENTS = 1 << 15;

    private final int paddedRows;
    private final long signKey;
    private final int[] sample;

    public SrhtSketch(int m, int n, long seed, Kernels kernels) {
        super(m, n, seed, kernels);
        this.paddedRows = Fwht.nextPowerOfTwo(n);
        if (m > paddedRows) {
            throw new IllegalArgumentException("m: " + m + " exceeds n' = " + paddedRows
                    + " (SRHT samples m of the n' = 2^ceil(log2 n) rows without replacement)");
        }
        this.signKey = CounterRandom.key(seed, SIGN_STREAM);
        this.sample = sampleWithoutReplacement(m, paddedRows, CounterRandom.key(seed, SAMPLE_STREAM));
    }

    /** Default tier, shared executor. */
    public SrhtSketch(int m, int n, long seed) {
        this(m, n, seed, Kernels.defaults());
    }

    /** The first m entries of a partial Fisher–Yates shuffle of 0 … np−1. */
    static int[] sampleWithoutReplacement(int m, int np, long key) {
        HashMap<Integer, Integer> moved = new HashMap<>();
        int[] out = new int[m];
        for (int t = 0; t < m; t++) {
            int j = t + CounterRandom.belowWithKey(key, t, np - t);
            int vj = moved.getOrDefault(j, j);
            int vt = moved.getOrDefault(t, t);
            moved.put(j, vt);
            out[t] = vj;
        }
        return out;
    }

    @Override
    public Kind kind() {
        return Kind.SRHT;
    }

    @Override
    public Sketch using(Kernels kernels) {
        return new SrhtSketch(m, n, seed, kernels);
    }

    /** n' = 2^⌈log₂n⌉. */
    public int paddedRows() {
        return paddedRows;
    }

    /** The sampled rows I (a copy). */
    public int[] sampledRows() {
        return sample.clone();
    }

    /** D_r. */
    public double sign(int r) {
        return CounterRandom.signWithKey(signKey, r);
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix s = DenseMatrix.zeros(m, n);
        double v = 1.0 / Math.sqrt(m);
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < n; r++) {
                double h = (Integer.bitCount(sample[i] & r) & 1) == 0 ? 1.0 : -1.0;
                s.set(i, r, v * h * sign(r));
            }
        }
        return s;
    }

    @Override
    protected int atomRows(int cols) {
        int b = Integer.highestOneBit(Math.max(1, BLOCK_ELEMENTS / Math.max(1, cols)));
        return Math.min(b, paddedRows);
    }

    @Override
    protected double outputScale() {
        return 1.0 / Math.sqrt(m);
    }

    @Override
    protected Worker newWorker(int cols) {
        int blockRows = atomRows(cols);
        int logB = Integer.numberOfTrailingZeros(blockRows);
        RowScatter scatter = kernels.rowScatter();
        Fwht fwht = kernels.fwht();
        int[] lo = new int[m];
        int[] hi = new int[m];
        int[] dst = new int[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            lo[i] = sample[i] & (blockRows - 1);
            hi[i] = sample[i] >>> logB;
            dst[i] = i;
        }
        double[] scratch = new double[Math.max(1, blockRows * cols)];
        DenseMatrix block = DenseMatrix.wrap(scratch, blockRows, cols);
        return (a, aOff, aLd, r0, count, acc, c) -> {
            if (c == 0) {
                return;
            }
            for (int t = 0; t < count; t++) {
                double sg = CounterRandom.signWithKey(signKey, r0 + t);
                int ps = aOff + t * aLd;
                int pd = t * c;
                for (int j = 0; j < c; j++) {
                    scratch[pd + j] = sg * a[ps + j];
                }
            }
            java.util.Arrays.fill(scratch, count * c, blockRows * c, 0.0);
            fwht.transformRows(block);
            int j = r0 >>> logB;
            for (int i = 0; i < m; i++) {
                w[i] = (Integer.bitCount(hi[i] & j) & 1) == 0 ? 1.0 : -1.0;
            }
            scatter.scatterAddK(scratch, 0, c, lo, dst, w, m, acc, 0, c, c);
        };
    }
}
