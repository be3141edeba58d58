package akr.kernels.sketch;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * TensorSRHT of degree 2: a sketch T: ℝ^{d₁} ⊗ ℝ^{d₂} → ℝᵐ of x ⊗ y computed from x and y alone, in
 * O(p₁ log p₁ + p₂ log p₂ + m) time (p₁ = 2^⌈log₂ d₁⌉, p₂ = 2^⌈log₂ d₂⌉), never forming x ⊗ y:
 * <pre>   T(x ⊗ y)_k = (H·D₁·x̃)[i_k] · (H·D₂·ỹ)[j_k] / √m,   k &lt; m,</pre>
 * with x̃, ỹ zero-padded to p₁ and p₂, H the unnormalised Walsh–Hadamard matrix of the matching
 * size, D₁, D₂ independent random signs, and the index pairs (i_k, j_k) independent and uniform on
 * [0, p₁) × [0, p₂) (sampling with replacement, so any m ≥ 1 is valid).
 *
 * <p><b>Why independent pairs.</b> (H D₁) ⊗ (H D₂) is √(p₁p₂) times an orthogonal map of the tensor
 * space, and row (i, j) of it applied to x ⊗ y is (H D₁ x̃)[i]·(H D₂ ỹ)[j]; T is therefore a
 * subsampled randomised Hadamard transform of ℝ^{p₁} ⊗ ℝ^{p₂}, and its m features can span up to
 * min(m, d₁d₂) dimensions. Sampling one index for both factors, (H D₁ x)[i]·(H D₂ y)[i], is the
 * face-splitting variant: by the Walsh identity H[i, a]·H[i, b] = H[i, a ⊕ b] its features lie in a
 * space of dimension at most max(p₁, p₂) whatever m is, which caps what a degree-2 block of a
 * feature map (PolySketch, the attention solver's Taylor features) can capture. Both forms cost two
 * transforms and m products per vector. Unbiasedness: (H D x̃) has squared norm p‖x‖², so
 * E_i[(H D₁ x̃)[i]²] = ‖x‖² for a uniform i and any signs, and with i, j independent
 * E‖T(x ⊗ y)‖² = ‖x‖²‖y‖² exactly; more generally E⟨T(x ⊗ y), T(x' ⊗ y')⟩ = ⟨x, x'⟩⟨y, y'⟩ over the
 * signs and indices. T is linear in x ⊗ y: entry (k, (a, b)) of its matrix is
 * H[i_k, a]·D₁[a]·H[j_k, b]·D₂[b]/√m.
 *
 * <p>Randomness: D₁[a] = sign(seed, stream 6, a), D₂[b] = sign(seed, stream 7, b),
 * i_k = below(seed, stream 8, k, p₁), j_k = below(seed, stream 10, k, p₂), so the sketch is a
 * function of (d₁, d₂, m, seed) only. The Hadamard transforms use the given tier of {@link Fwht};
 * row-wise application is parallel over rows and bit-identical for any thread count.
 */
public final class TensorSrht {

    private final int d1;
    private final int d2;
    private final int m;
    private final int p1;
    private final int p2;
    private final double[] signs1;
    private final double[] signs2;
    private final int[] index1;
    private final int[] index2;
    private final double scale;
    private final Fwht fwht;
    private final ParallelExecutor executor;

    public TensorSrht(int d1, int d2, int m, long seed, Kernels kernels) {
        if (d1 < 1 || d2 < 1) {
            throw new IllegalArgumentException("d1, d2: " + d1 + ", " + d2 + " (must be >= 1)");
        }
        if (m < 1) {
            throw new IllegalArgumentException("m: " + m + " (must be >= 1)");
        }
        Checks.notNull("kernels", kernels);
        this.d1 = d1;
        this.d2 = d2;
        this.m = m;
        this.p1 = Fwht.nextPowerOfTwo(d1);
        this.p2 = Fwht.nextPowerOfTwo(d2);
        this.signs1 = new double[d1];
        this.signs2 = new double[d2];
        for (int a = 0; a < d1; a++) {
            signs1[a] = CounterRandom.sign(seed, 6, a);
        }
        for (int b = 0; b < d2; b++) {
            signs2[b] = CounterRandom.sign(seed, 7, b);
        }
        this.index1 = new int[m];
        this.index2 = new int[m];
        long key1 = CounterRandom.key(seed, 8);
        long key2 = CounterRandom.key(seed, 10);
        for (int k = 0; k < m; k++) {
            index1[k] = CounterRandom.belowWithKey(key1, k, p1);
            index2[k] = CounterRandom.belowWithKey(key2, k, p2);
        }
        this.scale = 1.0 / Math.sqrt(m);
        this.fwht = kernels.fwht();
        this.executor = kernels.executor();
    }

    /** Default tier, shared executor. */
    public TensorSrht(int d1, int d2, int m, long seed) {
        this(d1, d2, m, seed, Kernels.defaults());
    }

    public int rows() {
        return m;
    }

    public int leftDim() {
        return d1;
    }

    public int rightDim() {
        return d2;
    }

    /** T(x ⊗ y), a new vector of length m. */
    public double[] apply(double[] x, double[] y) {
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.length != d1 || y.length != d2) {
            throw new IllegalArgumentException("x, y: lengths " + x.length + ", " + y.length + ", expected " + d1 + ", " + d2);
        }
        double[] out = new double[m];
        applyK(x, 0, y, 0, out, 0, new double[p1], new double[p2]);
        return out;
    }

    /**
     * Row-wise: row r of the result is T(X[r, :] ⊗ Y[r, :]). X is n×d₁, Y is n×d₂, the result n×m.
     */
    public DenseMatrix applyRows(DenseMatrix x, DenseMatrix y) {
        Checks.notNull("x", x);
        Checks.notNull("y", y);
        if (x.cols() != d1 || y.cols() != d2 || x.rows() != y.rows()) {
            throw new IllegalArgumentException("x, y: " + x.rows() + "x" + x.cols() + " and " + y.rows() + "x" + y.cols()
                    + ", expected n x " + d1 + " and n x " + d2);
        }
        int n = x.rows();
        DenseMatrix out = DenseMatrix.zeros(n, m);
        int chunks = ParallelExecutor.chunksFor((long) n * (p1 + p2 + m), 1 << 15, 64);
        executor.forEachChunk(0, n, chunks, (c, r0, r1) -> {
            double[] u = new double[p1];
            double[] v = new double[p2];
            for (int r = r0; r < r1; r++) {
                applyK(x.data(), x.index(r, 0), y.data(), y.index(r, 0), out.data(), out.index(r, 0), u, v);
            }
        });
        return out;
    }

    /** T(x ⊗ y) into out[outOff …), x at x[xOff …], y at y[yOff …]; u, v scratch of lengths p₁, p₂. */
    void applyK(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, double[] u, double[] v) {
        for (int a = 0; a < d1; a++) {
            u[a] = signs1[a] * x[xOff + a];
        }
        java.util.Arrays.fill(u, d1, p1, 0.0);
        for (int b = 0; b < d2; b++) {
            v[b] = signs2[b] * y[yOff + b];
        }
        java.util.Arrays.fill(v, d2, p2, 0.0);
        fwht.transform(u, 0, p1);
        fwht.transform(v, 0, p2);
        for (int k = 0; k < m; k++) {
            out[outOff + k] = scale * (u[index1[k]] * v[index2[k]]);
        }
    }

    /** The m×(d₁·d₂) matrix of T, column a·d₂ + b for x_a·y_b, from the definition (test oracle). */
    public DenseMatrix toDense() {
        DenseMatrix t = DenseMatrix.zeros(m, d1 * d2);
        for (int k = 0; k < m; k++) {
            for (int a = 0; a < d1; a++) {
                for (int b = 0; b < d2; b++) {
                    double ha = (Integer.bitCount(index1[k] & a) & 1) == 0 ? 1 : -1;
                    double hb = (Integer.bitCount(index2[k] & b) & 1) == 0 ? 1 : -1;
                    t.set(k, a * d2 + b, scale * ha * signs1[a] * hb * signs2[b]);
                }
            }
        }
        return t;
    }
}
