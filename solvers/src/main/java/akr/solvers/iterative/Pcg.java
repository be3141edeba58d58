package akr.solvers.iterative;

import akr.kernels.blas1.Blas1;

import java.util.function.BiConsumer;

/**
 * Preconditioned conjugate gradients for H·y = c with H symmetric positive definite, given the
 * action of H and of a preconditioner P ≈ H⁻¹ (both SPD).
 *
 * <p>Stops when the recurrence residual satisfies ‖c − H·y‖ ≤ tol·‖c‖. The recurrence drifts from
 * the true residual in floating point; callers that report a residual recompute it.
 */
public final class Pcg {

    private static final Blas1 BLAS = Blas1.get();

    private Pcg() {
    }

    /**
     * Solves H·y = c starting from the y passed in (its content is the initial guess).
     *
     * @param h       y ↦ H·y, as (in, out)
     * @param precond r ↦ P·r, as (in, out)
     */
    public static IterationResult solve(BiConsumer<double[], double[]> h, BiConsumer<double[], double[]> precond,
                                        double[] c, double[] y, double tol, int maxIter, String phase,
                                        ProgressListener listener) {
        return solve(h, precond, c, y, tol, maxIter, phase, listener, null);
    }

    /**
     * As {@link #solve(BiConsumer, BiConsumer, double[], double[], double, int, String, ProgressListener)},
     * also recording the step coefficients in {@code spectrum} (if not null), from which the extreme
     * eigenvalues of P·H can be estimated.
     */
    public static IterationResult solve(BiConsumer<double[], double[]> h, BiConsumer<double[], double[]> precond,
                                        double[] c, double[] y, double tol, int maxIter, String phase,
                                        ProgressListener listener, LanczosSpectrum spectrum) {
        int n = c.length;
        double cnorm = BLAS.nrm2(c);
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
            h.accept(y, hp);
            for (int i = 0; i < n; i++) {
                r[i] = c[i] - hp[i];
            }
        }
        double rel = BLAS.nrm2(r) / cnorm;
        if (rel <= tol) {
            return new IterationResult(0, true, rel);
        }
        precond.accept(r, z);
        System.arraycopy(z, 0, p, 0, n);
        double rz = BLAS.dot(r, z);
        for (int it = 1; it <= maxIter; it++) {
            h.accept(p, hp);
            double php = BLAS.dot(p, hp);
            if (!(php > 0)) {
                // H (or the rounding in its application) is not positive definite along p.
                return new IterationResult(it, false, rel);
            }
            double a = rz / php;
            BLAS.axpy(a, p, y);
            BLAS.axpy(-a, hp, r);
            rel = BLAS.nrm2(r) / cnorm;
            listener.onIteration(phase, it, rel);
            if (rel <= tol || !Double.isFinite(rel)) {
                if (spectrum != null) {
                    spectrum.record(a, Double.NaN);
                }
                return new IterationResult(it, rel <= tol, rel);
            }
            precond.accept(r, z);
            double rzNew = BLAS.dot(r, z);
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
