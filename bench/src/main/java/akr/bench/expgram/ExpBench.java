package akr.bench.expgram;

import akr.kernels.simd.SimdExp;
import akr.kernels.simd.SimdSupport;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Lanewise exp over one exp-Gram tile (96·96 doubles, L2-resident, arguments in [−5, 0]): the
 * Vector API intrinsic against the FMA-only polynomial of {@link SimdExp}, and scalar
 * {@link Math#exp}. Decides which exp the SIMD kernels use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ExpBench {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int N = 96 * 96;

    private double[] in;
    private double[] out;

    @Setup
    public void setup() {
        Random r = new Random(3);
        in = new double[N];
        out = new double[N];
        for (int i = 0; i < N; i++) {
            in[i] = -5 * r.nextDouble();
        }
    }

    @Benchmark
    public double[] lanewise() {
        for (int i = 0; i < N; i += S.length()) {
            SimdExp.lanewise(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    public double[] polynomial() {
        for (int i = 0; i < N; i += S.length()) {
            SimdExp.polynomial(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    public double[] scalarMathExp() {
        for (int i = 0; i < N; i++) {
            out[i] = Math.exp(in[i]);
        }
        return out;
    }
}
