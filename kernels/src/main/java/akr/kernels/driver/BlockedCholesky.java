package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.cholesky.Cholesky;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;

/**
 * Right-looking blocked Cholesky shared by the scalar and SIMD tiers, run as A = Rᵀ·R on the upper
 * triangle whichever factor is asked for. Per block row of {@value #NB}:
 * <pre>
 *   R_kk = chol(A_kk)                  (unblocked, NB×NB)
 *   R_kj = R_kk⁻ᵀ·A_kj                 (TRSM, left side, all columns to the right)
 *   A_jj ← A_jj − R_kjᵀ·R_kj          (SYRK on the upper triangle of the trailing matrix)
 * </pre>
 * For L·Lᵀ the lower triangle is transposed into the upper one first and the factor transposed
 * back at the end. Only one triangle is touched by the trailing updates: mirroring the trailing
 * matrix at every step would cost more than the update itself at large n.
 */
public abstract class BlockedCholesky extends Cholesky {

    /** Order of the diagonal blocks. */
    public static final int NB = 64;
    /** Side of the square tiles of the transposing copies. */
    private static final int TILE = 32;

    private final BlockedGemm gemm;
    private final Triangular triangular;

    protected BlockedCholesky(ParallelExecutor executor, Gemm gemm, Triangular triangular) {
        super(executor);
        if (!(gemm instanceof BlockedGemm blocked)) {
            throw new IllegalArgumentException("the blocked Cholesky needs a BlockedGemm, not " + gemm);
        }
        this.gemm = blocked;
        this.triangular = triangular;
    }

    @Override
    protected Triangular triangular() {
        return triangular;
    }

    @Override
    protected void factorK(Uplo uplo, DenseMatrix a) {
        int n = a.rows();
        if (uplo == Uplo.LOWER) {
            copyTriangle(a, true);
        }
        for (int k0 = 0; k0 < n; k0 += NB) {
            int kb = Math.min(NB, n - k0);
            int k1 = k0 + kb;
            factorUnblocked(Uplo.UPPER, a, k0, kb);
            if (k1 == n) {
                break;
            }
            DenseMatrix diag = a.view(k0, k0, kb, kb);
            DenseMatrix panel = a.view(k0, k1, kb, n - k1);
            triangular.trsm(Side.LEFT, Uplo.UPPER, Op.T, Diag.NON_UNIT, 1.0, diag, panel);
            gemm.syrkUpper(Op.T, -1.0, panel, 1.0, a.view(k1, k1, n - k1, n - k1));
        }
        if (uplo == Uplo.LOWER) {
            copyTriangle(a, false);
        }
        zeroOtherTriangle(uplo, a);
    }

    /**
     * Copies the strictly lower triangle of the square A onto the upper one ({@code lowerToUpper}) or
     * back, in square tiles so both sides are walked a cache line at a time.
     */
    private static void copyTriangle(DenseMatrix a, boolean lowerToUpper) {
        double[] d = a.data();
        int n = a.rows();
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = 0; j0 <= i0; j0 += TILE) {
                int i1 = Math.min(n, i0 + TILE);
                int j1 = Math.min(n, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < Math.min(j1, i); j++) {
                        if (lowerToUpper) {
                            d[a.index(j, i)] = d[a.index(i, j)];
                        } else {
                            d[a.index(i, j)] = d[a.index(j, i)];
                        }
                    }
                }
            }
        }
    }
}
