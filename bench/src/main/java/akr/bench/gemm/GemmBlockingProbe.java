package akr.bench.gemm;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Tuning probe (not a JMH benchmark): SIMD DGEMM n = 2048 with several cache blockings, interleaved in
 * one JVM, min of 6 calls each (-Dreps=N to change); args: threads kc,mc,nc ... Each blocking is its
 * own {@code Gemm.of(Tier.SIMD, executor)}, created under the -Dakr.gemm.kc/mc/nc properties.
 */
public class GemmBlockingProbe {
    public static void main(String[] args) {
        int n = 2048;
        int threads = Integer.parseInt(args[0]);
        ParallelExecutor ex = ParallelExecutor.create(threads);
        java.util.Random r = new java.util.Random(1);
        DenseMatrix a = DenseMatrix.zeros(n, n), b = DenseMatrix.zeros(n, n), c = DenseMatrix.zeros(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data()[i] = r.nextDouble() - .5;
            b.data()[i] = r.nextDouble() - .5;
        }
        java.util.List<Gemm> gs = new java.util.ArrayList<>();
        for (int k = 1; k < args.length; k++) {
            String[] p = args[k].split(",");
            System.setProperty("akr.gemm.kc", p[0]);
            System.setProperty("akr.gemm.mc", p[1]);
            System.setProperty("akr.gemm.nc", p[2]);
            gs.add(Gemm.of(Tier.SIMD, ex));
        }
        double[] best = new double[gs.size()];
        java.util.Arrays.fill(best, 1e9);
        for (int rep = 0; rep < Integer.getInteger("reps", 6); rep++) {
            for (int g = 0; g < gs.size(); g++) {
                long t0 = System.nanoTime();
                gs.get(g).gemm(Op.N, Op.N, 1, a, b, 0, c);
                best[g] = Math.min(best[g], (System.nanoTime() - t0) / 1e6);
            }
        }
        for (int g = 0; g < gs.size(); g++) {
            System.out.printf("kc,mc,nc=%s: min %.1f ms = %.1f GFLOP/s%n", args[g + 1], best[g],
                    2.0 * n * n * n / best[g] / 1e6);
        }
        ex.close();
    }
}
