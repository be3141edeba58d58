package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * What the sketch routes (CHOLQR, LSQR/PCG, GD) share: one sketch S (m×n) and one R_s = R(S·A)
 * for every stage, and the randomised Cholesky-QR factor R = R₂R_s of A (one blocked pass over A;
 * {@link Factorizations#randomizedCholeskyQr}), which gives κ(A) ≈ κ(R), κ(A·R_s⁻¹) = κ(R₂),
 * σ_max(A) and the gradient step. For lstsq-power, [A | b] is sketched together when the route
 * starts from the sketch-and-solve point: the R factor of [SA | Sb] gives both R_s and Q_sᵀSb,
 * hence z₀ = R_s⁻¹Q_sᵀSb.
 */
abstract class SketchRoute extends StagedRoute {

    SketchRoute(Method method) {
        super(method);
    }

    /** Whether the least-squares stage starts from the sketch-and-solve point (needs S·b). */
    abstract boolean startsFromSketchAndSolve();

    /**
     * The least-squares stage: z ≈ argmin ‖Az − b‖.
     *
     * @param f  the factors (its y₀ not yet set)
     * @param z0 the sketch-and-solve start, or null when {@link #startsFromSketchAndSolve()} is false
     */
    abstract double[] leastSquares(SolveState s, Start f, double[] z0);

    @Override
    final Start start(SolveState s) {
        DenseOperator op = s.op;
        PowerOptions o = s.options;
        long t = System.nanoTime();
        boolean sketchB = s.lstsq && startsFromSketchAndSolve();
        DenseMatrix sab = Sketching.sketch(o.sketch(), s.sketchRows, o.seed(), op.a(), sketchB ? s.b : null, s.kernels);
        if (sab.firstNonFinite() != null) {
            s.requireFiniteA();
            throw new ArithmeticException("the sketch S·A overflows although A and b are finite: scale A");
        }
        s.sketchSeconds = SolveState.seconds(t);
        t = System.nanoTime();
        DenseMatrix raug = Factorizations.rFactor(sab, s.kernels);
        DenseMatrix rs = raug.view(0, 0, op.d, op.d).copy();
        s.checkRank("R_s (the R factor of the sketch S·A)", rs);
        Factorizations.CholQr cq = Factorizations.randomizedCholeskyQr(op, rs);
        double lo = cq.sigmaMinPreconditioned();
        double hi = cq.sigmaMaxPreconditioned();
        // 2/(σ_min² + σ_max²) of A·R_s⁻¹: the paper's step 1 diverges when σ_max(A·R_s⁻¹)² > 2
        Start f = new Start(null, cq.r(), rs, cq.conditionPreconditioned(), 2 / (lo * lo + hi * hi));
        s.factorSeconds = SolveState.seconds(t);
        t = System.nanoTime();
        double[] y0;
        if (s.lstsq) {
            double[] z0 = null;
            if (sketchB) {
                z0 = new double[op.d];
                for (int i = 0; i < op.d; i++) {
                    z0[i] = raug.get(i, op.d);
                }
                op.solveR(rs, z0);
            }
            y0 = leastSquares(s, f, z0);
        } else {
            y0 = s.b.clone();
        }
        s.iterateSeconds += SolveState.seconds(t);
        return f.withY0(y0);
    }
}
