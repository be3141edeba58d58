package akr.solvers.iterative;

import akr.kernels.Kernels;
import akr.kernels.blas1.Blas1;

import java.util.Arrays;

/**
 * Preconditioned conjugate gradients for H·y_c = c_c, c = 0 … r−1, run side by side: every
 * iteration applies H once to the search directions of all columns still running
 * ({@link BlockOperator}), so a pass over H serves r right-hand sides. Each column keeps its own
 * recurrence, stopping test and iteration count, exactly as {@link Pcg} would run it alone; a column
 * that stops leaves the block.
 *
 * <p>Stops a column when its recurrence residual satisfies ‖c − H·y‖ ≤ tol·‖c‖, when its
 * iteration limit is reached, or on a breakdown (pᵀHp ≤ 0 or a non-finite residual, reported as not
 * converged).
 */
public final class BlockPcg {

    private BlockPcg() {
    }

    /**
     * Solves H·y[c] = rhs[c] for every column, starting from the y[c] passed in.
     *
     * @param precond   P ≈ H⁻¹, applied to one vector at a time
     * @param tol       the relative tolerance of each column
     * @param maxIter   the iteration limit of each column
     * @param listener  told, after every block iteration, the largest running residual of the
     *                  columns that took part
     * @param spectrum  if not null, records column 0's step coefficients (see {@link LanczosSpectrum})
     * @return one result per column
     */
    public static IterationResult[] solve(Kernels kernels, BlockOperator h, LinearOperator precond, double[][] rhs,
                                          double[][] y, double[] tol, int[] maxIter, String phase,
                                          ProgressListener listener, LanczosSpectrum spectrum) {
        return solve(kernels, h, precond, rhs, y, tol, maxIter, phase, listener, spectrum, null);
    }

    /**
     * As {@link #solve(Kernels, BlockOperator, LinearOperator, double[][], double[][], double[], int[],
     * String, ProgressListener, LanczosSpectrum)}, also stopping a column (not converged) when
     * {@code stopRule} says so after one of its iterations.
     */
    public static IterationResult[] solve(Kernels kernels, BlockOperator h, LinearOperator precond, double[][] rhs,
                                          double[][] y, double[] tol, int[] maxIter, String phase,
                                          ProgressListener listener, LanczosSpectrum spectrum, StopRule stopRule) {
        Blas1 blas = kernels.blas1();
        int r = rhs.length;
        int n = h.order();
        if (y.length != r || tol.length != r || maxIter.length != r || precond.rows() != n || precond.cols() != n) {
            throw new IllegalArgumentException("block pcg: " + r + " right-hand sides, " + y.length + " solutions, "
                    + tol.length + " tolerances, " + maxIter.length + " limits; H of order " + n + ", P "
                    + precond.rows() + "x" + precond.cols());
        }
        IterationResult[] out = new IterationResult[r];
        double[][] res = new double[r][];
        double[][] z = new double[r][];
        double[][] p = new double[r][];
        double[][] hp = new double[r][];
        double[] cnorm = new double[r];
        double[] rz = new double[r];
        double[] rel = new double[r];
        int[] its = new int[r];
        boolean[] running = new boolean[r];
        boolean[] nonZeroStart = new boolean[r];
        for (int c = 0; c < r; c++) {
            if (rhs[c].length != n || y[c].length != n) {
                throw new IllegalArgumentException("block pcg: column " + c + " has length " + rhs[c].length + " / "
                        + y[c].length + ", expected " + n);
            }
            cnorm[c] = blas.nrm2(rhs[c]);
            if (cnorm[c] == 0) {
                Arrays.fill(y[c], 0.0);
                out[c] = new IterationResult(0, true, 0.0);
                continue;
            }
            res[c] = rhs[c].clone();
            for (double v : y[c]) {
                if (v != 0) {
                    nonZeroStart[c] = true;
                    break;
                }
            }
            running[c] = true;
        }
        int[] start = indices(running, nonZeroStart);
        if (start.length > 0) { // r ← c − H·y for the columns with a starting guess
            double[][] hy = new double[start.length][n];
            h.apply(gather(y, start), hy);
            for (int i = 0; i < start.length; i++) {
                double[] rc = res[start[i]];
                for (int k = 0; k < n; k++) {
                    rc[k] -= hy[i][k];
                }
            }
        }
        for (int c = 0; c < r; c++) {
            if (!running[c]) {
                continue;
            }
            rel[c] = blas.nrm2(res[c]) / cnorm[c];
            if (rel[c] <= tol[c] || maxIter[c] <= 0) {
                out[c] = new IterationResult(0, rel[c] <= tol[c], rel[c]);
                running[c] = false;
                continue;
            }
            z[c] = new double[n];
            precond.apply(res[c], z[c]);
            p[c] = z[c].clone();
            hp[c] = new double[n];
            rz[c] = blas.dot(res[c], z[c]);
        }
        for (int it = 1; ; it++) {
            int[] act = indices(running, null);
            if (act.length == 0) {
                break;
            }
            h.apply(gather(p, act), gather(hp, act));
            double worst = 0;
            for (int c : act) {
                its[c] = it;
                double php = blas.dot(p[c], hp[c]);
                if (!(php > 0)) { // H (or the rounding of its application) is not positive definite along p
                    out[c] = new IterationResult(it, false, rel[c]);
                    running[c] = false;
                    continue;
                }
                double a = rz[c] / php;
                blas.axpy(a, p[c], y[c]);
                blas.axpy(-a, hp[c], res[c]);
                rel[c] = blas.nrm2(res[c]) / cnorm[c];
                worst = Math.max(worst, rel[c]);
                if (rel[c] <= tol[c] || !Double.isFinite(rel[c]) || it >= maxIter[c]
                        || (stopRule != null && stopRule.stop(c, it, rel[c], tol[c]))) {
                    if (spectrum != null && c == 0) {
                        spectrum.record(a, Double.NaN);
                    }
                    out[c] = new IterationResult(it, rel[c] <= tol[c], rel[c]);
                    running[c] = false;
                    continue;
                }
                precond.apply(res[c], z[c]);
                double rzNew = blas.dot(res[c], z[c]);
                double beta = rzNew / rz[c];
                if (spectrum != null && c == 0) {
                    spectrum.record(a, beta);
                }
                rz[c] = rzNew;
                double[] pc = p[c];
                double[] zc = z[c];
                for (int k = 0; k < n; k++) {
                    pc[k] = zc[k] + beta * pc[k];
                }
            }
            listener.onIteration(phase, it, worst);
        }
        return out;
    }

    /** The columns c with {@code a[c]} (and {@code b[c]}, if given). */
    private static int[] indices(boolean[] a, boolean[] b) {
        int m = 0;
        int[] out = new int[a.length];
        for (int c = 0; c < a.length; c++) {
            if (a[c] && (b == null || b[c])) {
                out[m++] = c;
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static double[][] gather(double[][] v, int[] cols) {
        double[][] out = new double[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            out[i] = v[cols[i]];
        }
        return out;
    }
}
