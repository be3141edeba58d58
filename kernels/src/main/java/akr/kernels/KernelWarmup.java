package akr.kernels;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.HouseholderQr;
import akr.kernels.sketch.Sketch;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;

import java.util.concurrent.CompletableFuture;

/**
 * Runs every kernel family of one tier on small inputs, so that the JIT compiles their inner loops
 * before the first large call. Until C2 compiles it, a Vector API loop runs with every vector boxed,
 * orders of magnitude slower than the scalar tier; small inputs reach the compile thresholds for a
 * few milliseconds of that slow work each, where one large call would spend most of its time in it.
 *
 * <p>The inputs are this class's own and the calls are the façades' public ones, so the compiled
 * code is the code every later call runs; kernels are deterministic, so nothing else changes.
 */
final class KernelWarmup {

    /** Rounds over the families: enough calls of each inner kernel to pass C2's thresholds. */
    static final int ROUNDS = 400;
    /** Columns of the small problems: more than one register tile, with lane tails. */
    private static final int D = 20;
    /** Rows of the tall inputs: a few rows per call keeps each slow call short. */
    private static final int ROWS = 8;

    private KernelWarmup() {
    }

    /** Starts the warm-up of {@code tier} on a daemon thread; the future completes when it has run. */
    static CompletableFuture<Void> start(Tier tier) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run(tier, ROUNDS);
                done.complete(null);
            } catch (Throwable e) { // a failed warm-up only costs speed; the caller may inspect it
                done.completeExceptionally(e);
            }
        }, "akr-kernel-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return done;
    }

    /** {@code rounds} rounds over the families, on the calling thread (one thread: no pool tasks). */
    static void run(Tier tier, int rounds) {
        try (ParallelExecutor one = ParallelExecutor.create(1); Kernels k = Kernels.of(tier, one)) {
            DenseMatrix tall = filled(ROWS * 4, D, 1);
            DenseMatrix square = filled(D, D, 2);
            DenseMatrix spd = k.gemm().gram(Op.T, filled(4 * D, D, 3));
            DenseMatrix upper = spd.copy();
            k.cholesky().factor(Uplo.UPPER, upper);
            double[] x = filled(D, 1, 4).data();
            double[] y = filled(tall.rows(), 1, 5).data();
            double[] r = new double[tall.rows()];
            double[] g = new double[D];
            Sketch sparse = k.sketch(Sketch.Kind.SPARSE_SIGN, 2 * D, tall.rows(), 7);
            Sketch srht = k.sketch(Sketch.Kind.SRHT, 2 * D, tall.rows(), 7);
            DenseMatrix points = filled(ROWS * 4, D, 6); // entries below 1: exp(‖a‖²) far from overflow
            DenseMatrix block = filled(points.rows(), 4, 8);
            HouseholderQr.Options qr = HouseholderQr.Options.defaults().withKernels(k);
            for (int round = 0; round < rounds; round++) {
                k.gemm().gram(Op.T, tall.rows(round % 4 * ROWS, ROWS));
                k.gemm().multiply(Op.N, square, Op.N, square);
                DenseMatrix c = spd.copy();
                k.cholesky().factor(Uplo.UPPER, c);
                k.triangular().trsv(Uplo.UPPER, Op.T, Diag.NON_UNIT, upper, x.clone(), 0);
                k.triangular().trsm(Side.RIGHT, Uplo.UPPER, Op.N, Diag.NON_UNIT, 1.0, upper, tall.copy());
                k.gemv().gemv(Op.N, 1.0, tall, x, 0, 0.0, r, 0);
                k.gemv().gemv(Op.T, 1.0, tall, y, 0, 0.0, g, 0);
                k.gemv().gemvThenTransposed(1.0, tall, x, 0, 0.0, r, 0, g, 0);
                System.arraycopy(y, 0, r, 0, r.length);
                k.gemv().gemvThenTransposedCompensated(-1.0, tall, x, 0, 1.0, r, 0, g, 0);
                k.blas1().nrm2(r);
                k.blas1().dot(r, y);
                k.blas1().axpy(0.5, y, r);
                if (round % 8 == 0) { // the sketches and the QR of a sketch: fewer, larger calls
                    sparse.apply(tall);
                    srht.apply(tall);
                    HouseholderQr.rFactor(tall, null, qr);
                    k.expGramOperator(points).multiply(block);
                }
            }
        }
    }

    /** A deterministic m×n matrix with entries in (−1, 1). */
    private static DenseMatrix filled(int m, int n, int salt) {
        DenseMatrix a = DenseMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, Math.sin(1 + salt + 0.7 * i + 1.3 * j + 0.1 * i * j));
            }
        }
        return a;
    }
}
