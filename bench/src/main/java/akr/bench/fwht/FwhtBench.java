package akr.bench.fwht;

import akr.bench.baseline.MemoryPasses;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
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
 * In-place FWHT of 2^logN doubles, every production tier, 1 and 2 threads, with one vectorised
 * read-modify-write pass and one read pass over the same array as the baselines.
 * Target (2 threads): FWHT of 2²⁴ ≤ 3 × the read-modify-write pass. The transform is applied to the
 * same array every invocation; values grow by 2^logN per call, so the array is rescaled in setup
 * of each iteration to stay finite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class FwhtBench {

    @Param({"20", "24"})
    public int logN;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"1", "2"})
    public int threads;

    private double[] x;
    private Fwht fwht;
    private ParallelExecutor executor;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(7);
        x = new double[1 << logN];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        executor = ParallelExecutor.create(threads);
        fwht = Fwht.of(Tier.parse(tier), executor);
    }

    @Setup(Level.Iteration)
    public void rescale() {
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.isFinite(x[i]) ? Math.scalb(x[i], -Math.getExponent(x[i])) : 1.0;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    public double[] fwht() {
        fwht.transform(x);
        return x;
    }

    @Benchmark
    public double[] readModifyWritePass() {
        MemoryPasses.readModifyWrite(executor, x, x.length);
        return x;
    }

    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, x, x.length);
    }
}
