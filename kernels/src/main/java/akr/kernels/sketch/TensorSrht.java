package akr.kernels.sketch;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * TensorSRHT of degree 2 (Ahle et al. 2020): a sketch T: ℝ^{d₁} ⊗ ℝ^{d₂} → ℝᵐ of x ⊗ y computed
 * from x and y alone, in O(p log p + m) time (p = 2^⌈log₂ max(d₁, d₂)⌉), never forming x ⊗ y:
 * <pre>   T(x ⊗ y)_k = (H·D₁·x̃)[I_k] · (H·D₂·ỹ)[I_k] / √m,   k &lt; m,</pre>
 * with x̃, ỹ zero-padded to p, H the unnormalised p×p Walsh–Hadamard matrix, D₁, D₂ independent
 * random signs and I_k i.i.d. uniform on [0, p) (sampling with replacement, so any m ≥ 1 is valid).
 * T is linear in x ⊗ y: entry (k, (a, b)) of its matrix is H[I_k, a]·D₁[a]·H[I_k, b]·D₂[b]/√m. Because
 * E_D[(H D x)_i²] = ‖x‖² for every i and D₁, D₂ are independent, E‖T(x ⊗ y)‖² = ‖x‖²‖y‖² exactly.
 *
 * <p>Randomness: D₁[a] = sign(key, stream 6, a), D₂[b] = sign(key, stream 7, b), I_k = below(key,
 * stream 8, k, p) with key the seed, so the sketch is a function of (d₁, d₂, m, seed) only. The
 * Hadamard transforms use the given tier of {@link Fwht}; row-wise application is parallel over
 * rows and bit-identical for any thread count.
 */
public final class TensorSrht {

    private final int d1;
    private final int d2;
    private final int m;
    private final int p;
    private final long seed;
    private final double[] signs1;
    private final double[] signs2;
    private final int[] index;
    private final double scale;
    private final Fwht fwht;
    private final ParallelExecutor executor;

    public TensorSrht(int d1, int d2, int m, long seed, Tier tier, ParallelExecutor executor) {
        if (d1 < 1 || d2 < 1) {
            throw new IllegalArgumentException("d1, d2: " + d1 + ", " + d2 + " (must be >= 1)");
        }
        if (m < 1) {
            throw new IllegalArgumentException("m: " + m + " (must be >= 1)");
        }
        Checks.notNull("tier", tier);
        Checks.notNull("executor", executor);
        this.d1 = d1;
        this.d2 = d2;
        this.m = m;
        this.seed = seed;
        this.p = Fwht.nextPowerOfTwo(Math.max(d1, d2));
        this.signs1 = new double[d1];
        this.signs2 = new double[d2];
        for (int a = 0; a < d1; a++) {
            signs1[a] = CounterRandom.sign(seed, 6, a);
        }
        for (int b = 0; b < d2; b++) {
            signs2[b] = CounterRandom.sign(seed, 7, b);
        }
        this.index = new int[m];
        long key = CounterRandom.key(seed, 8);
        for (int k = 0; k < m; k++) {
            index[k] = CounterRandom.belowWithKey(key, k, p);
        }
        this.scale = 1.0 / Math.sqrt(m);
        this.fwht = Fwht.of(tier, executor);
        this.executor = executor;
    }

    /** Default tier, shared executor. */
    public TensorSrht(int d1, int d2, int m, long seed) {
        this(d1, d2, m, seed, KernelProvider.defaultTier(), ParallelExecutor.shared());
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
        applyK(x, 0, y, 0, out, 0, new double[p], new double[p]);
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
        int chunks = ParallelExecutor.chunksFor((long) n * (p + m), 1 << 15, 64);
        executor.forEachChunk(0, n, chunks, (c, r0, r1) -> {
            double[] u = new double[p];
            double[] v = new double[p];
            for (int r = r0; r < r1; r++) {
                applyK(x.data(), x.index(r, 0), y.data(), y.index(r, 0), out.data(), out.index(r, 0), u, v);
            }
        });
        return out;
    }

    /** T(x ⊗ y) into out[outOff …), x at x[xOff …], y at y[yOff …]; u, v scratch of length p. */
    void applyK(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, double[] u, double[] v) {
        for (int a = 0; a < d1; a++) {
            u[a] = signs1[a] * x[xOff + a];
        }
        java.util.Arrays.fill(u, d1, p, 0.0);
        for (int b = 0; b < d2; b++) {
            v[b] = signs2[b] * y[yOff + b];
        }
        java.util.Arrays.fill(v, d2, p, 0.0);
        fwht.transform(u, 0, p);
        fwht.transform(v, 0, p);
        for (int k = 0; k < m; k++) {
            int i = index[k];
            out[outOff + k] = scale * (u[i] * v[i]);
        }
    }

    /** The m×(d₁·d₂) matrix of T, column a·d₂ + b for x_a·y_b, from the definition (test oracle). */
    public DenseMatrix toDense() {
        DenseMatrix t = DenseMatrix.zeros(m, d1 * d2);
        for (int k = 0; k < m; k++) {
            for (int a = 0; a < d1; a++) {
                for (int b = 0; b < d2; b++) {
                    double ha = (Integer.bitCount(index[k] & a) & 1) == 0 ? 1 : -1;
                    double hb = (Integer.bitCount(index[k] & b) & 1) == 0 ? 1 : -1;
                    t.set(k, a * d2 + b, scale * ha * signs1[a] * hb * signs2[b]);
                }
            }
        }
        return t;
    }
}
