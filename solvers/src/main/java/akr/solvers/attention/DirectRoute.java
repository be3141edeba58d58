package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.SingularMatrixException;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.triangular.Triangular.Uplo;

import java.util.Locale;

/**
 * {@link Preconditioner#DIRECT}, the reference for small n: materialise G + λD⁻² (n²·8 bytes,
 * refused beyond the memory limit of the options), factor it by Cholesky L·Lᵀ, solve
 * L·Lᵀ·y = D⁻¹b and return x = D⁻¹y. A failing pivot is a {@link SingularKernelException}.
 */
final class DirectRoute implements AttentionRoute {

    @Override
    public Preconditioner kind() {
        return Preconditioner.DIRECT;
    }

    @Override
    public AttentionResult solve(ScaledSystem s, AttentionOptions o, long startNanos) {
        int n = s.n;
        long need = (long) n * n * 8;
        long limit = o.effectiveMemoryLimit();
        if (need > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the direct route materialises the %dx%d kernel: %.2f GB, more than the memory limit of %.2f GB;"
                            + " use an iterative preconditioner (rpcholesky, sketch, jacobi)", n, n, need / 1e9,
                    limit / 1e9));
        }
        long t = System.nanoTime();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        DenseMatrix g = s.op.columns(Form.GAUSSIAN, all);
        for (int i = 0; i < n; i++) {
            g.set(i, i, g.get(i, i) + s.ridgeDiag[i]);
        }
        try {
            s.kernels.cholesky().factor(Uplo.LOWER, g);
        } catch (SingularMatrixException e) {
            throw new SingularKernelException("the Cholesky factorisation of the Gaussian-scaled kernel G + λD⁻² fails"
                    + " at pivot " + e.index() + " (row " + e.index() + " of A): K + λI is numerically singular"
                    + " (near-duplicate rows?); use a ridge λ > 0", e.index());
        }
        double factorSeconds = AttentionSolver.seconds(t);
        t = System.nanoTime();
        double[] y = s.rhs(true);
        s.kernels.cholesky().solve(Uplo.LOWER, g, y, 0);
        g = null; // the n×n factor may go before the residual's products
        double[] x = new double[n];
        s.toOriginal(y, x, true);
        double solveSeconds = AttentionSolver.seconds(t);
        double rel = ExactResidual.relative(s, x, y, true);
        return new AttentionResult(x, rel, 0, rel <= o.tolerance(), Preconditioner.DIRECT, n, Double.NaN, 0, Double.NaN,
                new AttentionResult.Timings(factorSeconds, solveSeconds, AttentionSolver.seconds(startNanos)));
    }
}
