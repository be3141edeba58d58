package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * {@link Method#GD}, the paper's route: preconditioned gradient descent (Richardson)
 * z ← z + η·R_s⁻¹R_s⁻ᵀAᵀ(b − Az) from the sketch-and-solve start, and
 * y ← y + η·R_s⁻¹R_s⁻ᵀ(c − AᵀAy) for each (AᵀA)⁻¹ stage. The paper's step η = 1 assumes an
 * ε-embedding with small ε and diverges when σ_max(A·R_s⁻¹)² > 2, which a 4d-row sketch can
 * produce; here η = 2/(σ_min² + σ_max²) of A·R_s⁻¹, measured from the Cholesky-QR factor
 * ({@link SketchRoute}). Each iteration is one pass over A.
 */
final class GradientDescentRoute extends SketchRoute {

    GradientDescentRoute() {
        super(Method.GD);
    }

    @Override
    boolean startsFromSketchAndSolve() {
        return true;
    }

    /** Until the preconditioned gradient is small: min(‖R_s⁻ᵀAᵀr‖/‖r‖, ‖r‖/‖b‖) ≤ tolerance. */
    @Override
    double[] leastSquares(SolveState s, Start f, double[] z0) {
        DenseOperator op = s.op;
        DenseMatrix rs = f.rs();
        double step = f.step();
        double[] z = z0.clone();
        double[] g = new double[op.d];
        double bnorm = s.norm(s.b);
        double[] res = new double[op.n];
        for (int it = 1; it <= s.maxIterations(); it++) {
            op.residualAndGradient(s.b, z, res, g);
            op.solveRt(rs, g); // preconditioned gradient: ‖R_s⁻ᵀAᵀr‖ ≈ ‖(AR_s⁻¹)ᵀr‖
            double rnorm = s.norm(res);
            double test = rnorm == 0 ? 0 : Math.min(s.norm(g) / rnorm, rnorm / bnorm);
            s.listener.onIteration("gd", it, test);
            s.iterations[0] = it;
            if (test <= s.tolerance()) {
                break;
            }
            op.solveR(rs, g);
            for (int i = 0; i < op.d; i++) {
                z[i] += step * g[i];
            }
        }
        return z;
    }

    @Override
    boolean stagesIterate() {
        return true;
    }

    @Override
    double[] gramSolve(SolveState s, Start f, int k, double[] c, double relTol, double kappaA) {
        DenseOperator op = s.op;
        DenseMatrix rs = f.rs();
        double[] y = c.clone();
        op.solveGram(rs, y); // start: the preconditioner applied to c
        double[] hy = new double[op.d];
        double[] e = new double[op.d];
        double cnorm = s.norm(c);
        for (int it = 1; it <= s.maxIterations(); it++) {
            op.gram(y, hy);
            for (int i = 0; i < op.d; i++) {
                e[i] = c[i] - hy[i];
            }
            double rel = s.norm(e) / cnorm;
            s.listener.onIteration("gd stage " + k, it, rel);
            s.iterations[k] = it;
            if (rel <= relTol) {
                break;
            }
            op.solveGram(rs, e);
            for (int i = 0; i < op.d; i++) {
                y[i] += f.step() * e[i];
            }
        }
        return y;
    }
}
