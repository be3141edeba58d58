package akr.solvers.power;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.solvers.iterative.ProgressListener;

/**
 * One solve's state, shared by the parts of a route: the problem, its options and kernel context,
 * A as an operator, the iterations per stage and the phase times.
 */
final class SolveState {

    static final double U = 0x1.0p-53;

    final boolean lstsq;
    final double[] b;
    final int j;
    final PowerOptions options;
    final Kernels kernels;
    final DenseOperator op;
    final ProgressListener listener;
    /** The method that runs (never AUTO). */
    final Method method;
    /** Sketch rows m, resolved for this shape (checked even by routes that draw no sketch). */
    final int sketchRows;
    final int[] iterations;
    double sketchSeconds;
    double factorSeconds;
    double iterateSeconds;

    /** AUTO's first try: decline (rather than fail) when AᵀA is numerically singular or overflows. */
    final boolean trial;
    /** Time of a declined normal-equations attempt, counted in the factor and total times. */
    final double priorSeconds;

    SolveState(PowerProblem p, PowerOptions o, Method method, boolean trial, double priorSeconds) {
        this.lstsq = p.leastSquares();
        this.b = p.b();
        this.j = p.power();
        this.options = o;
        this.kernels = o.kernels();
        this.sketchRows = o.sketchRows(p.rows(), p.cols());
        this.op = new DenseOperator(p.source(), kernels);
        this.listener = o.listener();
        this.method = method;
        this.iterations = new int[j + 1];
        this.trial = trial;
        this.priorSeconds = priorSeconds;
    }

    /** Checks what a solve needs besides the problem, before any work. */
    static void check(PowerProblem p, PowerOptions o) {
        if (p == null) {
            throw new IllegalArgumentException("problem: null");
        }
        if (o == null) {
            throw new IllegalArgumentException("options: null");
        }
        o.sketchRows(p.rows(), p.cols());
    }

    double tolerance() {
        return options.tolerance();
    }

    int maxIterations() {
        return options.maxIterations();
    }

    /** A failure of the normal equations: AUTO's first try declines them instead. */
    RuntimeException failure(RuntimeException e) {
        return trial ? new NormalEquationsDeclined() : e;
    }

    /**
     * Called when a pass over A produced a non-finite result: throws naming the first non-finite
     * entry of A, or returns when A is finite (the caller then reports an overflow).
     */
    void requireFiniteA() {
        op.source.forEachBlock((r0, block) -> Checks.finite("A", block, r0));
    }

    /** Throws when R's estimated condition exceeds 1/(100u). */
    void checkRank(String what, DenseMatrix r) {
        double k = SpectralEstimates.condition(r, kernels);
        if (!(k <= RankDeficientException.THRESHOLD)) {
            throw new RankDeficientException(what, k);
        }
    }

    /** b − A·z (lstsq-power). */
    double[] residualLs(double[] z) {
        double[] res = new double[op.n];
        op.times(z, res);
        for (int i = 0; i < op.n; i++) {
            res[i] = b[i] - res[i];
        }
        return res;
    }

    double norm(double[] v) {
        return kernels.blas1().nrm2(v);
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** AUTO's signal to leave the normal equations for its fallback method. */
    static final class NormalEquationsDeclined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NormalEquationsDeclined() {
            super(null, null, false, false);
        }
    }
}
