package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.SingularMatrixException;
import akr.kernels.triangular.Triangular.Uplo;

import java.util.Locale;

/**
 * {@link Route#DENSE}: the upper triangle of H = G + λD⁻² built once by the fused GEMM + exp tiles
 * ({@link ScaledBlocks}, each entry computed once), factored in place by the blocked Cholesky
 * H = RᵀR, and Rᵀ·R·Y = D⁻¹B solved for all right-hand sides; X = D⁻¹Y. 8n² bytes, refused beyond
 * the memory budget. A failing pivot is a {@link SingularKernelException}.
 */
final class DenseRoute implements AttentionRoute {

    @Override
    public Route route() {
        return Route.DENSE;
    }

    @Override
    public AttentionResult solve(ScaledSystem s, AttentionOptions o, long startNanos) {
        int n = s.n;
        int r = s.columns();
        long need = MemoryBudget.denseBytes(n) + MemoryBudget.vectorBytes(n, r);
        long limit = o.effectiveMemoryLimit();
        if (need > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the dense route stores the %dx%d matrix: %.2f GB, more than the memory budget of %.2f GB;"
                            + " use the materialised or matrix-free route (or a larger --memory)", n, n, need / 1e9,
                    limit / 1e9));
        }
        long t = System.nanoTime();
        final DenseMatrix h = DenseMatrix.zeros(n, n);
        double[] hd = h.data();
        ScaledBlocks.forEach(s, (i0, i1, block) -> {
            int w = i1 - i0;
            for (int row = 0; row < i1; row++) {
                System.arraycopy(block.data(), block.index(row, 0), hd, h.index(row, i0), w);
            }
        });
        double matrixSeconds = AttentionSolver.seconds(t);
        t = System.nanoTime();
        try {
            s.kernels.cholesky().factor(Uplo.UPPER, h);
        } catch (SingularMatrixException e) {
            throw new SingularKernelException("the Cholesky factorisation of the Gaussian-scaled kernel G + λD⁻² fails"
                    + " at pivot " + e.index() + " (row " + e.index() + " of A): K + λI is numerically singular"
                    + " (near-duplicate rows?); use a ridge λ > 0", e.index());
        }
        double factorSeconds = AttentionSolver.seconds(t);
        t = System.nanoTime();
        double[][] y = s.rhs(true);
        DenseMatrix yt = DenseMatrix.zeros(n, r);
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                yt.set(i, c, y[c][i]);
            }
        }
        s.kernels.cholesky().solve(Uplo.UPPER, h, yt);
        double[][] x = new double[r][n];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                y[c][i] = yt.get(i, c);
                x[c][i] = s.dinv[i] * y[c][i];
            }
        }
        double solveSeconds = AttentionSolver.seconds(t);
        double[] rel = ExactResidual.relative(s, x, y);
        return AttentionResult.builder(x, rel, new int[r], Route.DENSE, o.tolerance())
                .bytes(need)
                .timings(matrixSeconds, factorSeconds, solveSeconds, AttentionSolver.seconds(startNanos))
                .build();
    }
}
