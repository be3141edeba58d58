package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * CountSketch (Clarkson–Woodruff): column r of S has one nonzero, σ(r) = ±1 in row h(r), so
 * (SA)[i, :] = Σ_{r : h(r) = i} σ(r)·A[r, :]. One pass over A, O(nd) additions. A subspace
 * embedding with constant distortion needs m of order d² (m = 2d² is a good choice).
 *
 * <p>Both values come from one 64-bit counter-based word per row: w = bits(seed, stream 1, r),
 * h(r) = ⌊(w >>> 1)·m / 2⁶³⌋ (Lemire's multiply-high; bias ≤ m/2⁶³) and σ(r) = +1 if the lowest
 * bit of w is 0, −1 otherwise. Scale 1: SA is a signed sum of rows of A, exact up to the rounding
 * of those additions.
 */
public final class CountSketch extends Sketch {

    static final long STREAM = 1;
    /** The bits of 1.0; with the sign bit set, of −1.0. */
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    private final long key;

    public CountSketch(int m, int n, long seed, Tier tier, ParallelExecutor executor) {
        super(m, n, seed, tier, executor);
        this.key = CounterRandom.key(seed, STREAM);
    }

    /** Default tier, shared executor. */
    public CountSketch(int m, int n, long seed) {
        this(m, n, seed, akr.kernels.KernelProvider.defaultTier(), ParallelExecutor.shared());
    }

    @Override
    public Kind kind() {
        return Kind.COUNT_SKETCH;
    }

    @Override
    public Sketch using(Tier tier, ParallelExecutor executor) {
        return new CountSketch(m, n, seed, tier, executor);
    }

    /** The row of SA that row r of A goes to. */
    public int bucket(int r) {
        return (int) Math.multiplyHigh(CounterRandom.bitsWithKey(key, r) >>> 1, (long) m << 1);
    }

    /** The sign row r of A is added with. */
    public double sign(int r) {
        return (CounterRandom.bitsWithKey(key, r) & 1) == 0 ? 1.0 : -1.0;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix s = DenseMatrix.zeros(m, n);
        for (int r = 0; r < n; r++) {
            s.set(bucket(r), r, sign(r));
        }
        return s;
    }

    @Override
    protected int atomRows(int cols) {
        return 1;
    }

    @Override
    protected double outputScale() {
        return 1.0;
    }

    @Override
    protected Worker newWorker(int cols) {
        GroupedBatch batch = new GroupedBatch(RowScatter.of(tier, executor), m, cols, 1);
        int rowsPerBatch = batch.batchRows();
        int[] dst = batch.dst;
        double[] w = batch.weight;
        int[] counts = batch.counts;
        long mm = (long) m << 1;
        return (a, aOff, aLd, r0, count, acc, c) -> {
            for (int t0 = 0; t0 < count; t0 += rowsPerBatch) {
                int k = Math.min(rowsPerBatch, count - t0);
                batch.begin();
                for (int t = 0; t < k; t++) {
                    long bits = CounterRandom.bitsWithKey(key, r0 + t0 + t);
                    int i = (int) Math.multiplyHigh(bits >>> 1, mm);
                    dst[t] = i;
                    counts[i + 1]++;
                    w[t] = Double.longBitsToDouble(ONE_BITS | (bits << 63)); // ±1 without a branch
                }
                batch.flush(k, a, aOff + t0 * aLd, aLd, acc);
            }
        };
    }
}
