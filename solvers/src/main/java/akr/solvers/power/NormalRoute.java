package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * {@link Method#NORMAL}: AᵀA by SYRK and its Cholesky factor R, then R⁻¹R⁻ᵀ for each power.
 * Backward stable for gram-power, whose data is AᵀA. For lstsq-power the semi-normal solution is
 * corrected ({@link SemiNormalEquations}). Refused (rank deficient) when the Cholesky factorisation
 * breaks down or κ(R)² = κ(AᵀA) exceeds 1/(100u); a finite A whose AᵀA overflows is an
 * {@link ArithmeticException}. Under AUTO each of these declines the route instead.
 */
final class NormalRoute extends StagedRoute {

    NormalRoute() {
        super(Method.NORMAL);
    }

    @Override
    Start start(SolveState s) {
        long t = System.nanoTime();
        DenseMatrix r = gramCholesky(s);
        // the matrix factored is AᵀA: its condition κ(R)² is what must stay below 1/(100u)
        double k = SpectralEstimates.condition(r, s.kernels);
        if (!(k * k <= RankDeficientException.THRESHOLD)) {
            throw s.failure(new RankDeficientException("AᵀA (from its Cholesky factor)", k * k));
        }
        s.factorSeconds = SolveState.seconds(t);
        t = System.nanoTime();
        double[] y0 = s.lstsq ? SemiNormalEquations.solve(s, r) : s.b.clone();
        s.iterateSeconds += SolveState.seconds(t);
        return new Start(y0, r, null, Double.NaN, 1);
    }

    /** AᵀA by SYRK and its Cholesky factor; a non-finite AᵀA is traced back to A. */
    private static DenseMatrix gramCholesky(SolveState s) {
        try {
            return Factorizations.gramCholesky(s.op);
        } catch (RankDeficientException e) {
            throw s.failure(e); // the Cholesky factorisation broke down
        } catch (ArithmeticException e) {
            s.requireFiniteA();
            throw s.failure(new ArithmeticException("AᵀA overflows although A is finite (largest |a_ij| too large"
                    + " for its squares to be summed in double precision): scale A, or use method cholqr or direct"));
        }
    }
}
