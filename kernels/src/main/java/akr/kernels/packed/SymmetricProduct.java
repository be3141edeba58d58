package akr.kernels.packed;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Products y = H·x with a symmetric matrix H stored as its packed lower triangle
 * ({@link PackedSymmetric}), for one right-hand side or r of them at once.
 *
 * <p>The memory-bound step of conjugate gradients on a materialised SPD matrix: one pass over the
 * n(n+1)/2 stored entries (half the bytes of a dense gemv on the full matrix). y is overwritten:
 * whatever it held (NaN, ∞) does not reach the result. Non-finite entries of H or x propagate.
 *
 * <p><b>Algorithm</b> (scalar and SIMD tiers). One pass over the rows of the triangle L: for row i,
 * with ξ = x_i, in one loop over j &lt; i both the dot product Σ_j L_ij·x_j and the update
 * y_j += L_ij·ξ; then y_i += dot + L_ii·ξ. The rows go in blocks of 16 and each block in tiles of
 * 1024 columns, so the slices of x and y a tile touches stay in cache across its rows. The block form
 * keeps each chunk of L in registers while it serves up to {@value #GROUP} right-hand sides (r is
 * handled in groups of at most four) and runs the groups over one L2-resident tile before moving on,
 * so H is read from memory once per 16 right-hand sides and from cache ⌈r/4⌉ times.
 *
 * <p><b>Determinism.</b> The rows are split into at most {@value #MAX_PARTS} parts of roughly equal
 * triangle area, their number depending only on n. Each part writes its updates into its own
 * partial vector; the partials are added in part order. Results are bit-identical for any thread
 * count, and the block form with r = 1 gives the vector form's bits (the vector form is that call).
 *
 * <p><b>Accuracy.</b> Each y_i is a sum of at most n + {@value #MAX_PARTS} + 1 rounded terms:
 * |ŷ_i − y_i| ≤ γ_{n+17}·Σ_j |H_ij|·|x_j|.
 *
 * <p><b>Tiers.</b> {@link ReferenceSymmetricProduct} sums y_i = Σ_j H(i, j)·x_j over the full
 * symmetric matrix (the test oracle); {@link ScalarSymmetricProduct} and
 * {@code akr.kernels.simd.SimdSymmetricProduct} share the parallel driver
 * {@code akr.kernels.driver.PartitionedSymmetricProduct} and differ only in its row kernels.
 */
public abstract class SymmetricProduct {

    /** Upper bound on the number of row parts (and partial vectors). */
    public static final int MAX_PARTS = 16;
    /** Right-hand sides that share one load of each chunk of H. */
    public static final int GROUP = 4;

    protected final ParallelExecutor executor;

    protected SymmetricProduct(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static SymmetricProduct get() {
        return KernelProvider.get(SymmetricProduct.class);
    }

    /** A given tier on the shared executor. */
    public static SymmetricProduct of(Tier tier) {
        return KernelProvider.load(SymmetricProduct.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static SymmetricProduct of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(SymmetricProduct.class, tier, executor);
    }

    /**
     * y ← H·x; x and y have length n.
     *
     * @throws IllegalArgumentException on null arguments, wrong lengths, or y being x or H's storage
     */
    public final void multiply(PackedSymmetric h, double[] x, double[] y) {
        Checks.notNull("h", h);
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        int n = h.n();
        if (x.length != n) {
            throw new IllegalArgumentException("x: length " + x.length + ", h is " + n + "x" + n);
        }
        if (y.length != n) {
            throw new IllegalArgumentException("y: length " + y.length + ", h is " + n + "x" + n);
        }
        if (y == x) {
            throw new IllegalArgumentException("y overlaps x");
        }
        if (y == h.data()) {
            throw new IllegalArgumentException("y overlaps the storage of h");
        }
        multiplyK(h, DenseMatrix.wrap(x, 1, n), DenseMatrix.wrap(y, 1, n));
    }

    /** A new vector H·x. */
    public final double[] multiply(PackedSymmetric h, double[] x) {
        Checks.notNull("h", h);
        double[] y = new double[h.n()];
        multiply(h, x, y);
        return y;
    }

    /**
     * Yᵀ ← (H·X)ᵀ for r right-hand sides stored transposed: xt and yt are r×n, each right-hand side
     * (and each result) one row. H is read from memory once for all r. Row k of yt equals
     * {@code multiply(h, row k of xt)} bit for bit when r = 1.
     *
     * @throws IllegalArgumentException on null arguments, shapes other than r×n for both, or yt
     *                                  sharing storage with xt or H
     */
    public final void multiply(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt) {
        Checks.notNull("h", h);
        Checks.notNull("xt", xt);
        Checks.notNull("yt", yt);
        int n = h.n();
        if (xt.cols() != n) {
            throw new IllegalArgumentException("xt: " + xt.rows() + "x" + xt.cols() + ", h is " + n + "x" + n
                    + " (xt holds one right-hand side per row, so it must have " + n + " columns)");
        }
        if (yt.rows() != xt.rows() || yt.cols() != n) {
            throw new IllegalArgumentException("yt: " + yt.rows() + "x" + yt.cols() + ", expected "
                    + xt.rows() + "x" + n + " like xt");
        }
        if (yt.mayOverlap(xt)) {
            throw new IllegalArgumentException("yt overlaps xt");
        }
        if (yt.data() == h.data()) {
            throw new IllegalArgumentException("yt overlaps the storage of h");
        }
        if (xt.rows() == 0) {
            return;
        }
        multiplyK(h, xt, yt);
    }

    /** The trusting kernel: xt and yt are r×n (r ≥ 1) and yt shares storage with neither xt nor H. */
    protected abstract void multiplyK(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt);
}
