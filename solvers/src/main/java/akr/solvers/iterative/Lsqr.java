package akr.solvers.iterative;

import akr.kernels.Kernels;
import akr.kernels.blas1.Blas1;

/**
 * LSQR (Paige and Saunders 1982) for min ‖M·y − b‖₂, started from y = 0, using Golub–Kahan
 * bidiagonalisation with the Paige–Saunders running estimates of ‖r‖, ‖Mᵀr‖ and ‖M‖_F.
 *
 * <p>Stopping tests (Paige–Saunders S1 and S2 with atol = btol = tol):
 * S1 ‖r‖ ≤ tol·‖b‖ (consistent systems) or S2 ‖Mᵀr‖ ≤ tol·‖M‖·‖r‖ (least squares). Applied to a
 * well-preconditioned operator (M = A·R⁻¹ with κ(M) ≈ 1) it converges in O(log 1/tol) iterations.
 */
public final class Lsqr {

    private Lsqr() {
    }

    /**
     * Solves min ‖M·y − b‖ from y = 0, writing y (length M.cols()).
     *
     * @param kernels the context whose BLAS-1 kernels run the vector updates
     * @param phase   name passed to the listener
     */
    public static IterationResult solve(Kernels kernels, LinearOperator m, double[] b, double[] y, double tol,
                                        int maxIter, String phase, ProgressListener listener) {
        Blas1 blas = kernels.blas1();
        int rows = m.rows();
        int cols = m.cols();
        java.util.Arrays.fill(y, 0.0);
        double[] u = b.clone();
        double beta = blas.nrm2(u);
        double bnorm = beta;
        if (beta == 0) {
            return new IterationResult(0, true, 0.0);
        }
        blas.scal(u.length, 1 / beta, u, 0, 1);
        double[] v = new double[cols];
        m.applyTranspose(u, v);
        double alpha = blas.nrm2(v);
        if (alpha == 0) {
            return new IterationResult(0, true, 1.0); // b ⟂ range(M): y = 0 is the solution
        }
        blas.scal(v.length, 1 / alpha, v, 0, 1);
        double[] w = v.clone();
        double[] mv = new double[rows];
        double[] mtu = new double[cols];
        double phibar = beta;
        double rhobar = alpha;
        double anorm2 = 0;
        double rnorm = beta;
        double arnorm;
        for (int it = 1; it <= maxIter; it++) {
            // bidiagonalisation: beta·u = M·v − alpha·u, alpha·v = Mᵀ·u − beta·v
            m.apply(v, mv);
            blas.scal(rows, -alpha, u, 0, 1);
            blas.axpy(1.0, mv, u);
            beta = blas.nrm2(u);
            if (beta > 0) {
                blas.scal(u.length, 1 / beta, u, 0, 1);
            }
            anorm2 += alpha * alpha + beta * beta;
            m.applyTranspose(u, mtu);
            blas.scal(cols, -beta, v, 0, 1);
            blas.axpy(1.0, mtu, v);
            double alphaNext = blas.nrm2(v);
            if (alphaNext > 0) {
                blas.scal(v.length, 1 / alphaNext, v, 0, 1);
            }
            // plane rotation eliminating beta
            double rho = Math.hypot(rhobar, beta);
            double c = rhobar / rho;
            double s = beta / rho;
            double theta = s * alphaNext;
            rhobar = -c * alphaNext;
            double phi = c * phibar;
            phibar = s * phibar;
            double t1 = phi / rho;
            double t2 = -theta / rho;
            for (int j = 0; j < cols; j++) {
                y[j] += t1 * w[j];
                w[j] = v[j] + t2 * w[j];
            }
            alpha = alphaNext;
            rnorm = phibar;
            arnorm = alpha * Math.abs(c * phibar); // ‖Mᵀr‖ estimate
            double anorm = Math.sqrt(anorm2);
            double test1 = rnorm / bnorm;
            double test2 = rnorm == 0 ? 0 : arnorm / (anorm * rnorm);
            listener.onIteration(phase, it, Math.min(test1, test2));
            if (test1 <= tol || test2 <= tol || alpha == 0 || beta == 0) {
                return new IterationResult(it, true, Math.min(test1, test2));
            }
            if (!Double.isFinite(rnorm)) {
                return new IterationResult(it, false, Double.NaN);
            }
        }
        return new IterationResult(maxIter, false, rnorm / bnorm);
    }
}
