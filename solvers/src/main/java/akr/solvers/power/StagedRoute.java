package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * What every route but AUTO shares: factor A and run the least-squares stage ({@link #start}),
 * then the j stages y_k = (AᵀA)⁻¹y_{k−1} ({@link #gramSolve}) with tolerances set from the
 * target, then the recomputed residuals.
 *
 * <p><b>Inner tolerances.</b> If stage k leaves the residual e_k = AᵀAy_k − y_{k−1}, then
 * (AᵀA)ʲy_j − y_0 = Σ_k (AᵀA)^{k−1}e_k: the error of stage k is amplified by up to σ_max^{2(k−1)}.
 * On the routes whose stages iterate ({@link #stagesIterate}), stage k is therefore asked for
 * ‖e_k‖ ≤ τ‖y_0‖/((j+1)·σ_max^{2(k−1)}) for gram-power, and for lstsq-power (whose normal-equation
 * residual weighs e_k by σ_max^{2k−1}/(‖M‖‖r‖)) ‖e_k‖ ≤ τ·max(‖r‖, τ‖b‖)/((j+1)·σ_max^{2k−1}), with
 * σ_max estimated from the R factor of A.
 * Tolerances below 4u are raised to 4u; the recomputed residual decides convergence.
 */
abstract class StagedRoute implements PowerRoute {

    private final Method method;

    StagedRoute(Method method) {
        this.method = method;
    }

    @Override
    public final Method method() {
        return method;
    }

    @Override
    public final PowerResult solve(PowerProblem problem, PowerOptions options) {
        SolveState.check(problem, options);
        return run(new SolveState(problem, options, method, false, 0));
    }

    /**
     * The factors of A a route computed, and the right-hand side y₀ of the first (AᵀA)⁻¹ stage
     * (for lstsq-power the least-squares solution z, else b).
     *
     * @param y0       y₀
     * @param r        the R factor of A (Householder, Cholesky of AᵀA, or Cholesky-QR)
     * @param rs       R_s = R(S·A), the preconditioner of the sketch routes; null otherwise
     * @param kappaPre the estimate of κ(A·R_s⁻¹), NaN without a sketch
     * @param step     the step of the preconditioned gradient iterations (GD)
     */
    record Start(double[] y0, DenseMatrix r, DenseMatrix rs, double kappaPre, double step) {
        /** These factors with the first stage's right-hand side. */
        Start withY0(double[] y) {
            return new Start(y, r, rs, kappaPre, step);
        }
    }

    /** Factors A and runs the least-squares stage, adding to the state's phase times. */
    abstract Start start(SolveState s);

    /**
     * One stage: y with AᵀA·y = c to relative residual relTol (NaN unless {@link #stagesIterate}).
     * Here by two triangular solves with the R factor of A, exact up to rounding. {@code kappaA} is
     * κ(A) estimated from that R.
     */
    double[] gramSolve(SolveState s, Start f, int k, double[] c, double relTol, double kappaA) {
        double[] y = c.clone();
        s.op.solveGram(f.r(), y);
        return y;
    }

    /** The solve, given its state (AUTO runs it for its first try and for its fallback). */
    final PowerResult run(SolveState s) {
        long t0 = System.nanoTime();
        Start f = start(s);
        double sigmaMax = SpectralEstimates.sigmaMax(f.r(), s.kernels);
        double kappaA = SpectralEstimates.condition(f.r(), s.kernels);

        long t = System.nanoTime();
        double[] x = powerStages(s, f, sigmaMax, kappaA);
        s.iterateSeconds += SolveState.seconds(t);

        Residuals res = Residuals.of(s, x, sigmaMax);
        double tol = s.tolerance();
        boolean converged = res.relative() <= tol || (s.lstsq && res.normal() <= tol);
        PowerResult.Timings times = new PowerResult.Timings(s.sketchSeconds, s.priorSeconds + s.factorSeconds,
                s.iterateSeconds, s.priorSeconds + SolveState.seconds(t0));
        return new PowerResult(x, res.relative(), s.lstsq ? res.normal() : Double.NaN, s.iterations, converged,
                s.method, times, f.kappaPre(), kappaA);
    }

    /**
     * Whether {@link #gramSolve} iterates until its relTol is met (the GD and LSQR routes). The other
     * routes solve each stage exactly up to rounding and are given NaN instead: for them no tolerance
     * is set, nor, for lstsq-power, the pass over A that measures its scale ‖b − Az‖.
     */
    boolean stagesIterate() {
        return false;
    }

    /** y_j from y_0 through j solves with AᵀA. */
    private double[] powerStages(SolveState s, Start f, double sigmaMax, double kappaA) {
        double[] y = f.y0();
        int j = s.j;
        if (j == 0) {
            return y;
        }
        if (!stagesIterate()) {
            for (int k = 1; k <= j; k++) {
                y = gramSolve(s, f, k, y, Double.NaN, kappaA);
            }
            return y;
        }
        double tol = s.tolerance();
        double y0norm = s.norm(y);
        double scaleBudget = s.lstsq ? Math.max(s.norm(s.residualLs(y)), tol * s.norm(s.b)) : y0norm;
        for (int k = 1; k <= j; k++) {
            double amplification = s.lstsq ? Math.pow(sigmaMax, 2 * k - 1) : Math.pow(sigmaMax, 2 * (k - 1));
            double absTol = tol * scaleBudget / ((j + 1) * amplification);
            double ynorm = s.norm(y);
            double relTol = ynorm == 0 ? 1 : Math.max(4 * SolveState.U, Math.min(0.5, absTol / ynorm));
            y = gramSolve(s, f, k, y, relTol, kappaA);
        }
        return y;
    }
}
