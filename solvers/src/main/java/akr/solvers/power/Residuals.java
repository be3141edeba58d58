package akr.solvers.power;

/**
 * The residuals of the original problem, recomputed with the exact operator: the relative residual
 * ‖Mx − b‖/‖b‖ and, for lstsq-power, the normal-equation residual ‖Mᵀ(Mx − b)‖/(‖M‖·‖Mx − b‖)
 * with ‖M‖ = σ_max(A)^{2j+1} (NaN for gram-power).
 */
record Residuals(double relative, double normal) {

    static Residuals of(SolveState s, double[] x, double sigmaMax) {
        DenseOperator op = s.op;
        int j = s.j;
        double[] b = s.b;
        double[] v = x.clone();
        double[] w = new double[op.d];
        for (int k = 0; k < j; k++) {
            op.gram(v, w);
            double[] t = v;
            v = w;
            w = t;
        }
        double bnorm = s.norm(b);
        if (!s.lstsq) {
            double[] e = new double[op.d];
            for (int i = 0; i < op.d; i++) {
                e[i] = v[i] - b[i];
            }
            return new Residuals(bnorm == 0 ? s.norm(e) : s.norm(e) / bnorm, Double.NaN);
        }
        double[] res = new double[op.n];
        double[] g = new double[op.d];
        op.residualAndGradient(b, v, res, g); // b − Mx and its transposed product: signs do not matter
        double rnorm = s.norm(res);
        for (int k = 0; k < j; k++) {
            op.gram(g, w);
            System.arraycopy(w, 0, g, 0, op.d);
        }
        double mnorm = Math.pow(sigmaMax, 2 * j + 1);
        double normal = rnorm == 0 ? 0 : s.norm(g) / (mnorm * rnorm);
        return new Residuals(bnorm == 0 ? rnorm : rnorm / bnorm, normal);
    }
}
