package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.solvers.iterative.LinearOperator;

/**
 * One problem (K + λI)·x = b in its symmetrically Jacobi-scaled form, shared by every route.
 *
 * <p>With h_i = ‖a_i‖²/2 and D = diag(e^{h_i}), K = D·G·D where G is the Gaussian kernel
 * (entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1], unit diagonal), and D⁻¹(K + λI)D⁻¹ = G + λD⁻². So
 * <pre>   (G + λD⁻²)·y = D⁻¹b,   x = D⁻¹y</pre>
 * is the same problem, whose matrix entries never overflow. This class holds D⁻¹, λD⁻² and the
 * exp-Gram operator of A on the solve's kernel context, and applies both forms.
 *
 * <p>The products G·y are evaluated as D⁻¹·K·(D⁻¹y) when all ‖a_i‖² ≤ {@value #EXP_FORM_MAX_NORM}
 * (faster per product, see bench/notes/2026-11-29-attention.md, and equally accurate), with the
 * Gaussian-form kernel otherwise.
 * Not thread-safe: the products share one scratch vector.
 */
final class ScaledSystem {

    /** Largest ‖a_i‖² for which G·x is evaluated as D⁻¹·K·D⁻¹x (see {@link #scaledProduct}). */
    static final double EXP_FORM_MAX_NORM = 600;

    final DenseMatrix a;
    final double[] b;
    final int n;
    final double lambda;
    final Kernels kernels;
    final ExpGramOperator op;
    /** h_i = ‖a_i‖²/2. */
    final double[] halfNorms;
    /** D⁻¹ = e^{−h}. */
    final double[] dinv;
    /** λD⁻². */
    final double[] ridgeDiag;
    private final boolean expForm;
    private final double[] scratch;

    ScaledSystem(DenseMatrix a, double[] b, double lambda, Kernels kernels) {
        this.a = a;
        this.b = b;
        this.n = a.rows();
        this.lambda = lambda;
        this.kernels = kernels;
        this.op = kernels.expGramOperator(a);
        this.halfNorms = op.logScaling();
        this.dinv = new double[n];
        this.ridgeDiag = new double[n];
        double maxNorm = 0;
        for (int i = 0; i < n; i++) {
            dinv[i] = Math.exp(-halfNorms[i]);
            ridgeDiag[i] = lambda * dinv[i] * dinv[i];
            maxNorm = Math.max(maxNorm, 2 * halfNorms[i]);
        }
        this.expForm = maxNorm <= EXP_FORM_MAX_NORM;
        this.scratch = new double[n];
    }

    /**
     * y ← (G + λD⁻²)·x. When every ‖a_i‖² ≤ {@value #EXP_FORM_MAX_NORM}, G·x = D⁻¹·(K·(D⁻¹x)) with
     * the plain exp-Gram form: K's entries are then at most e^{600}, D⁻¹x cannot overflow, and each
     * entry of G is still the exp of the same d-term dot product, so the accuracy is that of the
     * Gaussian form up to two roundings. Otherwise the Gaussian form, whose entries never overflow.
     */
    void scaledProduct(double[] x, double[] y) {
        if (expForm) {
            for (int i = 0; i < n; i++) {
                scratch[i] = dinv[i] * x[i];
            }
            op.multiply(Form.EXP, 0.0, DenseMatrix.wrap(scratch, n, 1), DenseMatrix.wrap(y, n, 1));
            for (int i = 0; i < n; i++) {
                y[i] = dinv[i] * y[i] + ridgeDiag[i] * x[i];
            }
            return;
        }
        op.multiply(Form.GAUSSIAN, 0.0, DenseMatrix.wrap(x, n, 1), DenseMatrix.wrap(y, n, 1));
        for (int i = 0; i < n; i++) {
            y[i] += ridgeDiag[i] * x[i];
        }
    }

    /** y ← (K + λI)·x (may throw ExpGramOverflowException). */
    void exactProduct(double[] x, double[] y) {
        op.multiply(Form.EXP, lambda, DenseMatrix.wrap(x, n, 1), DenseMatrix.wrap(y, n, 1));
    }

    /** G + λD⁻² ({@code scaled}) or K + λI as an operator. */
    LinearOperator operator(boolean scaled) {
        return LinearOperator.symmetric(n, scaled ? this::scaledProduct : this::exactProduct);
    }

    /** The right-hand side D⁻¹b ({@code scaled}) or a copy of b. */
    double[] rhs(boolean scaled) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = scaled ? dinv[i] * b[i] : b[i];
        }
        return c;
    }

    /** x ← D⁻¹y ({@code scaled}) or x ← y. */
    void toOriginal(double[] y, double[] x, boolean scaled) {
        for (int i = 0; i < n; i++) {
            x[i] = scaled ? dinv[i] * y[i] : y[i];
        }
    }
}
