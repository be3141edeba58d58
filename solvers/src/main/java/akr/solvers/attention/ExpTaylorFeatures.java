package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.random.CounterRandom;
import akr.kernels.sketch.TensorSrht;

import java.util.Arrays;

/**
 * The paper's explicit feature map for K = exp(A·Aᵀ): Z (n×m) with Z·Zᵀ ≈ K, built from the Taylor
 * series exp(⟨a, b⟩) = Σ_ℓ ⟨a, b⟩^ℓ/ℓ! = Σ_ℓ ⟨a^{⊗ℓ}, b^{⊗ℓ}⟩/ℓ! truncated at degree q:
 * <pre>   Z = [ 1 | A | S₂(A^{⊗2})/√2! | … | S_q(A^{⊗q})/√q! ]</pre>
 * Degrees 0 and 1 are exact (1 + d columns). Degree ℓ ≥ 2 is sketched to m_ℓ columns without ever
 * forming a^{⊗ℓ}: Y₁ = A, Y_ℓ = T_ℓ(Y_{ℓ−1} ⊗ A) row by row, with T_ℓ an independent degree-2
 * TensorSRHT ({@link TensorSrht}, independent index pairs per factor; the building block of
 * PolySketch, here as a left-deep tree so every degree, not only powers of two, is available).
 * Each T_ℓ preserves squared norms in expectation and the T_ℓ are independent, so E⟨Y_ℓ(a), Y_ℓ(b)⟩ = ⟨a, b⟩^ℓ and E[Z·Zᵀ] = Σ_{ℓ≤q}(A·Aᵀ)^{∘ℓ}/ℓ!.
 *
 * <p>The solver works with G = D⁻¹KD⁻¹, so it uses F = D⁻¹Z (row i scaled by e^{−‖a_i‖²/2}); the
 * truncation error of entry (i, j) of G is then e^{−h_i−h_j}·Σ_{ℓ&gt;q}⟨a_i, a_j⟩^ℓ/ℓ!.
 *
 * <p><b>Rules</b> (all overridable through {@link AttentionOptions}):
 * <ul>
 *   <li>degree q ({@link #defaultDegree}): with t the median of ‖a_i‖², the smallest q ≥ 2 whose
 *       relative Taylor remainder on the diagonal, P(Poisson(t) &gt; q) = e^{−t}Σ_{ℓ&gt;q}t^ℓ/ℓ!, is at
 *       most {@value #TAIL}, capped at {@value #DEFAULT_MAX_DEGREE};</li>
 *   <li>sizes: the rank budget k minus the 1 + d exact columns is split equally among degrees
 *       2..q (at least {@value #MIN_COLUMNS} columns each; q is lowered until that holds; the
 *       budget is raised to 1 + d when smaller);</li>
 *   <li>μ ({@link #defaultShift}): the mean of |1 − ‖f_i‖²| (the part of diag(G) = 1 the features
 *       miss) plus, for each sketched degree, its mean squared row norm times √(n/m_ℓ) — the
 *       order of the spectral error of a Gram matrix sketched to m_ℓ ≪ n columns, whose spurious
 *       directions would otherwise make P⁻¹ too small along them (fewer PCG iterations than a
 *       fixed μ on both problem families of the tests).</li>
 * </ul>
 */
final class ExpTaylorFeatures {

    /** Largest degree accepted as an option. */
    static final int MAX_DEGREE = 16;
    /** Largest degree chosen by the default rule. */
    static final int DEFAULT_MAX_DEGREE = 8;
    /** Diagonal Taylor remainder the default degree aims at. */
    static final double TAIL = 0.05;
    /** Fewest sketch columns per degree. */
    static final int MIN_COLUMNS = 8;
    static final long STREAM = 43;

    private ExpTaylorFeatures() {
    }

    /** The rule for q from the squared row norms: see the class comment. */
    static int defaultDegree(double[] halfNorms) {
        double[] t = new double[halfNorms.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = 2 * halfNorms[i];
        }
        Arrays.sort(t);
        double median = t.length == 0 ? 0 : t[t.length / 2];
        // P(Poisson(median) > q), accumulated from the pmf
        double pmf = Math.exp(-median);
        double cdf = pmf;
        for (int q = 1; q <= DEFAULT_MAX_DEGREE; q++) {
            pmf *= median / q;
            cdf += pmf;
            if (q >= 2 && 1 - cdf <= TAIL) {
                return q;
            }
        }
        return DEFAULT_MAX_DEGREE;
    }

    /** Columns m_ℓ for ℓ = 2..q (index ℓ − 2) within the budget; the degree actually used is 1 + length. */
    static int[] sketchSizes(int budget, int d, int q) {
        int free = budget - 1 - d;
        int degrees = q - 1;
        while (degrees > 0 && free < MIN_COLUMNS * degrees) {
            degrees--;
        }
        int[] m = new int[Math.max(0, degrees)];
        for (int l = 0; l < m.length; l++) {
            m[l] = free / degrees + (l < free % degrees ? 1 : 0);
        }
        return m;
    }

    /** The default μ for the scaled features F (columns: 1 + d exact, then the sketched degrees). */
    static double defaultShift(DenseMatrix f, int d, int[] sizes) {
        int n = f.rows();
        double miss = 0;
        double[] sketched = new double[sizes.length];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 1 + d; j++) {
                s += f.get(i, j) * f.get(i, j);
            }
            int col = 1 + d;
            for (int l = 0; l < sizes.length; l++) {
                double t = 0;
                for (int j = col; j < col + sizes[l]; j++) {
                    t += f.get(i, j) * f.get(i, j);
                }
                sketched[l] += t;
                s += t;
                col += sizes[l];
            }
            miss += Math.abs(1 - s);
        }
        double mu = miss / n;
        for (int l = 0; l < sizes.length; l++) {
            mu += sketched[l] / n * Math.sqrt((double) n / sizes[l]);
        }
        return Math.max(AttentionSolver.MIN_SHIFT, mu);
    }

    /**
     * F = D⁻¹Z for the rows of A, with {@code sizes} from {@link #sketchSizes}; n×(1 + d + Σ sizes).
     * The TensorSRHTs run on {@code kernels}.
     */
    static DenseMatrix scaledFeatures(DenseMatrix a, double[] halfNorms, int[] sizes, long seed, Kernels kernels) {
        int n = a.rows();
        int d = a.cols();
        int total = 1 + d;
        for (int m : sizes) {
            total += m;
        }
        DenseMatrix f = DenseMatrix.zeros(n, total);
        int col = 0;
        for (int i = 0; i < n; i++) {
            f.set(i, 0, 1.0);
            for (int j = 0; j < d; j++) {
                f.set(i, 1 + j, a.get(i, j));
            }
        }
        col = 1 + d;
        DenseMatrix y = a;
        double factorial = 1;
        for (int l = 0; l < sizes.length; l++) {
            int degree = l + 2;
            factorial *= degree;
            TensorSrht t = new TensorSrht(y.cols(), d, sizes[l],
                    CounterRandom.bits(seed, STREAM, degree), kernels);
            y = t.applyRows(y, a);
            double w = 1 / Math.sqrt(factorial);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < sizes[l]; j++) {
                    f.set(i, col + j, w * y.get(i, j));
                }
            }
            col += sizes[l];
        }
        for (int i = 0; i < n; i++) {
            double s = Math.exp(-halfNorms[i]);
            for (int j = 0; j < total; j++) {
                f.set(i, j, f.get(i, j) * s);
            }
        }
        return f;
    }
}
