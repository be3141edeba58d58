package akr.solvers.iterative;

import akr.kernels.Kernels;
import akr.kernels.blas1.Blas1;

/**
 * Preconditioned conjugate gradients for H·y = c with H symmetric positive definite, given the
 * action of H and of a preconditioner P ≈ H⁻¹ (both SPD).
 *
 * <p>Stops when the recurrence residual satisfies ‖c − H·y‖ ≤ tol·‖c‖. The recurrence drifts from
 * the true residual in floating point; callers that report a residual recompute it.
 */
public final class Pcg {

    private Pcg() {
    }

    /**
     * Solves H·y = c starting from the y passed in (its content is the initial guess).
     *
     * @param kernels the context whose BLAS-1 kernels run the vector updates
     * @param h       H, square and symmetric
     * @param precond P, square and symmetric, of H's order
     */
    public static IterationResult solve(Kernels kernels, LinearOperator h, LinearOperator precond,
                                        double[] c, double[] y, double tol, int maxIter, String phase,
                                        ProgressListener listener) {
        return solve(kernels, h, precond, c, y, tol, maxIter, phase, listener, null);
    }

    /**
     * As {@link #solve(Kernels, LinearOperator, LinearOperator, double[], double[], double, int, String, ProgressListener)},
     * also recording the step coefficients in {@code spectrum} (if not null), from which the extreme
     * eigenvalues of P·H can be estimated.
     */
    public static IterationResult solve(Kernels kernels, LinearOperator h, LinearOperator precond,
                                        double[] c, double[] y, double tol, int maxIter, String phase,
                                        ProgressListener listener, LanczosSpectrum spectrum) {
        Blas1 blas = kernels.blas1();
        int n = c.length;
        if (h.rows() != n || h.cols() != n || precond.rows() != n || precond.cols() != n || y.length != n) {
            throw new IllegalArgumentException("pcg: H " + h.rows() + "x" + h.cols() + ", P " + precond.rows() + "x"
                    + precond.cols() + ", c " + n + ", y " + y.length + " (all must be of one order)");
        }
        double cnorm = blas.nrm2(c);
        if (cnorm == 0) {
            java.util.Arrays.fill(y, 0.0);
            return new IterationResult(0, true, 0.0);
        }
        double[] r = new double[n];
        double[] z = new double[n];
        double[] p = new double[n];
        double[] hp = new double[n];
        boolean zeroStart = true;
        for (int i = 0; i < n && zeroStart; i++) {
            zeroStart = y[i] == 0;
        }
        if (zeroStart) {
            System.arraycopy(c, 0, r, 0, n); // H·0 = 0: no product needed
        } else {
            h.apply(y, hp);
            for (int i = 0; i < n; i++) {
                r[i] = c[i] - hp[i];
            }
        }
        double rel = blas.nrm2(r) / cnorm;
        if (rel <= tol) {
            return new IterationResult(0, true, rel);
        }
        precond.apply(r, z);
        System.arraycopy(z, 0, p, 0, n);
        double rz = blas.dot(r, z);
        for (int it = 1; it <= maxIter; it++) {
            h.apply(p, hp);
            double php = blas.dot(p, hp);
            if (!(php > 0)) {
                // H (or the rounding in its application) is not positive definite along p.
                return new IterationResult(it, false, rel);
            }
            double a = rz / php;
            blas.axpy(a, p, y);
            blas.axpy(-a, hp, r);
            rel = blas.nrm2(r) / cnorm;
            listener.onIteration(phase, it, rel);
            if (rel <= tol || !Double.isFinite(rel)) {
                if (spectrum != null) {
                    spectrum.record(a, Double.NaN);
                }
                return new IterationResult(it, rel <= tol, rel);
            }
            precond.apply(r, z);
            double rzNew = blas.dot(r, z);
            double beta = rzNew / rz;
            if (spectrum != null) {
                spectrum.record(a, beta);
            }
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        return new IterationResult(maxIter, false, rel);
    }
}
