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
 * PolySketch (Ahle et al. 2020; Song–Woodruff–Yu–Zhang 2021): a sketch of x^{⊗q}, q = 2^L, to ℝᵐ,
 * built as a complete binary tree of independent degree-2 {@link TensorSrht}s. The q leaves are x;
 * level 1 has q/2 sketches ℝ^d ⊗ ℝ^d → ℝᵐ, level l &gt; 1 has q/2ˡ sketches ℝᵐ ⊗ ℝᵐ → ℝᵐ, each
 * combining the outputs of two children; the root's output is S(x^{⊗q}). Since each node satisfies
 * E‖T(u ⊗ v)‖² = ‖u‖²‖v‖² given its inputs and the nodes are independent,
 * E‖S(x^{⊗q})‖² = ‖x‖^{2q}. Cost per vector: (q − 1) degree-2 sketches, O(q·(p log p + m)) with
 * p = 2^⌈log₂ max(d, m)⌉; memory O(q·m). x^{⊗q} (d^q entries) is never formed.
 *
 * <p>Node j (level-order: 0 … q/2−1 at level 1, then the next level, …) uses seed
 * bits(seed, stream 9, j). {@link #applyRows} sketches every row of A, in parallel over rows.
 */
public final class PolySketch {

    private final int d;
    private final int degree;
    private final int m;
    private final TensorSrht[] nodes;
    private final ParallelExecutor executor;

    public PolySketch(int d, int degree, int m, long seed, Kernels kernels) {
        if (degree < 2 || !Fwht.isPowerOfTwo(degree)) {
            throw new IllegalArgumentException("degree: " + degree + " (must be a power of two >= 2)");
        }
        if (d < 1 || m < 1) {
            throw new IllegalArgumentException("d, m: " + d + ", " + m + " (must be >= 1)");
        }
        Checks.notNull("kernels", kernels);
        this.d = d;
        this.degree = degree;
        this.m = m;
        this.executor = kernels.executor();
        this.nodes = new TensorSrht[degree - 1];
        for (int j = 0; j < degree - 1; j++) {
            int in = j < degree / 2 ? d : m;
            nodes[j] = new TensorSrht(in, in, m, CounterRandom.bits(seed, 9, j), kernels);
        }
    }

    /** Default tier, shared executor. */
    public PolySketch(int d, int degree, int m, long seed) {
        this(d, degree, m, seed, Kernels.defaults());
    }

    public int degree() {
        return degree;
    }

    public int rows() {
        return m;
    }

    /** S(x^{⊗q}), a new vector of length m. */
    public double[] apply(double[] x) {
        Checks.notNull("x", x);
        if (x.length != d) {
            throw new IllegalArgumentException("x: length " + x.length + ", expected " + d);
        }
        double[] out = new double[m];
        new Worker().apply(x, 0, out, 0);
        return out;
    }

    /** Row r of the result is S(A[r, :]^{⊗q}); A is n×d, the result n×m. */
    public DenseMatrix applyRows(DenseMatrix a) {
        Checks.notNull("a", a);
        if (a.cols() != d) {
            throw new IllegalArgumentException("a: " + a.cols() + " columns, expected " + d);
        }
        int n = a.rows();
        DenseMatrix out = DenseMatrix.zeros(n, m);
        int chunks = ParallelExecutor.chunksFor((long) n * degree * m, 1 << 15, 64);
        executor.forEachChunk(0, n, chunks, (c, r0, r1) -> {
            Worker w = new Worker();
            for (int r = r0; r < r1; r++) {
                w.apply(a.data(), a.index(r, 0), out.data(), out.index(r, 0));
            }
        });
        return out;
    }

    /** Per-thread scratch: the q/2 level outputs and the transform buffers. */
    private final class Worker {
        private final double[][] level = new double[degree / 2][m];
        private final double[] u;
        private final double[] v;

        Worker() {
            int p = Fwht.nextPowerOfTwo(Math.max(d, m));
            u = new double[p];
            v = new double[p];
        }

        void apply(double[] x, int xOff, double[] out, int outOff) {
            int width = degree / 2;
            int node = 0;
            for (int j = 0; j < width; j++) {
                nodes[node++].applyK(x, xOff, x, xOff, level[j], 0, u, v);
            }
            while (width > 1) {
                int next = width / 2;
                for (int j = 0; j < next; j++) {
                    double[] tmp = new double[m];
                    nodes[node++].applyK(level[2 * j], 0, level[2 * j + 1], 0, tmp, 0, u, v);
                    level[j] = tmp;
                }
                width = next;
            }
            System.arraycopy(level[0], 0, out, outOff, m);
        }
    }
}
