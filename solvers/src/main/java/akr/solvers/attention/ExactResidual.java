package akr.solvers.attention;

import akr.kernels.blas1.Blas1;
import akr.kernels.expgram.ExpGramOverflowException;

/**
 * The residual every route reports: ‖(K + λI)x − b‖/‖b‖, recomputed with the exact operator K
 * whatever form the route solved in.
 *
 * <p>When a product with K overflows, the residual comes from the scaled one instead:
 * (K + λI)x − b = D·((G + λD⁻²)y − D⁻¹b), whose entries are summed in logarithms,
 * ‖r‖ = e^{M}·(Σ_i e^{2(log|r_i| − M)})^{1/2} with M = max_i log|r_i|.
 */
final class ExactResidual {

    private ExactResidual() {
    }

    /**
     * @param x              the solution in the original form
     * @param y              the same solution in the scaled form (D·x), if {@code scaledSolution}
     * @param scaledSolution whether {@code y} holds D·x (else it is recomputed on overflow)
     */
    static double relative(ScaledSystem s, double[] x, double[] y, boolean scaledSolution) {
        int n = s.n;
        double[] b = s.b;
        Blas1 blas = s.kernels.blas1();
        double bnorm = blas.nrm2(b);
        if (bnorm == 0) {
            return blas.nrm2(x) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double[] r = new double[n];
        try {
            s.exactProduct(x, r);
            for (int i = 0; i < n; i++) {
                r[i] -= b[i];
            }
            return blas.nrm2(r) / bnorm;
        } catch (ExpGramOverflowException e) {
            double[] ys = y;
            if (!scaledSolution) {
                ys = new double[n];
                for (int i = 0; i < n; i++) {
                    ys[i] = x[i] / s.dinv[i];
                }
            }
            s.scaledProduct(ys, r);
            double maxLog = Double.NEGATIVE_INFINITY;
            double[] logs = new double[n];
            for (int i = 0; i < n; i++) {
                logs[i] = s.halfNorms[i] + Math.log(Math.abs(r[i] - s.dinv[i] * b[i]));
                maxLog = Math.max(maxLog, logs[i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(2 * (logs[i] - maxLog));
            }
            return Math.exp(maxLog + 0.5 * Math.log(sum)) / bnorm;
        }
    }
}
