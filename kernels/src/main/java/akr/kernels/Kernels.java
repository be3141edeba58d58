package akr.kernels;

import akr.kernels.blas1.Blas1;
import akr.kernels.cholesky.Cholesky;
import akr.kernels.expgram.ExpGram;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.fwht.Fwht;
import akr.kernels.gemm.Gemm;
import akr.kernels.gemv.Gemv;
import akr.kernels.packed.SymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.Householder;
import akr.kernels.sketch.RowScatter;
import akr.kernels.sketch.Sketch;
import akr.kernels.triangular.Triangular;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel context of a computation: one tier and one executor, and every kernel family in that
 * tier on that executor. Solvers take one context (from their options) and hand it to every part,
 * so a solve runs all of its kernels in one tier on one pool.
 *
 * <p>Immutable and thread-safe; families are created on first use and cached per context.
 * {@link #defaults()} is the default tier ({@link KernelProvider#defaultTier()}) on the shared
 * executor. A context made by {@link #withThreads(int)} owns a private executor, which
 * {@link #close()} shuts down; closing any other context does nothing.
 */
public final class Kernels implements AutoCloseable {

    private final Tier tier;
    private final ParallelExecutor executor;
    private final boolean ownsExecutor;
    private final ConcurrentHashMap<Class<?>, Object> families = new ConcurrentHashMap<>();

    private Kernels(Tier tier, ParallelExecutor executor, boolean ownsExecutor) {
        Checks.notNull("tier", tier);
        Checks.notNull("executor", executor);
        KernelProvider.requireAvailable(tier);
        this.tier = tier;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    /** The default tier on the library's shared executor. */
    public static Kernels defaults() {
        return Default.INSTANCE;
    }

    /** Made on first use of {@link #defaults()}, by the class loader's lazy initialisation. */
    private static final class Default {
        static final Kernels INSTANCE = new Kernels(KernelProvider.defaultTier(), ParallelExecutor.shared(), false);
    }

    /** The given tier on the shared executor. */
    public static Kernels of(Tier tier) {
        return new Kernels(tier, ParallelExecutor.shared(), false);
    }

    /** The given tier on an executor the caller owns. */
    public static Kernels of(Tier tier, ParallelExecutor executor) {
        return new Kernels(tier, executor, false);
    }

    /** This tier on the shared executor, or on an executor the caller owns. */
    public Kernels withExecutor(ParallelExecutor e) {
        return e == executor ? this : new Kernels(tier, e, false);
    }

    /** Another tier on this executor. */
    public Kernels withTier(Tier t) {
        return t == tier ? this : new Kernels(t, executor, false);
    }

    /**
     * This tier on a private executor of {@code threads} threads, which the new context owns and
     * {@link #close()} shuts down.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Kernels withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (must be >= 1)");
        }
        return new Kernels(tier, ParallelExecutor.create(threads), true);
    }

    public Tier tier() {
        return tier;
    }

    public ParallelExecutor executor() {
        return executor;
    }

    /** The number of threads that run this context's parallel loops. */
    public int threads() {
        return executor.threads();
    }

    public Blas1 blas1() {
        return family(Blas1.class);
    }

    public Gemv gemv() {
        return family(Gemv.class);
    }

    public Gemm gemm() {
        return family(Gemm.class);
    }

    public Triangular triangular() {
        return family(Triangular.class);
    }

    public Cholesky cholesky() {
        return family(Cholesky.class);
    }

    public Householder householder() {
        return family(Householder.class);
    }

    public Fwht fwht() {
        return family(Fwht.class);
    }

    public ExpGram expGram() {
        return family(ExpGram.class);
    }

    public RowScatter rowScatter() {
        return family(RowScatter.class);
    }

    /** Products with a symmetric matrix stored as its packed lower triangle. */
    public SymmetricProduct symmetricProduct() {
        return family(SymmetricProduct.class);
    }

    /** A sketch of the given kind with default parameters, applied by this context's kernels. */
    public Sketch sketch(Sketch.Kind kind, int m, int n, long seed) {
        return Sketch.create(kind, m, n, seed, this);
    }

    /** exp(A·Aᵀ) as an operator over the rows of A, applied by this context's exp-Gram kernel. */
    public ExpGramOperator expGramOperator(DenseMatrix a) {
        return ExpGramOperator.of(a, expGram());
    }

    private <T> T family(Class<T> family) {
        return family.cast(families.computeIfAbsent(family, f -> KernelProvider.load(f, tier, executor)));
    }

    /** Shuts down the executor if this context owns it (made by {@link #withThreads}). */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.close();
        }
    }

    @Override
    public String toString() {
        return "Kernels[" + tier.key() + ", " + executor.threads() + " threads]";
    }
}
