package akr.kernels.simd;
import akr.kernels.parallel.ParallelExecutor;
/** Tuning probe (not a JMH benchmark): GFLOP/s of the SIMD micro-kernel alone on packed L1-resident panels; args: kc [tiles]. Lives in the kernel package to reach the package-private register-tile constants. */
public class MicroKernelProbe {
    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        int tiles = Integer.parseInt(args.length > 1 ? args[1] : "4");
        akr.kernels.gemm.GemmMicroKernel g = new SimdGemm(ParallelExecutor.create(1)).microKernel();
        int mr = g.mr(), nr = g.nr();
        double[] a = new double[mr * kc * tiles], b = new double[nr * kc];
        for (int i = 0; i < a.length; i++) a[i] = 1e-3 * (i % 7);
        for (int i = 0; i < b.length; i++) b[i] = 1e-3 * (i % 5);
        double[] c = new double[mr * nr * tiles];
        for (int rep = 0; rep < 8; rep++) {
            long iters = 0; long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                for (int r = 0; r < 1000; r++) for (int t = 0; t < tiles; t++) g.multiplyPacked(kc, a, t * mr * kc, b, 0, c, t * mr * nr, nr);
                iters += 1000L * tiles;
            }
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("kc=%d tiles=%d: %.1f GFLOP/s%n", kc, tiles, 2.0 * mr * nr * kc * iters / s * 1e-9);
        }
        System.out.println(c[0]);
    }
}
