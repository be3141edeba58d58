package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * A degree-2 tensor sketch T: ℝ^{d₁} ⊗ ℝ^{d₂} → ℝᵐ that samples index pairs independently:
 * <pre>   T(x ⊗ y)_k = (H·D₁·x̃)[i_k] · (H·D₂·ỹ)[j_k] / √m,</pre>
 * x̃, ỹ zero-padded to p₁ = 2^⌈log₂d₁⌉ and p₂ = 2^⌈log₂d₂⌉, H the unnormalised Walsh–Hadamard
 * matrix, D₁, D₂ random signs, i_k and j_k independent and uniform. Since (H D₁ ⊗ H D₂) is √(p₁p₂)
 * times an orthogonal map of x ⊗ y, T is a subsampled randomised Hadamard transform of the tensor
 * space: E⟨T(x ⊗ y), T(x' ⊗ y')⟩ = ⟨x, x'⟩⟨y, y'⟩, and its m features can span up to
 * min(m, d₁d₂) dimensions.
 *
 * <p>Why not {@link akr.kernels.sketch.TensorSrht}: it samples one index for both factors,
 * (HD₁x)[i]·(HD₂y)[i], and by the Walsh identity H[i, a]·H[i, b] = H[i, a ⊕ b] its features lie in a
 * space of dimension at most 2^⌈log₂max(d₁, d₂)⌉ whatever m is (64 for d = 64), which caps what a
 * degree-2 block of the feature map can capture. The cost per row is the same: two transforms of
 * length p and m products.
 *
 * <p>Randomness: signs (seed, streams 0 and 1), indices (seed, streams 2 and 3) from
 * {@link CounterRandom}; rows are sketched in parallel, bit-identically for any thread count.
 */
final class PairSampledTensorSrht {

    private final int d1;
    private final int d2;
    private final int p1;
    private final int p2;
    private final int m;
    private final double[] signs1;
    private final double[] signs2;
    private final int[] index1;
    private final int[] index2;
    private final double scale;
    private final Fwht fwht;
    private final ParallelExecutor executor;

    PairSampledTensorSrht(int d1, int d2, int m, long seed, Tier tier, ParallelExecutor executor) {
        if (d1 < 1 || d2 < 1 || m < 1) {
            throw new IllegalArgumentException("d1, d2, m: " + d1 + ", " + d2 + ", " + m + " (must be >= 1)");
        }
        this.d1 = d1;
        this.d2 = d2;
        this.m = m;
        this.p1 = Fwht.nextPowerOfTwo(d1);
        this.p2 = Fwht.nextPowerOfTwo(d2);
        this.signs1 = new double[d1];
        this.signs2 = new double[d2];
        for (int a = 0; a < d1; a++) {
            signs1[a] = CounterRandom.sign(seed, 0, a);
        }
        for (int b = 0; b < d2; b++) {
            signs2[b] = CounterRandom.sign(seed, 1, b);
        }
        this.index1 = new int[m];
        this.index2 = new int[m];
        for (int k = 0; k < m; k++) {
            index1[k] = CounterRandom.below(seed, 2, k, p1);
            index2[k] = CounterRandom.below(seed, 3, k, p2);
        }
        this.scale = 1 / Math.sqrt(m);
        this.fwht = Fwht.of(tier, executor);
        this.executor = executor;
    }

    /** Row r of the result is T(X[r, :] ⊗ Y[r, :]); X is n×d₁, Y is n×d₂, the result n×m. */
    DenseMatrix applyRows(DenseMatrix x, DenseMatrix y) {
        if (x.cols() != d1 || y.cols() != d2 || x.rows() != y.rows()) {
            throw new IllegalArgumentException("x, y: " + x.rows() + "x" + x.cols() + " and " + y.rows() + "x"
                    + y.cols() + ", expected n x " + d1 + " and n x " + d2);
        }
        int n = x.rows();
        DenseMatrix out = DenseMatrix.zeros(n, m);
        double[] od = out.data();
        int chunks = ParallelExecutor.chunksFor((long) n * (p1 + p2 + m), 1 << 15, 64);
        executor.forEachChunk(0, n, chunks, (c, r0, r1) -> {
            double[] u = new double[p1];
            double[] v = new double[p2];
            for (int r = r0; r < r1; r++) {
                for (int a = 0; a < d1; a++) {
                    u[a] = signs1[a] * x.get(r, a);
                }
                java.util.Arrays.fill(u, d1, p1, 0.0);
                for (int b = 0; b < d2; b++) {
                    v[b] = signs2[b] * y.get(r, b);
                }
                java.util.Arrays.fill(v, d2, p2, 0.0);
                fwht.transform(u, 0, p1);
                fwht.transform(v, 0, p2);
                int off = out.index(r, 0);
                for (int k = 0; k < m; k++) {
                    od[off + k] = scale * (u[index1[k]] * v[index2[k]]);
                }
            }
        });
        return out;
    }
}
