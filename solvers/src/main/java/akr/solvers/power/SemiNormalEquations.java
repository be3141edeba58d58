package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * Least squares by the corrected semi-normal equations, given an R factor of A (the Cholesky
 * factor of AᵀA, or the Cholesky-QR R): RᵀR·z = Aᵀb, then corrections z ← z + R⁻¹R⁻ᵀAᵀ(b − Az).
 *
 * <p>A·R⁻¹ is orthonormal to about κ(A)·u, so each correction is that much smaller than the last
 * (about −log₁₀(κ(A)·u) digits gained each; for the Cholesky factor of AᵀA the contraction is
 * about κ(A)²u/10). The refinement stops when a correction is below u·‖z‖ or no longer halves
 * (the residual's rounding then dominates, which leaves z as accurate as a Householder QR solve),
 * when the caller's estimated contraction says the next correction would be below u·‖z‖ (so a
 * pass is not spent confirming it), or at the iteration limit. The first solve and each correction
 * cost one pass over A (the first solve none when the caller has Aᵀb from its own pass); each
 * correction's gradient Aᵀ(b − Az) is summed in compensated arithmetic
 * ({@link DenseOperator#residualAndGradient}).
 */
final class SemiNormalEquations {

    private SemiNormalEquations() {
    }

    /**
     * z ≈ argmin ‖Az − b‖; the corrections are counted in the state's stage 0.
     *
     * @param atb         Aᵀb if the caller has it (not modified), else null
     * @param contraction the factor by which each correction is estimated to shrink the next
     *                    (κ(A)²u for the Cholesky factor of AᵀA), or NaN when unknown
     */
    static double[] solve(SolveState s, DenseMatrix r, double[] atb, double contraction) {
        DenseOperator op = s.op;
        double[] z = new double[op.d];
        if (atb != null) {
            System.arraycopy(atb, 0, z, 0, op.d);
        } else {
            op.timesTransposed(s.b, z);
        }
        op.solveGram(r, z);
        double[] res = new double[op.n];
        double[] dz = new double[op.d];
        double previous = Double.POSITIVE_INFINITY;
        for (int it = 1; it <= s.maxIterations(); it++) {
            op.residualAndGradient(s.b, z, res, dz);
            op.solveGram(r, dz);
            double size = s.norm(dz);
            double znorm = s.norm(z);
            s.listener.onIteration(s.method.key() + " refinement", it, znorm == 0 ? size : size / znorm);
            s.iterations[0] = it;
            if (size > 0.5 * previous) {
                break; // stagnated: keep z, the smaller correction was already applied
            }
            for (int i = 0; i < op.d; i++) {
                z[i] += dz[i];
            }
            if (size <= SolveState.U * znorm || contraction * size <= SolveState.U * znorm) {
                break; // this correction, or the next one it predicts, is below the rounding of z
            }
            previous = size;
        }
        return z;
    }
}
