package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * {@link Method#NORMAL}: AᵀA by SYRK and its Cholesky factor R, then R⁻¹R⁻ᵀ for each power.
 * Backward stable for gram-power, whose data is AᵀA. For lstsq-power the semi-normal solution is
 * corrected ({@link SemiNormalEquations}). Refused (rank deficient) when the Cholesky factorisation
 * breaks down or κ(R)² = κ(AᵀA) exceeds 1/(100u); a finite A whose AᵀA overflows is an
 * {@link ArithmeticException}. Under AUTO each of these declines the route instead.
 *
 * <p>The Cholesky factor of the rounded AᵀA is only κ(A)²u accurate, where a QR of A gives κ(A)u:
 * each (AᵀA)⁻¹ stage is therefore refined ({@link #gramSolve}) until it is as accurate as a solve
 * with the R of a QR of A.
 */
final class NormalRoute extends StagedRoute {

    NormalRoute() {
        super(Method.NORMAL);
    }

    @Override
    Start start(SolveState s) {
        long t = System.nanoTime();
        double[] atb = s.lstsq ? new double[s.op.d] : null;
        DenseMatrix r = gramCholesky(s, atb); // Aᵀb from the same pass over A
        // the matrix factored is AᵀA: its condition κ(R)² is what must stay below 1/(100u)
        double k = SpectralEstimates.condition(r, s.kernels);
        if (!(k * k <= RankDeficientException.THRESHOLD)) {
            throw s.failure(new RankDeficientException("AᵀA (from its Cholesky factor)", k * k));
        }
        s.factorSeconds = SolveState.seconds(t);
        t = System.nanoTime();
        double[] y0 = s.lstsq ? SemiNormalEquations.solve(s, r, atb, k * k * SolveState.U) : s.b.clone();
        s.iterateSeconds += SolveState.seconds(t);
        return new Start(y0, r, null, Double.NaN, 1);
    }

    /**
     * y with AᵀA·y = c: two triangular solves with R, then corrections y ← y + (RᵀR)⁻¹(c − AᵀA·y)
     * with AᵀA·y summed in compensated arithmetic (one pass over A each). Each correction contracts
     * the error by about κ(A)²u; refinement stops once the next correction would be below
     * κ(A)·u·‖y‖ (the accuracy of a backward-stable solve from A), when a correction stops halving,
     * or at the iteration limit.
     * The corrections are counted in stage k's iterations.
     */
    @Override
    double[] gramSolve(SolveState s, Start f, int k, double[] c, double relTol, double kappaA) {
        double[] y = super.gramSolve(s, f, k, c, relTol, kappaA);
        DenseOperator op = s.op;
        double kappa = Math.max(1, kappaA);
        double floor = kappa * SolveState.U;
        double[] dy = new double[op.d];
        double previous = Double.POSITIVE_INFINITY;
        for (int it = 1; it <= s.maxIterations(); it++) {
            op.gramCompensated(y, dy);
            for (int i = 0; i < op.d; i++) {
                dy[i] = c[i] - dy[i];
            }
            op.solveGram(f.r(), dy);
            double size = s.norm(dy);
            double ynorm = s.norm(y);
            s.listener.onIteration(s.method.key() + " stage " + k + " refinement", it, ynorm == 0 ? size : size / ynorm);
            s.iterations[k] = it;
            if (size > 0.5 * previous) {
                break; // stagnated at the rounding of AᵀA·y
            }
            for (int i = 0; i < op.d; i++) {
                y[i] += dy[i];
            }
            if (size * kappa * kappa * SolveState.U <= floor * ynorm) {
                break; // the next correction, about κ(A)²u times this one, would be below the floor
            }
            previous = size;
        }
        return y;
    }

    /** AᵀA by SYRK and its Cholesky factor (and Aᵀb into atb, if not null); a non-finite AᵀA is traced back to A. */
    private static DenseMatrix gramCholesky(SolveState s, double[] atb) {
        try {
            return Factorizations.gramCholesky(s.op, atb == null ? null : s.b, atb);
        } catch (RankDeficientException e) {
            throw s.failure(e); // the Cholesky factorisation broke down
        } catch (ArithmeticException e) {
            s.requireFiniteA();
            throw s.failure(new ArithmeticException("AᵀA overflows although A is finite (largest |a_ij| too large"
                    + " for its squares to be summed in double precision): scale A, or use method cholqr or direct"));
        }
    }
}
