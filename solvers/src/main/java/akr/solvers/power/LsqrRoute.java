package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.Lsqr;
import akr.solvers.iterative.Pcg;

/**
 * {@link Method#LSQR} and {@link Method#PCG} (synonyms): from the sketch-and-solve start z₀, LSQR on
 * min ‖A·R_s⁻¹w − (b − Az)‖, z ← z + R_s⁻¹w, in two sweeps: the solve, then one step of iterative
 * refinement on the recomputed residual (in the spirit of Epperly–Meier–Nakatsukasa's
 * sketch-and-precondition with iterative refinement). Each (AᵀA)⁻¹ stage is PCG on AᵀA with
 * preconditioner R_s⁻¹R_s⁻ᵀ (κ(R_s⁻ᵀAᵀA R_s⁻¹) ≈ 1), started from R_s⁻¹R_s⁻ᵀc.
 */
final class LsqrRoute extends SketchRoute {

    LsqrRoute(Method method) {
        super(method);
    }

    @Override
    boolean startsFromSketchAndSolve() {
        return true;
    }

    @Override
    double[] leastSquares(SolveState s, Start f, double[] z0) {
        DenseOperator op = s.op;
        DenseMatrix rs = f.rs();
        double[] z = z0.clone();
        LinearOperator pre = preconditioned(op, rs);
        double[] w = new double[op.d];
        for (int sweep = 0; sweep < 2; sweep++) {
            double[] res = s.residualLs(z);
            // a quarter of the tolerance: LSQR's test is on A·R_s⁻¹, the reported one on A
            IterationResult it = Lsqr.solve(s.kernels, pre, res, w, s.tolerance() / 4, s.maxIterations(),
                    sweep == 0 ? "lsqr" : "lsqr refinement", s.listener);
            s.iterations[0] += it.iterations();
            op.solveR(rs, w);
            for (int i = 0; i < op.d; i++) {
                z[i] += w[i];
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
        IterationResult it = Pcg.solve(s.kernels, LinearOperator.symmetric(op.d, op::gram),
                LinearOperator.symmetric(op.d, (in, out) -> {
                    System.arraycopy(in, 0, out, 0, op.d);
                    op.solveGram(rs, out);
                }), c, y, relTol, s.maxIterations(), "pcg stage " + k, s.listener);
        s.iterations[k] = it.iterations();
        return y;
    }

    /** M = A·R_s⁻¹ as an operator (not thread-safe: one scratch vector). */
    private static LinearOperator preconditioned(DenseOperator op, DenseMatrix rs) {
        double[] tmp = new double[op.d];
        return new LinearOperator() {
            @Override
            public int rows() {
                return op.n;
            }

            @Override
            public int cols() {
                return op.d;
            }

            @Override
            public void apply(double[] x, double[] y) {
                System.arraycopy(x, 0, tmp, 0, op.d);
                op.solveR(rs, tmp);
                op.times(tmp, y);
            }

            @Override
            public void applyTranspose(double[] y, double[] x) {
                op.timesTransposed(y, x);
                op.solveRt(rs, x);
            }
        };
    }
}
