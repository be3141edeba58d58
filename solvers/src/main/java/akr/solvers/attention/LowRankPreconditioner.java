package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.SingularMatrixException;
import akr.kernels.cholesky.Cholesky;
import akr.kernels.gemv.Gemv;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular.Uplo;
import akr.solvers.iterative.LinearOperator;

/**
 * P⁻¹ for P = F·Fᵀ + Λ with F n×k and Λ = diag(λ_i) &gt; 0, applied by the Woodbury identity.
 *
 * <p>With W = Λ^{−1/2}F, P = Λ^{1/2}(I + WWᵀ)Λ^{1/2} and
 * <pre>   P⁻¹ = Λ^{−1/2}·(I − W·M⁻¹·Wᵀ)·Λ^{−1/2},   M = I_k + WᵀW = L·Lᵀ,</pre>
 * so one application costs two products with W (2·n·k flops each) and two k×k triangular solves.
 * M has eigenvalues ≥ 1, so its Cholesky factor exists for any F. F is scaled into W in place: no
 * copy of the n×k factor is kept (memory n·k + k² doubles). P is symmetric positive definite.
 */
final class LowRankPreconditioner {

    private final DenseMatrix w;
    private final double[] invSqrtLambda;
    private final DenseMatrix m;
    private final Gemv gemv;
    private final Cholesky cholesky;
    private final double[] t;
    private final double[] u;

    /**
     * @param f      the n×k factor; overwritten with W = Λ^{−1/2}F
     * @param lambda the diagonal Λ (n entries, all &gt; 0)
     */
    LowRankPreconditioner(DenseMatrix f, double[] lambda, Kernels kernels) {
        int n = f.rows();
        int k = f.cols();
        this.invSqrtLambda = new double[n];
        for (int i = 0; i < n; i++) {
            invSqrtLambda[i] = 1 / Math.sqrt(lambda[i]);
        }
        double[] fd = f.data();
        ParallelExecutor ex = kernels.executor();
        ex.forEachChunk(0, n, ParallelExecutor.chunksFor((long) n * k, 1 << 16, 64), (c, r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                int off = f.index(i, 0);
                double s = invSqrtLambda[i];
                for (int j = 0; j < k; j++) {
                    fd[off + j] *= s;
                }
            }
        });
        this.w = f;
        this.m = DenseMatrix.zeros(k, k);
        if (k > 0) {
            kernels.gemm().syrk(Op.T, 1.0, w, 0.0, m);
            for (int j = 0; j < k; j++) {
                m.set(j, j, m.get(j, j) + 1.0);
            }
            try {
                kernels.cholesky().factor(Uplo.LOWER, m);
            } catch (SingularMatrixException e) {
                throw new IllegalStateException("I + WᵀW is not positive definite (non-finite factor?)", e);
            }
        }
        this.gemv = kernels.gemv();
        this.cholesky = kernels.cholesky();
        this.t = new double[n];
        this.u = new double[k];
    }

    /**
     * The preconditioner P = F·Fᵀ + λD⁻² + μI of a scaled system, as built by the low-rank routes.
     *
     * @param f the n×k factor; overwritten
     */
    static AttentionPreconditioner.Built shifted(Preconditioner kind, DenseMatrix f, ScaledSystem s, double shift,
                                                 int sketchDegree, RankStop rankStop) {
        return shifted(kind, f, s, shift, sketchDegree, rankStop, null);
    }

    /**
     * As {@link #shifted(Preconditioner, DenseMatrix, ScaledSystem, double, int, RankStop)}, with the
     * growth of the result made from this preconditioner (null: it cannot grow).
     */
    static AttentionPreconditioner.Built shifted(Preconditioner kind, DenseMatrix f, ScaledSystem s, double shift,
                                                 int sketchDegree, RankStop rankStop,
                                                 java.util.function.Function<LowRankPreconditioner,
                                                         AttentionPreconditioner.Growth> growth) {
        double[] diag = new double[s.n];
        for (int i = 0; i < s.n; i++) {
            diag[i] = s.ridgeDiag[i] + shift;
        }
        LowRankPreconditioner p = new LowRankPreconditioner(f, diag, s.kernels);
        return new AttentionPreconditioner.Built(kind, LinearOperator.symmetric(s.n, p::apply), p.rank(), shift,
                sketchDegree, rankStop, growth == null ? null : growth.apply(p));
    }

    int rank() {
        return w.cols();
    }

    /**
     * F again, unscaled in place from W (to within a rounding per entry), for a caller that grows the
     * factor; this preconditioner must not be applied afterwards.
     */
    DenseMatrix restoreFactor() {
        double[] wd = w.data();
        for (int i = 0; i < w.rows(); i++) {
            int off = w.index(i, 0);
            double s = 1 / invSqrtLambda[i];
            for (int j = 0; j < w.cols(); j++) {
                wd[off + j] *= s;
            }
        }
        return w;
    }

    /** z ← P⁻¹·r. */
    void apply(double[] r, double[] z) {
        int n = r.length;
        for (int i = 0; i < n; i++) {
            t[i] = r[i] * invSqrtLambda[i];
        }
        if (w.cols() > 0) {
            gemv.gemv(Op.T, 1.0, w, t, 0, 0.0, u, 0);
            cholesky.solve(Uplo.LOWER, m, u, 0);
            gemv.gemv(Op.N, -1.0, w, u, 0, 1.0, t, 0);
        }
        for (int i = 0; i < n; i++) {
            z[i] = t[i] * invSqrtLambda[i];
        }
    }
}
