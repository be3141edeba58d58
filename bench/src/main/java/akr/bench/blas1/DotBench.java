package akr.bench.blas1;

import akr.kernels.Tier;
import akr.kernels.blas1.Blas1;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Dot product on in-cache data (two arrays of n doubles, L1/L2 resident) for every tier, against
 * the plain one-accumulator scalar loop a user would write. Target: simd ≥ 4× the plain loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class DotBench {

    @Param({"1024", "16384"})
    public int n;

    @Param({"simd", "scalar"})
    public String tier;

    private double[] x;
    private double[] y;
    private Blas1 blas;

    @Setup
    public void setup() {
        Random r = new Random(1);
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
            y[i] = r.nextDouble();
        }
        blas = Blas1.of(Tier.parse(tier));
    }

    @Benchmark
    public double dot() {
        return blas.dot(n, x, 0, 1, y, 0, 1);
    }

    /** The loop a user writes by hand: one accumulator, strict left-to-right order. */
    @Benchmark
    public double plainLoop() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
