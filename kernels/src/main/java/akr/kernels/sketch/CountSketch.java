package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
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
    private final long key;

    public CountSketch(int m, int n, long seed, Kernels kernels) {
        super(m, n, seed, kernels);
        this.key = CounterRandom.key(seed, STREAM);
    }

    /** Default tier, shared executor. */
    public CountSketch(int m, int n, long seed) {
        this(m, n, seed, Kernels.defaults());
    }

    @Override
    public Kind kind() {
        return Kind.COUNT_SKETCH;
    }

    @Override
    public Sketch using(Kernels kernels) {
        return new CountSketch(m, n, seed, kernels);
    }

    /** The row of SA that row r of A goes to. */
    public int bucket(int r) {
        return bucketOf(CounterRandom.bitsWithKey(key, r), m);
    }

    /** The sign row r of A is added with. */
    public double sign(int r) {
        return signOf(CounterRandom.bitsWithKey(key, r));
    }

    /** The key of the counter-based words of the rows: w(r) = CounterRandom.bitsWithKey(key(), r). */
    long key() {
        return key;
    }

    /** h(r) from the word w of row r: ⌊(w >>> 1)·m / 2⁶³⌋. */
    public static int bucketOf(long w, int m) {
        return (int) Math.multiplyHigh(w >>> 1, (long) m << 1);
    }

    /** σ(r) from the word w of row r: +1 if its lowest bit is 0, −1 otherwise (no branch). */
    public static double signOf(long w) {
        return CounterRandom.signOfLowestBit(w);
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
        RowScatter scatter = kernels.rowScatter();
        return (a, aOff, aLd, r0, count, acc, c) -> scatter.countSketchAddK(a, aOff, aLd, count, r0, key, m, acc, 0, cols, cols);
    }
}
