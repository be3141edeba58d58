package akr.bench.qr;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.HouseholderQr;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.linsol.LinearSolverDense;
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
 * Householder QR of a dense m×n matrix: the R factor (input left unmodified, as numpy
 * {@code qr(mode='r')}), the thin Q (numpy {@code mode='reduced'}) and a least-squares solve, with
 * EJML's Householder QR and QR least-squares solver as the JVM peers in the same run. The Python peer
 * is {@code bench/peers/qr.py}. Targets: R of 10⁶×64 ≥ 5× faster than numpy, thin Q ≥ 5× faster,
 * 2048×2048 within 1.5× of numpy, ≥ 3× faster than EJML everywhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms8g", "-Xmx8g"})
public class QrBench {

    /** rows x columns. */
    @Param({"1000000x64", "100000x64", "2048x2048"})
    public String shape;

    @Param({"simd", "scalar"})
    public String tier;

    @Param({"2"})
    public int threads;

    private DenseMatrix a;
    private double[] b;
    private DMatrixRMaj ea;
    private DMatrixRMaj eb;
    private ParallelExecutor executor;
    private HouseholderQr.Options options;

    @Setup(Level.Trial)
    public void setup() {
        String[] mn = shape.split("x");
        int m = Integer.parseInt(mn[0]);
        int n = Integer.parseInt(mn[1]);
        Random r = new Random(11);
        a = DenseMatrix.zeros(m, n);
        double[] d = a.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble() - 0.5;
        }
        b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = r.nextDouble() - 0.5;
        }
        ea = new DMatrixRMaj(m, n);
        System.arraycopy(d, 0, ea.data, 0, d.length);
        eb = new DMatrixRMaj(m, 1);
        System.arraycopy(b, 0, eb.data, 0, m);
        executor = ParallelExecutor.create(threads);
        options = HouseholderQr.Options.defaults().withKernels(Kernels.of(Tier.parse(tier), executor));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** R factor of a copy of A (A unchanged). */
    @Benchmark
    public DenseMatrix rFactor() {
        return HouseholderQr.factor(a, options).rView();
    }

    /** Factorisation and the explicit thin Q (m×n). */
    @Benchmark
    public DenseMatrix thinQ() {
        return HouseholderQr.factor(a, options).thinQ();
    }

    /** min ‖Ax − b‖ by QR. */
    @Benchmark
    public double[] leastSquares() {
        return HouseholderQr.factor(a, options).solveLeastSquares(b);
    }

    /** EJML: Householder QR (column storage) of a copy, R factor. */
    @Benchmark
    public DMatrixRMaj ejmlRFactor() {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(ea.numRows, ea.numCols);
        qr.decompose(ea.copy());
        return qr.getR(null, true);
    }

    /** EJML: thin Q. */
    @Benchmark
    public DMatrixRMaj ejmlThinQ() {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(ea.numRows, ea.numCols);
        qr.decompose(ea.copy());
        return qr.getQ(null, true);
    }

    /** EJML: QR least-squares solver. */
    @Benchmark
    public DMatrixRMaj ejmlLeastSquares() {
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.leastSquares(ea.numRows, ea.numCols);
        s.setA(ea.copy());
        DMatrixRMaj x = new DMatrixRMaj(ea.numCols, 1);
        s.solve(eb, x);
        return x;
    }
}
