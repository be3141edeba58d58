package akr.kernels.sketch;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * A random linear map S: ℝⁿ → ℝᵐ (m ≪ n) with ‖SAx‖ ≈ ‖Ax‖ for all x (a subspace embedding),
 * applied to the n×d matrix A as SA (m×d) in one pass over A.
 *
 * <p><b>Kinds</b> ({@link Kind}): {@link SrhtSketch} S = √(n'/m)·P·H·D (n' = 2^⌈log₂n⌉, H the
 * normalised Hadamard matrix, D random signs, P samples m of the n' rows without replacement);
 * {@link CountSketch} (each row of A added with a random sign into one random row of SA);
 * {@link SparseSignSketch} (OSNAP: each row into s distinct random rows with signs ±1/√s);
 * {@link GaussianSketch} (dense i.i.d. N(0, 1/m) entries, the slow baseline, through GEMM).
 *
 * <p><b>Randomness.</b> Column r of S (what row r of A contributes) is a pure function of
 * (seed, r) through {@link akr.kernels.random.CounterRandom}, so the same seed gives the same S
 * for any thread count, any row blocking and any tier.
 *
 * <p><b>Determinism and streaming.</b> The rows of A are grouped into chunks whose size depends
 * only on n, m and d ({@link Accumulator#chunkRows()}). Each chunk accumulates its own partial
 * m×d sketch, processing its rows in increasing order in units of {@code atomRows} rows aligned to
 * multiples of {@code atomRows} (one row for the sparse kinds, one Hadamard block for SRHT, one
 * Gaussian panel for the Gaussian sketch); partials are added in chunk order. An
 * {@link Accumulator} fed row blocks of A one after another ({@link Accumulator#accumulate}) runs
 * exactly the same operations as {@link #apply(DenseMatrix)} — it is how apply is implemented —
 * so streaming gives bit-identical results, and so does any thread count. Chunks are independent:
 * blocks belonging to different chunks may arrive in any order (or be accumulated on different
 * machines and the partials summed); within a chunk, rows must arrive in increasing order.
 *
 * <p><b>Non-finite entries</b> are propagated, not detected: a NaN or ∞ in row r of A makes every
 * row of SA that row r touches non-finite (all of them for SRHT and Gaussian), so a solver that
 * checks its sketch or residual for finiteness sees it. Callers that need an early, named error
 * check A with {@link DenseMatrix#firstNonFinite()}.
 */
public abstract class Sketch {

    /** The kinds of sketch. */
    public enum Kind { SRHT, COUNT_SKETCH, SPARSE_SIGN, GAUSSIAN }

    /** Default nonzeros per column of the sparse sign sketch. */
    public static final int DEFAULT_SPARSITY = 8;
    /** Upper bound on the number of row chunks (partial sketches) of one application. */
    public static final int MAX_CHUNKS = 16;
    /** Rows a chunk should at least hold. */
    static final long GRAIN_ROWS = 1 << 14;

    protected final int m;
    protected final int n;
    protected final long seed;
    protected final Kernels kernels;

    protected Sketch(int m, int n, long seed, Kernels kernels) {
        if (m < 1) {
            throw new IllegalArgumentException("m: " + m + " (must be >= 1)");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n + " (must be >= 1)");
        }
        Checks.notNull("kernels", kernels);
        this.m = m;
        this.n = n;
        this.seed = seed;
        this.kernels = kernels;
    }

    /** A sketch of the given kind with default parameters, default tier, shared executor. */
    public static Sketch create(Kind kind, int m, int n, long seed) {
        return create(kind, m, n, seed, Kernels.defaults());
    }

    /** A sketch of the given kind with default parameters (sparse sign: s = min(8, m)). */
    public static Sketch create(Kind kind, int m, int n, long seed, Kernels kernels) {
        Checks.notNull("kind", kind);
        return switch (kind) {
            case SRHT -> new SrhtSketch(m, n, seed, kernels);
            case COUNT_SKETCH -> new CountSketch(m, n, seed, kernels);
            case SPARSE_SIGN -> new SparseSignSketch(m, n, Math.min(DEFAULT_SPARSITY, Math.max(1, m)), seed, kernels);
            case GAUSSIAN -> new GaussianSketch(m, n, seed, kernels);
        };
    }

    public abstract Kind kind();

    /** Target rows m. */
    public final int rows() {
        return m;
    }

    /** Source rows n. */
    public final int sourceRows() {
        return n;
    }

    public final long seed() {
        return seed;
    }

    /** The same S (same seed and parameters) computed by other kernels (tier or executor). */
    public abstract Sketch using(Kernels kernels);

    /** SA as a new m×d matrix. */
    public final DenseMatrix apply(DenseMatrix a) {
        Checks.notNull("a", a);
        DenseMatrix out = DenseMatrix.zeros(m, a.cols());
        apply(a, out);
        return out;
    }

    /** Sb as a new vector of length m. */
    public final double[] apply(double[] b) {
        Checks.notNull("b", b);
        double[] out = new double[m];
        apply(b, out, 0);
        return out;
    }

    /**
     * out ← SA (overwritten, whatever it held).
     *
     * @throws IllegalArgumentException if A does not have n rows, out is not m×d, or they overlap
     */
    public final void apply(DenseMatrix a, DenseMatrix out) {
        Checks.notNull("a", a);
        Checks.notNull("out", out);
        checkRows("a", a.rows());
        if (out.rows() != m || out.cols() != a.cols()) {
            throw new IllegalArgumentException("out: " + out.rows() + "x" + out.cols() + ", expected " + m + "x" + a.cols());
        }
        if (out.mayOverlap(a)) {
            throw new IllegalArgumentException("out overlaps the storage of a");
        }
        Accumulator acc = accumulator(a.cols());
        acc.accumulate(0, a);
        acc.resultInto(out);
    }

    /** out[outOff … outOff+m) ← Sb. */
    public final void apply(double[] b, double[] out, int outOff) {
        Checks.notNull("b", b);
        checkRows("b", b.length);
        Checks.vector("out", out, outOff, m);
        if (out == b) {
            throw new IllegalArgumentException("out is b");
        }
        apply(DenseMatrix.wrap(b, n, 1), new DenseMatrix(out, outOff, m, 1, 1));
    }

    /** A streaming accumulator of SA for A with {@code cols} columns. */
    public final Accumulator accumulator(int cols) {
        Checks.nonNegative("cols", cols);
        return new Accumulator(this, cols);
    }

    /**
     * S as an explicit m×n matrix, built entry by entry from the definition (the test oracle; O(mn)
     * memory, for small n only).
     */
    public abstract DenseMatrix toDense();

    private void checkRows(String name, int rows) {
        if (rows != n) {
            throw new IllegalArgumentException(name + ": " + rows + " rows, the sketch has n = " + n);
        }
    }

    // ---- per-kind hooks, used by Accumulator ----

    /** Rows processed as one unit, aligned to multiples of this globally. */
    protected abstract int atomRows(int cols);

    /** The factor the accumulated sums are multiplied by at the end. */
    protected abstract double outputScale();

    /** Thread-confined scratch and code that adds the contribution of rows of A to a partial. */
    protected abstract Worker newWorker(int cols);

    /** Adds the unscaled contributions of consecutive rows of A to an m×cols packed partial. */
    protected interface Worker {
        /**
         * Rows [r0, r0 + count) of A, row r0 + t at a[aOff + t·aLd]: adds their contribution to acc.
         * When atomRows &gt; 1, r0 is a multiple of atomRows and count = min(atomRows, n − r0).
         */
        void addRows(double[] a, int aOff, int aLd, int r0, int count, double[] acc, int cols);
    }

    /** Rows per chunk: depends on n, m, d and the atom only. */
    int chunkRows(int cols) {
        int atom = atomRows(cols);
        int chunks = ParallelExecutor.chunksFor(n, Math.max(GRAIN_ROWS, 4L * m), MAX_CHUNKS);
        long per = ((long) n + chunks - 1) / chunks;
        per = (per + atom - 1) / atom * atom;
        return (int) Math.min(Integer.MAX_VALUE, per);
    }

    ParallelExecutor executor() {
        return kernels.executor();
    }
}
