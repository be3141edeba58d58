package akr.kernels.cholesky;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Op;
import akr.kernels.SingularMatrixException;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Uplo;

/**
 * Cholesky factorisation of a symmetric positive definite matrix and the solves that use it.
 *
 * <p>{@code factor(LOWER, A)} computes A = L·Lᵀ, {@code factor(UPPER, A)} computes A = Rᵀ·R
 * (R = Lᵀ), in place. Only the named triangle of A is read. On return that triangle holds the
 * factor and the other strict triangle is zero, so A is the triangular factor as a matrix.
 *
 * <p><b>Failure.</b> The j-th pivot is a_jj − Σ_{p&lt;j} l_jp²; if it is not positive and finite
 * (A is not numerically positive definite, or holds NaN/∞), {@link SingularMatrixException} is
 * thrown with {@link SingularMatrixException#index()} = j. The leading j×j block then holds the
 * factor of A's leading j×j block (which is positive definite); the rest of A is unspecified.
 * Callers use the index to detect numerical rank deficiency.
 *
 * <p><b>Accuracy.</b> The computed factor satisfies L̂L̂ᵀ = A + ΔA with
 * |ΔA| ≤ γ_{n+1}·|L̂||L̂ᵀ| (Higham, Thm. 10.3) for every tier; solves add the triangular-solve
 * errors, for a relative error of order κ(A)·u.
 *
 * <p><b>Tiers.</b> {@link ReferenceCholesky}: unblocked, on the reference triangular solves.
 * {@link ScalarCholesky} and {@code akr.kernels.simd.SimdCholesky} share
 * {@code akr.kernels.driver.BlockedCholesky} (right-looking, blocks of 64, the work in TRSM and SYRK).
 */
public abstract class Cholesky {

    protected final ParallelExecutor executor;

    protected Cholesky(ParallelExecutor executor) {
        this.executor = executor;
    }

    public static Cholesky get() {
        return KernelProvider.get(Cholesky.class);
    }

    public static Cholesky of(Tier tier) {
        return KernelProvider.load(Cholesky.class, tier, ParallelExecutor.shared());
    }

    public static Cholesky of(Tier tier, ParallelExecutor executor) {
        return KernelProvider.load(Cholesky.class, tier, executor);
    }

    /** The triangular-solve tier this Cholesky solves with. */
    protected abstract Triangular triangular();

    /**
     * Factors A in place: A = L·Lᵀ (LOWER) or A = Rᵀ·R (UPPER).
     *
     * @throws IllegalArgumentException  on null arguments or a non-square A
     * @throws SingularMatrixException   with the index of the first pivot that is not positive
     */
    public final void factor(Uplo uplo, DenseMatrix a) {
        Checks.notNull("uplo", uplo);
        Checks.notNull("a", a);
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("a: " + a.rows() + "x" + a.cols() + " is not square");
        }
        factorK(uplo, a);
    }

    /**
     * Solves A·X = B in place (B ← A⁻¹B) with the factor from {@link #factor} of the same
     * {@code uplo}.
     *
     * @throws IllegalArgumentException on null arguments, mismatched shapes or B overlapping the factor
     * @throws SingularMatrixException  if the factor has a zero or non-finite diagonal entry
     */
    public final void solve(Uplo uplo, DenseMatrix factor, DenseMatrix b) {
        Checks.notNull("uplo", uplo);
        Checks.notNull("factor", factor);
        Checks.notNull("b", b);
        if (factor.rows() != factor.cols()) {
            throw new IllegalArgumentException("factor: " + factor.rows() + "x" + factor.cols() + " is not square");
        }
        if (b.rows() != factor.rows()) {
            throw new IllegalArgumentException("b: " + b.rows() + " rows, the factor has order " + factor.rows());
        }
        Triangular t = triangular();
        Op first = uplo == Uplo.LOWER ? Op.N : Op.T;
        Op second = uplo == Uplo.LOWER ? Op.T : Op.N;
        t.trsm(Triangular.Side.LEFT, uplo, first, Triangular.Diag.NON_UNIT, 1.0, factor, b);
        t.trsm(Triangular.Side.LEFT, uplo, second, Triangular.Diag.NON_UNIT, 1.0, factor, b);
    }

    /** Solves A·x = b in place for the vector x[xOff …] of length n, with the factor of A. */
    public final void solve(Uplo uplo, DenseMatrix factor, double[] x, int xOff) {
        Checks.notNull("uplo", uplo);
        Checks.notNull("factor", factor);
        Triangular t = triangular();
        Op first = uplo == Uplo.LOWER ? Op.N : Op.T;
        Op second = uplo == Uplo.LOWER ? Op.T : Op.N;
        t.trsv(uplo, first, Triangular.Diag.NON_UNIT, factor, x, xOff);
        t.trsv(uplo, second, Triangular.Diag.NON_UNIT, factor, x, xOff);
    }

    /** The trusting factorisation: A is square. */
    protected abstract void factorK(Uplo uplo, DenseMatrix a);

    /**
     * Unblocked factorisation of the symmetric block A[r0:r0+n, r0:r0+n] in place, reading only its
     * {@code uplo} triangle; pivot indices in exceptions are offset by {@code r0}.
     */
    protected static void factorUnblocked(Uplo uplo, DenseMatrix a, int r0, int n) {
        double[] d = a.data();
        for (int j = 0; j < n; j++) {
            int jj = a.index(r0 + j, r0 + j);
            double s = d[jj];
            if (uplo == Uplo.LOWER) {
                int rowJ = a.index(r0 + j, r0);
                for (int p = 0; p < j; p++) {
                    s -= d[rowJ + p] * d[rowJ + p];
                }
                double l = pivot(s, r0 + j);
                d[jj] = l;
                for (int i = j + 1; i < n; i++) {
                    int rowI = a.index(r0 + i, r0);
                    double v = d[rowI + j];
                    for (int p = 0; p < j; p++) {
                        v -= d[rowI + p] * d[rowJ + p];
                    }
                    d[rowI + j] = v / l;
                }
            } else {
                for (int p = 0; p < j; p++) {
                    double r = d[a.index(r0 + p, r0 + j)];
                    s -= r * r;
                }
                double l = pivot(s, r0 + j);
                d[jj] = l;
                for (int p = 0; p < j; p++) {
                    double rpj = d[a.index(r0 + p, r0 + j)];
                    int rowP = a.index(r0 + p, r0);
                    int rowJ = a.index(r0 + j, r0);
                    for (int i = j + 1; i < n; i++) {
                        d[rowJ + i] -= rpj * d[rowP + i];
                    }
                }
                int rowJ = a.index(r0 + j, r0);
                for (int i = j + 1; i < n; i++) {
                    d[rowJ + i] /= l;
                }
            }
        }
    }

    private static double pivot(double s, int index) {
        if (!(s > 0) || s == Double.POSITIVE_INFINITY) {
            throw new SingularMatrixException("matrix is not positive definite: pivot " + s + " at index " + index,
                    index);
        }
        return Math.sqrt(s);
    }

    /** Zeros the strict triangle opposite to {@code uplo}. */
    protected static void zeroOtherTriangle(Uplo uplo, DenseMatrix a) {
        double[] d = a.data();
        int n = a.rows();
        for (int i = 0; i < n; i++) {
            int row = a.index(i, 0);
            if (uplo == Uplo.LOWER) {
                java.util.Arrays.fill(d, row + i + 1, row + n, 0.0);
            } else {
                java.util.Arrays.fill(d, row, row + i, 0.0);
            }
        }
    }
}
