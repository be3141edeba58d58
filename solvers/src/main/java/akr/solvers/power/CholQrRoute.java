package akr.solvers.power;

/**
 * {@link Method#CHOLQR}: randomised Cholesky-QR. Q₁ = A·R_s⁻¹ (formed a row block at a time, never
 * stored), Q₁ᵀQ₁ = R₂ᵀR₂, R = R₂R_s is the R factor of A; least squares by the corrected
 * semi-normal equations with that R ({@link SemiNormalEquations}: κ(A·R⁻¹) ≈ 1, so two or three
 * corrections reach Householder-QR accuracy; one is not enough at κ(A) = 10¹⁰); every
 * (AᵀA)⁻¹ = R⁻¹R⁻ᵀ costs two triangular solves.
 */
final class CholQrRoute extends SketchRoute {

    CholQrRoute() {
        super(Method.CHOLQR);
    }

    @Override
    boolean startsFromSketchAndSolve() {
        return false; // starts from its own R instead
    }

    @Override
    double[] leastSquares(SolveState s, Start f, double[] z0) {
        return SemiNormalEquations.solve(s, f.r(), null, Double.NaN);
    }
}
