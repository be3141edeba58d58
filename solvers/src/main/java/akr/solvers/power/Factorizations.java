package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.gemm.Gemm;
import akr.kernels.qr.HouseholderQr;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;

/** The dense factorisations the power routes use, on the kernels of one context. */
final class Factorizations {

    /** Rows of A per block of the Cholesky-QR pass: the block and its copy stay in L2. */
    static final int CHOLQR_BLOCK_ROWS = 1024;

    private Factorizations() {
    }

    /**
     * The R factor of the randomised Cholesky-QR and the extreme singular values of the
     * preconditioned A·R_s⁻¹ (those of R₂).
     */
    record CholQr(DenseMatrix r, double sigmaMaxPreconditioned, double sigmaMinPreconditioned) {
        double conditionPreconditioned() {
            return sigmaMinPreconditioned == 0 ? Double.POSITIVE_INFINITY : sigmaMaxPreconditioned / sigmaMinPreconditioned;
        }
    }

    /**
     * The R factor of [A | b] (of A when b is null), by Householder QR without keeping Q (A is read
     * once for tall-skinny shapes): R(A) is its leading d×d block and, with b, the top d entries of
     * its last column are Qᵀb.
     */
    static DenseMatrix rFactorAugmented(DenseMatrix a, double[] b, Kernels kernels) {
        return HouseholderQr.rFactor(a, b, qrOptions(kernels));
    }

    /** The upper-triangular R (min(m, n)×n, non-negative diagonal) of an m×n matrix. */
    static DenseMatrix rFactor(DenseMatrix m, Kernels kernels) {
        return HouseholderQr.rFactor(m, null, qrOptions(kernels));
    }

    private static HouseholderQr.Options qrOptions(Kernels kernels) {
        return HouseholderQr.Options.defaults().withKernels(kernels).withNonNegativeDiagonal(true);
    }

    /**
     * The upper Cholesky factor R of AᵀA (SYRK, then Cholesky), with y ← Aᵀb from the same pass over
     * A when b is not null; a breakdown at pivot i becomes a {@link RankDeficientException}.
     *
     * @throws ArithmeticException when AᵀA is not finite: A holds a NaN or infinity, or the sums of
     *                             squares overflow
     */
    static DenseMatrix gramCholesky(DenseOperator op, double[] b, double[] y) {
        DenseMatrix g = op.gramWith(b, y);
        if (g.firstNonFinite() != null) {
            throw new ArithmeticException("AᵀA is not finite");
        }
        try {
            op.kernels.cholesky().factor(Uplo.UPPER, g);
        } catch (akr.kernels.SingularMatrixException e) {
            throw new RankDeficientException("AᵀA (Cholesky breakdown at pivot " + e.index() + ")",
                    Double.POSITIVE_INFINITY);
        }
        return g;
    }

    /** Upper R with RᵀR = G for SPD G; SingularMatrixException at a non-positive pivot. */
    static DenseMatrix choleskyUpper(DenseMatrix g, Kernels kernels) {
        DenseMatrix r = g.copy();
        kernels.cholesky().factor(Uplo.UPPER, r);
        return r;
    }

    /**
     * Randomised Cholesky-QR: G = Q₁ᵀQ₁ with Q₁ = A·R_s⁻¹ formed one row block at a time (never all
     * of Q₁), R₂ = chol(G), R = R₂·R_s. Blocks are summed in block order into per-chunk partial
     * Grams that are added in chunk order, so the result does not depend on the thread count.
     */
    static CholQr randomizedCholeskyQr(DenseOperator op, DenseMatrix rs) {
        int n = op.n;
        int d = op.d;
        DenseMatrix a = op.a();
        int blocks = (n + CHOLQR_BLOCK_ROWS - 1) / CHOLQR_BLOCK_ROWS;
        int chunks = Math.min(blocks, 32);
        DenseMatrix[] partial = new DenseMatrix[chunks];
        // one thread per block: the parallelism is across blocks
        try (Kernels single = op.kernels.withThreads(1)) {
            Gemm gemm = single.gemm();
            Triangular tri = single.triangular();
            op.kernels.executor().forEachChunk(0, blocks, chunks, (c, lo, hi) -> {
                DenseMatrix g = DenseMatrix.zeros(d, d);
                DenseMatrix q = DenseMatrix.zeros(CHOLQR_BLOCK_ROWS, d);
                for (int blk = lo; blk < hi; blk++) {
                    int r0 = blk * CHOLQR_BLOCK_ROWS;
                    int rows = Math.min(CHOLQR_BLOCK_ROWS, n - r0);
                    DenseMatrix qb = q.rows(0, rows);
                    qb.copyFrom(a.rows(r0, rows));
                    tri.trsm(Side.RIGHT, Uplo.UPPER, Op.N, Diag.NON_UNIT, 1.0, rs, qb);
                    gemm.syrk(Op.T, 1.0, qb, 1.0, g);
                }
                partial[c] = g;
            });
        }
        DenseMatrix g = partial[0];
        for (int c = 1; c < chunks; c++) {
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    g.set(i, k, g.get(i, k) + partial[c].get(i, k));
                }
            }
        }
        DenseMatrix r2 = choleskyUpper(g, op.kernels);
        double sMax = SpectralEstimates.sigmaMax(r2, op.kernels);
        double sMin = SpectralEstimates.sigmaMin(r2, op.kernels);
        DenseMatrix r = DenseMatrix.zeros(d, d);
        // R = R₂·R_s, both upper triangular
        for (int i = 0; i < d; i++) {
            for (int k = i; k < d; k++) {
                double s = 0;
                for (int p = i; p <= k; p++) {
                    s += r2.get(i, p) * rs.get(p, k);
                }
                r.set(i, k, s);
            }
        }
        return new CholQr(r, sMax, sMin);
    }
}
