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
 * <p><b>Blocking (shared by the scalar and SIMD tiers).</b> The units (elements, or rows) are split
 * into blocks of about {@value #BLOCK_ELEMENTS} doubles (512 KB, resident in a Zen 4 L2), and every
 * stage whose butterflies stay inside a block is done block by block, with the first three stages
 * of a raw vector done in registers ({@link #lowStages8}) and the rest in radix-16 passes
 * ({@link #radix}: four stages per load and store of the data). The remaining stages (h at least a
 * block) are radix-16 passes over the whole array, so a transform of 2²⁴ doubles makes three passes
 * over memory. Blocks, and the columns of the cross-block passes, are split over the executor.
 * Every element undergoes the same additions in the same order whatever the grouping of stages or
 * the split, so all tiers and thread counts give bit-identical results.
 *
 * <p>Non-finite inputs propagate (∞ − ∞ gives NaN); nothing is checked.
 */
public abstract class Fwht {

    /** Largest supported log₂ of a raw transform length. */
    public static final int MAX_LOG = 30;
    /** Doubles per cache block (512 KB). */
    static final int BLOCK_ELEMENTS = 1 << 16;
    /** Elements a parallel chunk should at least hold. */
    static final long GRAIN_ELEMENTS = 1 << 15;
    static final int MAX_CHUNKS = 64;

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
    protected void transformK(double[] x, int off, int len) {
        transformUnits(x, off, len, 1, 1);
    }

    /** Trusting row transform; the row count is a power of two. */
    protected void transformRowsK(DenseMatrix a) {
        if (a.cols() == 0) {
            return;
        }
        transformUnits(a.data(), a.offset(), a.rows(), a.cols(), a.isPacked() ? a.cols() : a.ld());
    }

    /**
     * The shared driver: n units (n = 2ᵏ), unit i holding w doubles at off + i·ld, transformed as
     * one vector of units.
     */
    final void transformUnits(double[] x, int off, int n, int w, int ld) {
        if (n == 1) {
            return;
        }
        int logN = Integer.numberOfTrailingZeros(n);
        int blockUnits = (int) Math.min(n, Math.max(1, Integer.highestOneBit(Math.max(1, BLOCK_ELEMENTS / w))));
        int logB = Integer.numberOfTrailingZeros(blockUnits);
        int nBlocks = n / blockUnits;
        long total = (long) n * w;
        int chunks = Math.min(nBlocks, ParallelExecutor.chunksFor(total, GRAIN_ELEMENTS, MAX_CHUNKS));
        executor.forEachChunk(0, nBlocks, chunks, (c, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                blockStages(x, off + b * blockUnits * ld, blockUnits, logB, w, ld);
            }
        });
        for (int s = logB; s < logN; s += 4) {
            crossPass(x, off, n, w, ld, s, Math.min(4, logN - s), total);
        }
    }

    /** All stages s < logB of one block of units, sequentially. */
    private void blockStages(double[] x, int base, int units, int logB, int w, int ld) {
        int s = 0;
        if (w == 1 && ld == 1 && units >= 8) {
            lowStages8(x, base, units);
            s = 3;
        }
        for (; s < logB; s += 4) {
            int r = Math.min(4, logB - s);
            int h = 1 << s;
            int span = h << r;
            for (int g = 0; g < units; g += span) {
                unitsRadix(x, base + g * ld, h, r, w, ld, 0, h);
            }
        }
    }

    /** Radix-2^r butterflies of stages s … s+r−1 over the whole array, split over the executor. */
    private void crossPass(double[] x, int off, int n, int w, int ld, int s, int r, long total) {
        int h = 1 << s;
        int span = h << r;
        int groups = n / span;
        int chunks = ParallelExecutor.chunksFor(total, GRAIN_ELEMENTS, MAX_CHUNKS);
        int pieces = Math.max(1, Math.min(h, chunks / groups));
        executor.forEachChunk(0, groups * pieces, Math.min(chunks, groups * pieces), (c, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int g = t / pieces;
                int p = t % pieces;
                int u0 = (int) ((long) h * p / pieces);
                int u1 = (int) ((long) h * (p + 1) / pieces);
                unitsRadix(x, off + g * span * ld, h, r, w, ld, u0, u1);
            }
        });
    }

    /**
     * Butterflies of stages s … s+r−1 (h = 2ˢ units apart) for the base units [u0, u1) of the group
     * starting at base. Packed units are contiguous, so the whole range is one kernel call.
     */
    private void unitsRadix(double[] x, int base, int h, int r, int w, int ld, int u0, int u1) {
        if (ld == w) {
            radix(x, base + u0 * w, h * w, r, (u1 - u0) * w);
        } else {
            for (int u = u0; u < u1; u++) {
                radix(x, base + u * ld, h * ld, r, w);
            }
        }
    }

    /**
     * For j in [0, len): the 2^r values v_q = x[base + q·stride + j] (q &lt; 2^r) are replaced by
     * H_{2^r}·v, computed as r radix-2 stages in order (pairs q, q + 2ᵗ for t = 0 … r−1), r in 1…4.
     */
    protected abstract void radix(double[] x, int base, int stride, int r, int len);

    /** H_8 on each of the len/8 consecutive spans of 8 elements at off (len a multiple of 8). */
    protected abstract void lowStages8(double[] x, int off, int len);
}
