package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * {@link Method#DIRECT}: Householder QR of [A | b] (the reference). Its R holds R(A) and, in the
 * last column, Qᵀb, so the least-squares solution R⁻¹Qᵀb needs no second pass over the
 * reflectors; each power then costs R⁻¹R⁻ᵀ.
 */
final class DirectRoute extends StagedRoute {

    DirectRoute() {
        super(Method.DIRECT);
    }

    @Override
    Start start(SolveState s) {
        DenseOperator op = s.op;
        long t = System.nanoTime();
        DenseMatrix raug;
        try {
            raug = Factorizations.rFactorAugmented(op.a(), s.lstsq ? s.b : null, s.kernels);
        } catch (IllegalArgumentException | ArithmeticException e) {
            s.requireFiniteA();
            throw e;
        }
        DenseMatrix r = raug.view(0, 0, op.d, op.d).copy();
        s.checkRank("R (Householder QR of A)", r);
        s.factorSeconds = SolveState.seconds(t);
        t = System.nanoTime();
        double[] y0;
        if (s.lstsq) {
            y0 = new double[op.d];
            for (int i = 0; i < op.d; i++) {
                y0[i] = raug.get(i, op.d);
            }
            op.solveR(r, y0);
        } else {
            y0 = s.b.clone();
        }
        s.iterateSeconds += SolveState.seconds(t);
        return new Start(y0, r, null, Double.NaN, 1);
    }
}
