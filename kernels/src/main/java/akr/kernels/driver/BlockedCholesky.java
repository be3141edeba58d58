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
 * Right-looking blocked Cholesky shared by the scalar and SIMD tiers. For A = L·Lᵀ, per block
 * column of {@value #NB}:
 * <pre>
 *   L_kk = chol(A_kk)                  (unblocked, NB×NB)
 *   L_ik = A_ik·L_kk⁻ᵀ                 (TRSM, right side, all rows below)
 *   A_ii ← A_ii − L_ik·L_ikᵀ          (SYRK on the trailing matrix)
 * </pre>
 * and the transposed scheme for A = Rᵀ·R. The named triangle is first mirrored into the other one,
 * so the trailing SYRK updates a symmetric matrix; the other triangle is zeroed at the end.
 */
public abstract class BlockedCholesky extends Cholesky {

    /** Order of the diagonal blocks. */
    public static final int NB = 64;

    private final Gemm gemm;
    private final Triangular triangular;

    protected BlockedCholesky(ParallelExecutor executor, Gemm gemm, Triangular triangular) {
        super(executor);
        this.gemm = gemm;
        this.triangular = triangular;
    }

    @Override
    protected Triangular triangular() {
        return triangular;
    }

    @Override
    protected void factorK(Uplo uplo, DenseMatrix a) {
        int n = a.rows();
        mirror(uplo, a);
        for (int k0 = 0; k0 < n; k0 += NB) {
            int kb = Math.min(NB, n - k0);
            int k1 = k0 + kb;
            factorUnblocked(uplo, a, k0, kb);
            if (k1 == n) {
                break;
            }
            DenseMatrix diag = a.view(k0, k0, kb, kb);
            DenseMatrix trailing = a.view(k1, k1, n - k1, n - k1);
            if (uplo == Uplo.LOWER) {
                DenseMatrix panel = a.view(k1, k0, n - k1, kb);
                triangular.trsm(Side.RIGHT, Uplo.LOWER, Op.T, Diag.NON_UNIT, 1.0, diag, panel);
                gemm.syrk(Op.N, -1.0, panel, 1.0, trailing);
            } else {
                DenseMatrix panel = a.view(k0, k1, kb, n - k1);
                triangular.trsm(Side.LEFT, Uplo.UPPER, Op.T, Diag.NON_UNIT, 1.0, diag, panel);
                gemm.syrk(Op.T, -1.0, panel, 1.0, trailing);
            }
        }
        zeroOtherTriangle(uplo, a);
    }

    /** Copies the {@code uplo} triangle over the other one. */
    private static void mirror(Uplo uplo, DenseMatrix a) {
        double[] d = a.data();
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < i; j++) {
                if (uplo == Uplo.LOWER) {
                    d[a.index(j, i)] = d[a.index(i, j)];
                } else {
                    d[a.index(i, j)] = d[a.index(j, i)];
                }
            }
        }
    }
}
