package akr.bench.packed;

import akr.bench.baseline.MemoryPasses;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.gemv.Gemv;
import akr.kernels.packed.PackedSymmetric;
import akr.kernels.packed.SymmetricProduct;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The product with a symmetric n×n matrix stored as its packed lower triangle (n(n+1)/2 doubles),
 * for r = 1 and r = 8 right-hand sides, against its peers on the same executor: a vectorised read
 * pass over the packed array (the bandwidth floor of one pass), r dense gemv on the full n×n matrix
 * (twice the bytes per pass), and for the block form the dense GEMM Xᵀ·H (H read once).
 * The ratios to read: packed / readPass (how close one pass comes to the bandwidth floor) and
 * packed / denseGemv (half the bytes, so about 0.5 when both are bandwidth-bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class SymmetricProductBench {

    @Param({"4096", "8192", "16384"})
    public int n;

    @Param({"1", "8"})
    public int r;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"1", "2"})
    public int threads;

    private PackedSymmetric h;
    private DenseMatrix dense;
    private DenseMatrix xt;
    private DenseMatrix yt;
    private double[] x;
    private double[] y;
    private ParallelExecutor executor;
    private SymmetricProduct product;
    private Gemv gemv;
    private Gemm gemm;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        Random rnd = new Random(7);
        h = PackedSymmetric.zeros(n);
        double[] d = h.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble() - 0.5;
        }
        String name = params.getBenchmark();
        if (name.endsWith("denseGemv") || name.endsWith("denseGemm")) {
            dense = h.toDense(); // only the dense peers pay for the full matrix
        }
        xt = DenseMatrix.zeros(r, n);
        for (int i = 0; i < r * n; i++) {
            xt.data()[i] = rnd.nextDouble();
        }
        yt = DenseMatrix.zeros(r, n);
        x = new double[n];
        System.arraycopy(xt.data(), 0, x, 0, n);
        y = new double[n];
        executor = ParallelExecutor.create(threads);
        Tier t = Tier.parse(tier);
        product = SymmetricProduct.of(t, executor);
        gemv = Gemv.of(t, executor);
        gemm = Gemm.of(t, executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** y = H·x for r = 1 (the vector form), Yᵀ = (H·X)ᵀ for r &gt; 1: one pass over the triangle. */
    @Benchmark
    public Object packed() {
        if (r == 1) {
            product.multiply(h, x, y);
            return y;
        }
        product.multiply(h, xt, yt);
        return yt;
    }

    /** The bandwidth floor: one vectorised read of the n(n+1)/2 packed doubles. */
    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, h.data(), h.data().length);
    }

    /** r dense gemv on the full n×n matrix: what a user without the packed kernel would run. */
    @Benchmark
    public DenseMatrix denseGemv() {
        for (int k = 0; k < r; k++) {
            gemv.gemv(Op.N, 1.0, dense, xt.data(), k * n, 0.0, yt.data(), k * n);
        }
        return yt;
    }

    /** Yᵀ = Xᵀ·H (= (H·X)ᵀ, H symmetric) by dense GEMM on the full matrix: H read once for all r. */
    @Benchmark
    public DenseMatrix denseGemm() {
        gemm.gemm(Op.N, Op.N, 1.0, xt, dense, 0.0, yt);
        return yt;
    }
}
