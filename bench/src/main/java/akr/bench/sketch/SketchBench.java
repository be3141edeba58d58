package akr.bench.sketch;

import akr.kernels.Kernels;
import akr.bench.baseline.MemoryPasses;
import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.sketch.Sketch;
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
 * SA for A of n×d (10⁶×64, 512 MB) to m = 256 rows: SRHT, sparse sign (s = 8) and CountSketch,
 * every production tier, 1 and 2 threads, with one vectorised read pass and one read-modify-write
 * pass over A on the same executor as baselines. Targets (2 threads): sparse sign and CountSketch
 * ≤ 1.5 × read pass, SRHT ≤ 4 × read pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class SketchBench {

    @Param({"1000000"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"256"})
    public int m;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"1", "2"})
    public int threads;

    private DenseMatrix a;
    private DenseMatrix out;
    private Sketch srht;
    private Sketch sparseSign;
    private Sketch countSketch;
    private ParallelExecutor executor;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(7);
        a = DenseMatrix.zeros(n, d);
        double[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextDouble() - 0.5;
        }
        out = DenseMatrix.zeros(m, d);
        executor = ParallelExecutor.create(threads);
        Tier t = Tier.parse(tier);
        srht = Sketch.create(Sketch.Kind.SRHT, m, n, 1, Kernels.of(t, executor));
        sparseSign = Sketch.create(Sketch.Kind.SPARSE_SIGN, m, n, 1, Kernels.of(t, executor));
        countSketch = Sketch.create(Sketch.Kind.COUNT_SKETCH, m, n, 1, Kernels.of(t, executor));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    public DenseMatrix srht() {
        srht.apply(a, out);
        return out;
    }

    @Benchmark
    public DenseMatrix sparseSign() {
        sparseSign.apply(a, out);
        return out;
    }

    @Benchmark
    public DenseMatrix countSketch() {
        countSketch.apply(a, out);
        return out;
    }

    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, a.data(), n * d);
    }

    @Benchmark
    public double[] readModifyWritePass() {
        MemoryPasses.readModifyWrite(executor, a.data(), n * d);
        return a.data();
    }
}
