package akr.kernels.simd;
import akr.kernels.*;
import akr.kernels.gemm.*;
import akr.kernels.parallel.ParallelExecutor;
/** Tuning probe (not a JMH benchmark): DGEMM n = 2048 with several blockings, interleaved in one JVM, min of 6 calls each; args: threads kc,mc,nc ... */
public class GemmProbe {
    public static void main(String[] args) {
        int n = 2048; int threads = Integer.parseInt(args[0]);
        ParallelExecutor ex = ParallelExecutor.create(threads);
        java.util.Random r = new java.util.Random(1);
        DenseMatrix a = DenseMatrix.zeros(n, n), b = DenseMatrix.zeros(n, n), c = DenseMatrix.zeros(n, n);
        for (int i = 0; i < n * n; i++) { a.data()[i] = r.nextDouble() - .5; b.data()[i] = r.nextDouble() - .5; }
        SimdGemm base = new SimdGemm(ex);
        java.util.List<BlockedGemm> gs = new java.util.ArrayList<>();
        for (int k = 1; k < args.length; k++) { String[] p = args[k].split(","); gs.add(base.withBlocking(base.blocking().withBlocks(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])))); }
        double[] best = new double[gs.size()]; java.util.Arrays.fill(best, 1e9);
        for (int rep = 0; rep < Integer.getInteger("reps", 6); rep++) for (int g = 0; g < gs.size(); g++) {
            long t0 = System.nanoTime(); gs.get(g).gemm(Op.N, Op.N, 1, a, b, 0, c); double ms = (System.nanoTime() - t0) / 1e6;
            best[g] = Math.min(best[g], ms);
        }
        for (int g = 0; g < gs.size(); g++) System.out.printf("%s: min %.1f ms = %.1f GFLOP/s%n", gs.get(g).blocking(), best[g], 2.0 * n * n * n / best[g] / 1e6);
        ex.close();
    }
}
