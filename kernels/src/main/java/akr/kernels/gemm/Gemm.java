package akr.kernels.gemm;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;

/**
 * General matrix multiply C ← α·op(A)·op(B) + β·C and the symmetric rank-k update
 * C ← α·AᵀA + β·C (or α·AAᵀ + β·C) on {@link DenseMatrix} views of any leading dimension and
 * offset. With β = 0, C is overwritten: NaN or ∞ it held do not reach the result.
 *
 * <p><b>Tiers.</b> {@link ReferenceGemm} is the naive triple loop (the test oracle).
 * {@link ScalarGemm} and {@code akr.kernels.simd.SimdGemm} share the BLIS-style driver of
 * {@code akr.kernels.driver.BlockedGemm} and differ only in the MR×NR micro-kernel.
 *
 * <p><b>Accuracy.</b> Every element of C is a sum of k products accumulated in a fixed order, so
 * |Ĉ − C| ≤ γ_k·|α|·|op(A)|·|op(B)| + u·|β·C| elementwise (γ_k = ku/(1 − ku)), for every tier and
 * thread count; the blocked tiers give bit-identical results for any thread count.
 *
 * <p><b>Aliasing.</b> C must not share an element with A or B. Views into one array that are
 * disjoint (for example different column blocks of the same rows) are accepted.
 */
public abstract class Gemm {

    protected final ParallelExecutor executor;

    protected Gemm(ParallelExecutor executor) {
        this.executor = executor;
    }

    /** The default tier on the shared executor. */
    public static Gemm get() {
        return KernelProvider.get(Gemm.class);
    }

    /** A given tier on the shared executor. */
    public static Gemm of(Tier tier) {
        return KernelProvider.load(Gemm.class, tier, ParallelExecutor.shared());
    }

    /** A given tier on a given executor. */
    public static Gemm of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Gemm.class, tier, executor);
    }

    /**
     * C ← α·op(A)·op(B) + β·C.
     *
     * @throws IllegalArgumentException on null arguments, mismatched shapes, or C sharing storage
     *                                  with A or B
     */
    public final void gemm(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c) {
        Checks.notNull("opA", opA);
        Checks.notNull("opB", opB);
        Checks.notNull("a", a);
        Checks.notNull("b", b);
        Checks.notNull("c", c);
        int m = opA.rows(a);
        int k = opA.cols(a);
        if (opB.rows(b) != k) {
            throw new IllegalArgumentException("b: op(b) has " + opB.rows(b) + " rows, op(a) has " + k + " columns");
        }
        int n = opB.cols(b);
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("c: " + c.rows() + "x" + c.cols() + ", expected " + m + "x" + n);
        }
        if (overlaps(c, a)) {
            throw new IllegalArgumentException("c overlaps the storage of a");
        }
        if (overlaps(c, b)) {
            throw new IllegalArgumentException("c overlaps the storage of b");
        }
        gemmK(opA, opB, alpha, a, b, beta, c);
    }

    /**
     * Symmetric rank-k update: C ← α·AᵀA + β·C for {@code op = T} (C is a.cols()×a.cols()), or
     * C ← α·AAᵀ + β·C for {@code op = N} (C is a.rows()×a.rows()). Only the upper triangle of C is
     * read (when β ≠ 0) and computed; the lower triangle is then overwritten with its mirror, so the
     * result is exactly symmetric. About half the flops of the equivalent {@link #gemm}.
     *
     * @throws IllegalArgumentException on null arguments, C of the wrong order, or C sharing storage
     *                                  with A
     */
    public final void syrk(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        Checks.notNull("op", op);
        Checks.notNull("a", a);
        Checks.notNull("c", c);
        int d = op == Op.T ? a.cols() : a.rows();
        if (c.rows() != d || c.cols() != d) {
            throw new IllegalArgumentException("c: " + c.rows() + "x" + c.cols() + ", expected " + d + "x" + d
                    + " for " + (op == Op.T ? "AᵀA" : "AAᵀ") + " of a " + a.rows() + "x" + a.cols() + " a");
        }
        if (overlaps(c, a)) {
            throw new IllegalArgumentException("c overlaps the storage of a");
        }
        syrkK(op, alpha, a, beta, c);
    }

    /** A new symmetric matrix AᵀA ({@code op = T}) or AAᵀ ({@code op = N}). */
    public final DenseMatrix gram(Op op, DenseMatrix a) {
        Checks.notNull("op", op);
        Checks.notNull("a", a);
        int d = op == Op.T ? a.cols() : a.rows();
        DenseMatrix c = DenseMatrix.zeros(d, d);
        syrk(op, 1.0, a, 0.0, c);
        return c;
    }

    /**
     * Whether two views share an element. Beyond {@link DenseMatrix#mayOverlap}, views with the same
     * leading dimension whose column ranges (taken modulo the leading dimension) are disjoint never
     * touch, so side-by-side column blocks of one matrix may be combined.
     */
    public static boolean overlaps(DenseMatrix x, DenseMatrix y) {
        if (!x.mayOverlap(y)) {
            return false;
        }
        if (x.ld() != y.ld()) {
            return true;
        }
        int ld = x.ld();
        int x0 = x.offset() % ld;
        int y0 = y.offset() % ld;
        // column intervals [x0, x0 + cols) and [y0, y0 + cols) on a circle of circumference ld
        return arcsIntersect(x0, x.cols(), y0, y.cols(), ld);
    }

    private static boolean arcsIntersect(int s1, int len1, int s2, int len2, int circ) {
        // does s2 lie in arc 1, or s1 in arc 2?
        return Math.floorMod(s2 - s1, circ) < len1 || Math.floorMod(s1 - s2, circ) < len2;
    }

    /** A new matrix op(A)·op(B). */
    public final DenseMatrix multiply(Op opA, DenseMatrix a, Op opB, DenseMatrix b) {
        Checks.notNull("opA", opA);
        Checks.notNull("opB", opB);
        Checks.notNull("a", a);
        Checks.notNull("b", b);
        DenseMatrix c = DenseMatrix.zeros(opA.rows(a), opB.cols(b));
        gemm(opA, opB, 1.0, a, b, 0.0, c);
        return c;
    }

    /** The trusting symmetric update: C is square of the right order and does not alias A. */
    protected abstract void syrkK(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c);

    /** The trusting kernel: shapes agree, C does not alias A or B. */
    protected abstract void gemmK(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta,
                                  DenseMatrix c);
}
