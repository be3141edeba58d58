package akr.bench.gemm;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
 * DGEMM C = A·B (NN, n×n, n = 2048 by default: 17.2 GFLOP per call), every production tier on 1 and
 * 2 threads, with EJML's single-threaded {@code CommonOps_DDRM.mult} as the JVM peer. GFLOP/s =
 * 2n³ / time. Targets: simd ≥ 0.85× OpenBLAS (bench/peers/level3.py) and ≥ 5× EJML.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class GemmBench {

    static double[] random(int len, long seed) {
        Random r = new Random(seed);
        double[] d = new double[len];
        for (int i = 0; i < len; i++) {
            d[i] = r.nextDouble() - 0.5;
        }
        return d;
    }

    /** Our tiers. */
    @State(Scope.Benchmark)
    public static class Ours {
        @Param({"2048"})
        public int n;

        @Param({"simd", "scalar"})
        public String tier;

        @Param({"1", "2"})
        public int threads;

        DenseMatrix a;
        DenseMatrix b;
        DenseMatrix c;
        Gemm gemm;
        ParallelExecutor executor;

        @Setup(Level.Trial)
        public void setup() {
            a = DenseMatrix.wrap(random(n * n, 1), n, n);
            b = DenseMatrix.wrap(random(n * n, 2), n, n);
            c = DenseMatrix.zeros(n, n);
            executor = ParallelExecutor.create(threads);
            gemm = Gemm.of(Tier.parse(tier), executor);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.close();
        }
    }

    /** The EJML peer (single-threaded). */
    @State(Scope.Benchmark)
    public static class Ejml {
        @Param({"2048"})
        public int n;

        DMatrixRMaj a;
        DMatrixRMaj b;
        DMatrixRMaj c;

        @Setup(Level.Trial)
        public void setup() {
            a = DMatrixRMaj.wrap(n, n, random(n * n, 1));
            b = DMatrixRMaj.wrap(n, n, random(n * n, 2));
            c = new DMatrixRMaj(n, n);
        }
    }

    @Benchmark
    public DenseMatrix gemmNN(Ours s) {
        s.gemm.gemm(Op.N, Op.N, 1.0, s.a, s.b, 0.0, s.c);
        return s.c;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
    @Measurement(iterations = 3, time = 2)
    public DMatrixRMaj ejmlMult(Ejml s) {
        CommonOps_DDRM.mult(s.a, s.b, s.c);
        return s.c;
    }
}
