package akr.bench.expgram;

import akr.bench.baseline.FmaPeak;
import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.expgram.ExpGram;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.parallel.ParallelExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fused exp-Gram product y = exp(A·Aᵀ)·x (n×d points, d = 64), one right-hand side and a block
 * of eight, in the plain and the Gaussian-scaled form, with the FMA-peak baseline on the same
 * executor. Counted GFLOP/s = 2·n²·d·(1 per product) / time (the unsymmetric count; the exp, the
 * product with x and the symmetry saving are not counted).
 *
 * <p>Targets: on 2 threads, n = 8192: ≥ 5× faster than numpy materialising exp(A@A.T) and
 * multiplying ({@code bench/peers/expgram.py}); counted GFLOP/s ≥ our DGEMM's; eight right-hand
 * sides ≤ 2× one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class ExpGramBench {

    /** FMA rounds per thread of one {@link #fmaPeak} call (≈ 1.2·10⁹ flops per thread at 8 lanes). */
    static final int PEAK_STEPS = 6_000_000;

    @Param({"8192", "32768"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"2"})
    public int threads;

    @Param({"EXP", "GAUSSIAN"})
    public String form;

    private DenseMatrix a;
    private DenseMatrix x1;
    private DenseMatrix y1;
    private DenseMatrix x8;
    private DenseMatrix y8;
    private ExpGram kernel;
    private Form f;
    private ParallelExecutor executor;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(11);
        a = DenseMatrix.zeros(n, d);
        double scale = 1.0 / Math.sqrt(d); // squared row norms about 1/3, as for normalised attention inputs
        double[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (2 * r.nextDouble() - 1) * scale;
        }
        x1 = DenseMatrix.zeros(n, 1);
        x8 = DenseMatrix.zeros(n, 8);
        for (double[] v : new double[][] {x1.data(), x8.data()}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * r.nextDouble() - 1;
            }
        }
        y1 = DenseMatrix.zeros(n, 1);
        y8 = DenseMatrix.zeros(n, 8);
        executor = ParallelExecutor.create(threads);
        kernel = ExpGram.of(Tier.parse(tier), executor);
        f = Form.valueOf(form);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** One product K·x: 2·n²·d counted flops. */
    @Benchmark
    public DenseMatrix matvec() {
        kernel.multiply(a, f, 0.0, x1, y1);
        return y1;
    }

    /** K·X for eight right-hand sides: each exp computed once for all eight. */
    @Benchmark
    public DenseMatrix block8() {
        kernel.multiply(a, f, 0.0, x8, y8);
        return y8;
    }

    /** The FMA peak on the same executor: {@link FmaPeak#flops} flops per call. */
    @Benchmark
    public double fmaPeak() {
        return FmaPeak.run(executor, threads, PEAK_STEPS);
    }
}
