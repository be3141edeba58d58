package akr.kernels.fwht;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The fast Walsh–Hadamard transform, unnormalised and in place.
 *
 * <p><b>Mathematics.</b> For N = 2ᵏ, H_N is the N×N matrix with entries
 * H[i, j] = (−1)^{popcount(i AND j)}; H_N = H_2 ⊗ H_{N/2}, H_N² = N·I. The transform is computed in
 * k stages; stage s (s = 0 … k−1, h = 2ˢ) replaces every pair (x[i], x[i + h]) with i AND h = 0 by
 * (x[i] + x[i + h], x[i] − x[i + h]). Each output is a sum of N ±inputs formed by k additions, so
 * |fl(Hx) − Hx| ≤ γ_k·|H|·|x| elementwise; on integer inputs whose partial sums stay below 2⁵³ (for
 * example ±1 inputs) it is exact.
 *
 * <p><b>Forms.</b> {@link #transform(double[], int, int)} transforms a contiguous vector of length 2ᵏ
 * (k = 0 … 30); a length that is not a power of two is an error (callers pad, as SRHT does).
 * {@link #transformRows(DenseMatrix)} applies H along the rows of an n×d matrix (n = 2ᵏ): every
 * butterfly combines two whole rows, so the work is vectorised over the d columns — this is H·A,
 * the form the subsampled randomised Hadamard transform needs.
 *
 * <p><b>Tiers.</b> {@link ReferenceFwht} is the textbook stage-by-stage transform (the test oracle);
 * {@link ScalarFwht} and {@code akr.kernels.simd.SimdFwht} share the cache-blocked, parallel driver of
 * {@code akr.kernels.driver.ButterflyFwht} and differ only in its butterfly kernels.
 *
 * <p>Every element undergoes the same additions in the same order whatever the grouping of stages,
 * the blocking or the split, so all tiers and thread counts give bit-identical results, equal to
 * the textbook stage-by-stage order of {@link ReferenceFwht}.
 *
 * <p>Non-finite inputs propagate (∞ − ∞ gives NaN); nothing is checked.
 */
public abstract class Fwht {

    /** Largest supported log₂ of a raw transform length. */
    public static final int MAX_LOG = 30;

    protected final ParallelExecutor executor;

    protected Fwht(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static Fwht get() {
        return KernelProvider.get(Fwht.class);
    }

    /** A given tier on the shared executor. */
    public static Fwht of(Tier tier) {
        return KernelProvider.load(Fwht.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static Fwht of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Fwht.class, tier, executor);
    }

    /** Whether n is a power of two (n ≥ 1). */
    public static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** The smallest power of two ≥ n (n ≥ 1, result ≤ 2³⁰). */
    public static int nextPowerOfTwo(int n) {
        if (n < 1 || n > (1 << MAX_LOG)) {
            throw new IllegalArgumentException("n: " + n + " (must be in [1, 2^" + MAX_LOG + "])");
        }
        return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** x ← H·x for the whole array; its length must be a power of two. */
    public final void transform(double[] x) {
        Checks.notNull("x", x);
        transform(x, 0, x.length);
    }

    /**
     * x[off … off+len) ← H_len·x[off … off+len).
     *
     * @throws IllegalArgumentException if len is not a power of two in [1, 2³⁰] or the range is
     *                                  outside the array
     */
    public final void transform(double[] x, int off, int len) {
        if (!isPowerOfTwo(len) || len > (1 << MAX_LOG)) {
            throw new IllegalArgumentException("len: " + len + " (must be a power of two in [1, 2^" + MAX_LOG + "])");
        }
        Checks.vector("x", x, off, len);
        transformK(x, off, len);
    }

    /**
     * A ← H_n·A for an n×d matrix, n a power of two: row i becomes Σ_j H[i, j]·row j. Any leading
     * dimension; packed matrices are fastest.
     *
     * @throws IllegalArgumentException if a is null or its row count is not a power of two
     */
    public final void transformRows(DenseMatrix a) {
        Checks.notNull("a", a);
        if (!isPowerOfTwo(a.rows())) {
            throw new IllegalArgumentException("a: " + a.rows() + " rows (must be a power of two)");
        }
        transformRowsK(a);
    }

    /** Trusting raw transform; len is a power of two inside the array. */
    protected abstract void transformK(double[] x, int off, int len);

    /** Trusting row transform; the row count is a power of two. */
    protected abstract void transformRowsK(DenseMatrix a);
}
