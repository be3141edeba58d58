package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/**
 * Gaussian sketch: S has i.i.d. N(0, 1/m) entries, S[i, r] = g(seed, stream 5, r·m + i)/√m with g
 * {@link CounterRandom#gaussian}. The classic, slow baseline: O(mnd) flops through {@link Gemm}.
 *
 * <p>S is never stored: it is generated one panel of {@value #PANEL} columns at a time (m×{@value
 * #PANEL} doubles per thread), and each panel multiplies its rows of A into the partial sketch with
 * C ← G_panel·A_panel + C through the sketch's {@link Gemm}.
 */
public final class GaussianSketch extends Sketch {

    static final long STREAM = 5;
    /** Rows of A (columns of S) per generated panel. */
    static final int PANEL = 128;

    public GaussianSketch(int m, int n, long seed, Kernels kernels) {
        super(m, n, seed, kernels);
    }

    /** Default tier, shared executor. */
    public GaussianSketch(int m, int n, long seed) {
        this(m, n, seed, Kernels.defaults());
    }

    @Override
    public Kind kind() {
        return Kind.GAUSSIAN;
    }

    @Override
    public Sketch using(Kernels kernels) {
        return new GaussianSketch(m, n, seed, kernels);
    }

    /** The unscaled entry g = √m·S[i, r]. */
    public double entry(int i, int r) {
        return CounterRandom.gaussian(seed, STREAM, (long) r * m + i);
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix s = DenseMatrix.zeros(m, n);
        double v = 1.0 / Math.sqrt(m);
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < n; r++) {
                s.set(i, r, v * entry(i, r));
            }
        }
        return s;
    }

    @Override
    protected int atomRows(int cols) {
        return Math.min(PANEL, n);
    }

    @Override
    protected double outputScale() {
        return 1.0 / Math.sqrt(m);
    }

    @Override
    protected Worker newWorker(int cols) {
        Gemm gemm = kernels.gemm();
        int panel = atomRows(cols);
        double[] g = new double[m * panel];
        return (a, aOff, aLd, r0, count, acc, c) -> {
            if (c == 0) {
                return;
            }
            for (int i = 0; i < m; i++) {
                for (int t = 0; t < count; t++) {
                    g[i * count + t] = entry(i, r0 + t);
                }
            }
            DenseMatrix gp = new DenseMatrix(g, 0, m, count, Math.max(1, count));
            DenseMatrix ap = new DenseMatrix(a, aOff, count, c, aLd);
            DenseMatrix cp = DenseMatrix.wrap(acc, m, c);
            gemm.gemm(Op.N, Op.N, 1.0, gp, ap, 1.0, cp);
        };
    }
}
