package akr.bench.gemm;
import akr.kernels.*;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;
/** Tuning probe (not a JMH benchmark): SYRK AᵀA and TRSM A·R⁻¹ on A of n×64, interleaved in one JVM, min and median of reps calls each; args: threads [reps] [n]. */
public class TallSkinnyProbe {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int d = 64;
        ParallelExecutor ex = ParallelExecutor.create(threads);
        java.util.Random rnd = new java.util.Random(7);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (int i = 0; i < n * d; i++) a.data()[i] = rnd.nextDouble() - .5;
        DenseMatrix w = a.copy(), gram = DenseMatrix.zeros(d, d), r = DenseMatrix.zeros(d, d);
        for (int i = 0; i < d; i++) { r.set(i, i, 1 + rnd.nextDouble()); for (int j = i + 1; j < d; j++) r.set(i, j, (rnd.nextDouble() - .5) / d); }
        Gemm g = Gemm.of(Tier.SIMD, ex);
        Triangular t = Triangular.of(Tier.SIMD, ex);
        double[][] ms = new double[2][reps];
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime(); g.syrk(Op.T, 1, a, 0, gram); ms[0][rep] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime(); t.trsm(Triangular.Side.RIGHT, Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT, 1, r, w); ms[1][rep] = (System.nanoTime() - t0) / 1e6;
        }
        String[] names = {"syrk", "trsm"};
        for (int k = 0; k < 2; k++) { double[] s = ms[k].clone(); java.util.Arrays.sort(s); System.out.printf("%s threads=%d: min %.1f ms, median %.1f ms%n", names[k], threads, s[0], s[reps / 2]); }
        ex.close();
    }
}
