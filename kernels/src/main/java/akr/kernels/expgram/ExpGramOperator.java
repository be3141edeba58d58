package akr.kernels.expgram;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGram.Form;

/**
 * The attention kernel K = exp(A·Aᵀ) of n points a_i ∈ ℝ^d (the rows of A) as an operator that is
 * never materialised: products cost O(n²·d) time and O(n·d) memory (see {@link ExpGram} for the
 * tiling, accuracy and determinism).
 *
 * <p>Besides K it offers the Gaussian-scaled G = D⁻¹KD⁻¹ with D = diag(e^{‖a_i‖²/2}) and
 * G_ij = exp(−‖a_i − a_j‖²/2) ∈ (0, 1]: the same problem, symmetrically Jacobi-scaled, whose entries
 * never overflow; K·x = D·G·(D·x) when D is representable. Solvers should work with G
 * ({@link #multiplyGaussian}) and report residuals of the original problem.
 *
 * <p>Products with K throw {@link ExpGramOverflowException} naming the rows whose diagonal entry
 * exp(‖a_i‖²) overflows (and then no work is done): by Cauchy–Schwarz no other entry can overflow.
 *
 * <p>A is not copied: it must not change while the operator is in use. Instances are immutable and
 * thread-safe.
 */
public final class ExpGramOperator {

    private final DenseMatrix a;
    private final ExpGram kernel;
    private final double[] halfNorms;

    private ExpGramOperator(DenseMatrix a, ExpGram kernel) {
        this.a = a;
        this.kernel = kernel;
        this.halfNorms = ExpGram.halfSquaredNorms(a);
    }

    /**
     * The operator over the rows of A, with the default kernel tier on the shared executor.
     *
     * @throws IllegalArgumentException if A is null or has a non-finite entry or row norm
     */
    public static ExpGramOperator of(DenseMatrix a) {
        return of(a, ExpGram.get());
    }

    /** The operator over the rows of A, computed by the given kernel (tier and executor). */
    public static ExpGramOperator of(DenseMatrix a, ExpGram kernel) {
        Checks.notNull("a", a);
        Checks.notNull("kernel", kernel);
        kernel.diagonal(a, Form.GAUSSIAN, new double[a.rows()], 0); // validates A: finite entries and norms
        return new ExpGramOperator(a, kernel);
    }

    /** n, the number of points (K is n×n). */
    public int size() {
        return a.rows();
    }

    /** d, the dimension of the points. */
    public int dimension() {
        return a.cols();
    }

    /** The points (not a copy). */
    public DenseMatrix points() {
        return a;
    }

    /** ‖a_i‖²/2: the logarithms of the scaling D with K = D·G·D (D itself may overflow). */
    public double[] logScaling() {
        return halfNorms.clone();
    }

    // ------------------------------------------------------------------------------------ products

    /** Y ← (M + shift·I)·X with M = K or G per form; X and Y are n×r. See {@link ExpGram#multiply}. */
    public void multiply(Form form, double shift, DenseMatrix x, DenseMatrix y) {
        kernel.multiply(a, form, shift, x, y);
    }

    /** K·x. */
    public double[] multiply(double[] x) {
        return vectorProduct(Form.EXP, 0.0, x);
    }

    /** (K + λI)·x, the ridge operator. */
    public double[] multiplyShifted(double lambda, double[] x) {
        return vectorProduct(Form.EXP, lambda, x);
    }

    /** K·X for the n×r block X: the exp of each tile is computed once for all r columns. */
    public DenseMatrix multiply(DenseMatrix x) {
        return blockProduct(Form.EXP, 0.0, x);
    }

    /** G·x with G = D⁻¹KD⁻¹ (never overflows). */
    public double[] multiplyGaussian(double[] x) {
        return vectorProduct(Form.GAUSSIAN, 0.0, x);
    }

    /** (G + λI)·x. */
    public double[] multiplyGaussianShifted(double lambda, double[] x) {
        return vectorProduct(Form.GAUSSIAN, lambda, x);
    }

    /** G·X for the n×r block X. */
    public DenseMatrix multiplyGaussian(DenseMatrix x) {
        return blockProduct(Form.GAUSSIAN, 0.0, x);
    }

    /** Prediction at new points B (m×d): exp(B·Aᵀ)·x, of length m. */
    public double[] predict(DenseMatrix b, double[] x) {
        return crossVector(Form.EXP, b, x);
    }

    /** Prediction with the Gaussian kernel: (Σ_j exp(−‖b_i − a_j‖²/2)·x_j)_i. */
    public double[] predictGaussian(DenseMatrix b, double[] x) {
        return crossVector(Form.GAUSSIAN, b, x);
    }

    /** Y ← exp(B·Aᵀ)·X (or its Gaussian form) for m×d points B and an n×r block X; Y is m×r. */
    public void predict(Form form, DenseMatrix b, DenseMatrix x, DenseMatrix y) {
        kernel.multiplyCross(b, a, form, x, y);
    }

    // --------------------------------------------------------------------------- entries of K, G

    /** diag(K) = (exp(‖a_i‖²))_i; entries that overflow are +∞. */
    public double[] diagonal() {
        double[] out = new double[a.rows()];
        kernel.diagonal(a, Form.EXP, out, 0);
        return out;
    }

    /** Column j of K (= row j): (exp(⟨a_i, a_j⟩))_i. */
    public double[] column(int j) {
        return column(Form.EXP, j);
    }

    /** Column j of G: (exp(−‖a_i − a_j‖²/2))_i. */
    public double[] gaussianColumn(int j) {
        return column(Form.GAUSSIAN, j);
    }

    /** The n×q matrix of columns cols[0..q) of K or G (for pivoted Cholesky and Nyström). */
    public DenseMatrix columns(Form form, int... cols) {
        Checks.notNull("cols", cols);
        DenseMatrix out = DenseMatrix.zeros(a.rows(), cols.length);
        kernel.columns(a, form, cols, out);
        return out;
    }

    private double[] column(Form form, int j) {
        DenseMatrix c = columns(form, j);
        return c.data();
    }

    private double[] vectorProduct(Form form, double shift, double[] x) {
        checkVector(x, a.rows());
        double[] y = new double[a.rows()];
        kernel.multiply(a, form, shift, DenseMatrix.wrap(x, x.length, 1), DenseMatrix.wrap(y, y.length, 1));
        return y;
    }

    private DenseMatrix blockProduct(Form form, double shift, DenseMatrix x) {
        Checks.notNull("x", x);
        DenseMatrix y = DenseMatrix.zeros(a.rows(), x.cols());
        kernel.multiply(a, form, shift, x, y);
        return y;
    }

    private double[] crossVector(Form form, DenseMatrix b, double[] x) {
        Checks.notNull("b", b);
        checkVector(x, a.rows());
        double[] y = new double[b.rows()];
        kernel.multiplyCross(b, a, form, DenseMatrix.wrap(x, x.length, 1), DenseMatrix.wrap(y, y.length, 1));
        return y;
    }

    private static void checkVector(double[] x, int n) {
        Checks.notNull("x", x);
        if (x.length != n) {
            throw new IllegalArgumentException("x: length " + x.length + ", the operator has size " + n);
        }
    }
}
