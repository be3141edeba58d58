package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.solvers.iterative.BlockOperator;

/**
 * One problem (K + λI)·X = B (r right-hand sides) in its symmetrically Jacobi-scaled form, shared by
 * every route.
 *
 * <p>With h_i = ‖a_i‖²/2 and D = diag(e^{h_i}), K = D·G·D where G is the Gaussian kernel
 * (entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1], unit diagonal), and D⁻¹(K + λI)D⁻¹ = G + λD⁻². So
 * <pre>   (G + λD⁻²)·Y = D⁻¹B,   X = D⁻¹Y</pre>
 * is the same problem, whose matrix entries never overflow. This class holds D⁻¹, λD⁻², the
 * exp-Gram operator of A on the solve's kernel context, and the {@link ScaledMatrix} H = G + λD⁻²
 * the route applies: matrix-free unless the route {@link #materialise()}s it.
 *
 * <p>Matrix-free products G·y are evaluated as D⁻¹·K·(D⁻¹y) when all ‖a_i‖² ≤
 * {@value #EXP_FORM_MAX_NORM} (faster per product, see bench/notes/2026-11-29-attention.md, and
 * equally accurate), with the Gaussian-form kernel otherwise. Vectors are columns: B and X are held
 * as r arrays of length n.
 */
final class ScaledSystem {

    /** Largest ‖a_i‖² for which G·x is evaluated as D⁻¹·K·D⁻¹x (see {@link #multiplyFree}). */
    static final double EXP_FORM_MAX_NORM = 600;

    final DenseMatrix a;
    /** The right-hand sides b_c (r arrays of n). */
    final double[][] b;
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
    private ScaledMatrix matrix;

    ScaledSystem(DenseMatrix a, double[][] b, double lambda, Kernels kernels) {
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
        this.matrix = new ScaledMatrix() {
            @Override
            public void multiply(double[][] x, double[][] y) {
                multiplyFree(x, y);
            }

            @Override
            public DenseMatrix gaussianColumns(int[] cols) {
                return op.columns(Form.GAUSSIAN, cols);
            }

            @Override
            public long bytes() {
                return 0;
            }
        };
    }

    /** The problem with one right-hand side. */
    ScaledSystem(DenseMatrix a, double[] b, double lambda, Kernels kernels) {
        this(a, new double[][] {b}, lambda, kernels);
    }

    /** r, the number of right-hand sides. */
    int columns() {
        return b.length;
    }

    /** The form of H the route applies. */
    ScaledMatrix matrix() {
        return matrix;
    }

    /** Stores H once ({@link MaterialisedMatrix}); later products and columns read the stored copy. */
    void materialise() {
        matrix = MaterialisedMatrix.build(this);
    }

    /** y ← (G + λD⁻²)·x, in the form the route holds. */
    void scaledProduct(double[] x, double[] y) {
        matrix.multiply(new double[][] {x}, new double[][] {y});
    }

    /** y ← (G + λD⁻²)·x by the fused operator, whatever form the route holds (for the reported residual). */
    void fusedScaledProduct(double[] x, double[] y) {
        multiplyFree(new double[][] {x}, new double[][] {y});
    }

    /** H = G + λD⁻² (scaled) or K + λI as a block operator. */
    BlockOperator operator(boolean scaled) {
        return new BlockOperator() {
            @Override
            public int order() {
                return n;
            }

            @Override
            public void apply(double[][] x, double[][] y) {
                if (scaled) {
                    matrix.multiply(x, y);
                } else {
                    exactProduct(x, y);
                }
            }
        };
    }

    /**
     * y[c] ← (G + λD⁻²)·x[c] by the fused operator. When every ‖a_i‖² ≤ {@value #EXP_FORM_MAX_NORM},
     * G·x = D⁻¹·(K·(D⁻¹x)) with the plain exp-Gram form: K's entries are then at most e^{600},
     * D⁻¹x cannot overflow, and each entry of G is still the exp of the same d-term dot product, so
     * the accuracy is that of the Gaussian form up to two roundings. Otherwise the Gaussian form,
     * whose entries never overflow.
     */
    private void multiplyFree(double[][] x, double[][] y) {
        DenseMatrix xs = block(x, expForm ? dinv : null);
        DenseMatrix ys = DenseMatrix.zeros(n, x.length);
        op.multiply(expForm ? Form.EXP : Form.GAUSSIAN, 0.0, xs, ys);
        unblock(ys, expForm ? dinv : null, y);
        for (int c = 0; c < x.length; c++) {
            double[] xc = x[c];
            double[] yc = y[c];
            for (int i = 0; i < n; i++) {
                yc[i] += ridgeDiag[i] * xc[i];
            }
        }
    }

    /** y[c] ← (K + λI)·x[c] by the fused operator (may throw ExpGramOverflowException). */
    void exactProduct(double[][] x, double[][] y) {
        DenseMatrix ys = DenseMatrix.zeros(n, x.length);
        op.multiply(Form.EXP, lambda, block(x, null), ys);
        unblock(ys, null, y);
    }

    /** The n×r matrix whose column c is w ∘ v[c] (v[c] itself when w is null): the operator's layout. */
    private DenseMatrix block(double[][] v, double[] w) {
        int r = v.length;
        DenseMatrix m = DenseMatrix.zeros(n, r);
        double[] md = m.data();
        for (int c = 0; c < r; c++) {
            double[] vc = v[c];
            for (int i = 0; i < n; i++) {
                md[i * r + c] = w == null ? vc[i] : w[i] * vc[i];
            }
        }
        return m;
    }

    /** out[c] ← w ∘ (column c of m) (the column itself when w is null). */
    private void unblock(DenseMatrix m, double[] w, double[][] out) {
        int r = out.length;
        double[] md = m.data();
        for (int c = 0; c < r; c++) {
            double[] oc = out[c];
            for (int i = 0; i < n; i++) {
                oc[i] = w == null ? md[i * r + c] : w[i] * md[i * r + c];
            }
        }
    }

    /** The right-hand sides D⁻¹b_c ({@code scaled}) or copies of b_c. */
    double[][] rhs(boolean scaled) {
        double[][] out = new double[b.length][n];
        for (int c = 0; c < b.length; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = scaled ? dinv[i] * b[c][i] : b[c][i];
            }
        }
        return out;
    }

    /** x ← D⁻¹y ({@code scaled}) or x ← y. */
    void toOriginal(double[] y, double[] x, boolean scaled) {
        for (int i = 0; i < n; i++) {
            x[i] = scaled ? dinv[i] * y[i] : y[i];
        }
    }
}
