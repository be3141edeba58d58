package akr.bench.gemm;

import akr.bench.baseline.MemoryPasses;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;
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
 * The level-3 kernels of sketch-and-precondition on a tall-skinny A (n×d = 10⁶×64, 512 MB):
 * SYRK AᵀA (the Gram matrix / normal equations) and TRSM A·R⁻¹ (applying the preconditioner),
 * every production tier on 1 and 2 threads, with a read pass over A as the bandwidth floor.
 * Targets: syrk ≥ 1.5× faster than numpy {@code A.T @ A} (bench/peers/level3.py); trsm within
 * 1.5× of syrk's time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class TallSkinnyBench {

    @Param({"1000000"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"1", "2"})
    public int threads;

    private DenseMatrix a;
    private DenseMatrix work;
    private DenseMatrix gram;
    private DenseMatrix r;
    private Gemm gemm;
    private Triangular triangular;
    private ParallelExecutor executor;

    @Setup(Level.Trial)
    public void setup() {
        Random rnd = new Random(7);
        a = DenseMatrix.zeros(n, d);
        double[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextDouble() - 0.5;
        }
        work = a.copy();
        gram = DenseMatrix.zeros(d, d);
        r = DenseMatrix.zeros(d, d);
        for (int i = 0; i < d; i++) {
            r.set(i, i, 1 + rnd.nextDouble());
            for (int j = i + 1; j < d; j++) {
                r.set(i, j, (rnd.nextDouble() - 0.5) / d);
            }
        }
        executor = ParallelExecutor.create(threads);
        gemm = Gemm.of(Tier.parse(tier), executor);
        triangular = Triangular.of(Tier.parse(tier), executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** C = AᵀA (upper triangle computed, mirrored). */
    @Benchmark
    public DenseMatrix syrkTall() {
        gemm.syrk(Op.T, 1.0, a, 0.0, gram);
        return gram;
    }

    /**
     * W ← W·R⁻¹ in place. W drifts (it is solved again every call) but R is well conditioned, and
     * the arithmetic per call does not depend on the values while they stay normal. R's diagonal
     * lies in [1, 2) and its off-diagonal is small, so a column shrinks by about its r_jj &lt; 2 per
     * call: it would take about a thousand calls to reach the subnormal range, and a fork with the
     * class's own settings (14 s at 0.1 s or more per call) makes at most about 140.
     */
    @Benchmark
    public DenseMatrix trsmRightUpper() {
        triangular.trsm(Side.RIGHT, Uplo.UPPER, Op.N, Diag.NON_UNIT, 1.0, r, work);
        return work;
    }

    /** One vectorised read of A on the same executor: the bandwidth floor for both. */
    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, a.data(), n * d);
    }
}
