package akr.bench.gemv;

import akr.bench.baseline.MemoryPasses;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemv.Gemv;
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
 * gemv on a tall-skinny A (n×d, 10⁶×64 = 512 MB by default), both forms and the fused pass (A·x
 * then Aᵀ of the result, plain and compensated), every production tier, with a vectorised read
 * pass over the same array on the same executor as the bandwidth baseline.
 * Target: simd gemv ≥ 80% of the read pass's bandwidth, i.e. time(gemv) ≤ 1.25·time(read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class GemvBench {

    @Param({"1000000"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"1", "2"})
    public int threads;

    private DenseMatrix a;
    private double[] xd;
    private double[] xn;
    private double[] yn;
    private double[] yd;
    private Gemv gemv;
    private ParallelExecutor executor;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(7);
        a = DenseMatrix.zeros(n, d);
        double[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextDouble() - 0.5;
        }
        xd = new double[d];
        xn = new double[n];
        for (int i = 0; i < d; i++) {
            xd[i] = r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            xn[i] = r.nextDouble();
        }
        yn = new double[n];
        yd = new double[d];
        executor = ParallelExecutor.create(threads);
        gemv = Gemv.of(Tier.parse(tier), executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** y = A·x (n outputs): reads A once, writes y. */
    @Benchmark
    public double[] gemvN() {
        gemv.gemv(Op.N, 1.0, a, xd, 0, 0.0, yn, 0);
        return yn;
    }

    /** y = Aᵀ·x (d outputs): reads A and x once. */
    @Benchmark
    public double[] gemvT() {
        gemv.gemv(Op.T, 1.0, a, xn, 0, 0.0, yd, 0);
        return yd;
    }

    /**
     * r = b − A·x and Aᵀr summed in compensated arithmetic, in one pass over A: the correction and
     * residual pass of the least-squares solvers.
     */
    @Benchmark
    public double[] fusedCompensated() {
        System.arraycopy(xn, 0, yn, 0, n);
        gemv.gemvThenTransposedCompensated(-1.0, a, xd, 0, 1.0, yn, 0, yd, 0);
        return yd;
    }

    /** The same pass with Aᵀr summed plainly. */
    @Benchmark
    public double[] fused() {
        System.arraycopy(xn, 0, yn, 0, n);
        gemv.gemvThenTransposed(-1.0, a, xd, 0, 1.0, yn, 0, yd, 0);
        return yd;
    }

    /** The bandwidth baseline: one vectorised read of A's n·d doubles on the same executor. */
    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, a.data(), n * d);
    }
}
