package akr.kernels.fwht;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
/**
 * Tuning probe (not a JMH benchmark): the SIMD FWHT of 2^24 doubles under several schedules
 * ("blockLog,l1Log,slabLog,highMaxLog"), then its high stages alone as one pass (g = 8, 4 or 3 stages
 * ending at stage 23) and a read-modify-write pass, interleaved in one JVM, min and median of reps
 * calls each; every call transforms values rescaled to (-2, 2). Lives in the kernel package to reach
 * the package-private schedule. Args: threads reps [schedule ...].
 */
public class FwhtScheduleProbe {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        int logN = 24, n = 1 << logN;
        ParallelExecutor ex = ParallelExecutor.create(threads);
        ButterflyFwht f = (ButterflyFwht) Fwht.of(Tier.SIMD, ex);
        double[] x = new double[n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < n; i++) x[i] = r.nextDouble() - .5;
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<Runnable> runs = new java.util.ArrayList<>();
        for (int k = 2; k < args.length; k++) {
            int[] p = java.util.Arrays.stream(args[k].split(",")).mapToInt(Integer::parseInt).toArray();
            names.add("transform " + args[k]);
            runs.add(() -> f.transformRaw(x, 0, n, p[0], p[1], p[2], p[3]));
        }
        for (int g : new int[] {8, 4, 3}) {
            names.add("high stages " + (logN - g) + "-" + (logN - 1));
            runs.add(() -> f.highPass(x, 0, n, logN - g, g, ButterflyFwht.SLAB_LOG));
        }
        names.add("read-modify-write pass");
        var species = DoubleVector.SPECIES_PREFERRED;
        int lanes = species.length();
        runs.add(() -> ex.forEachChunk(0, n / lanes, threads, (c, lo, hi) -> {
            for (int i = lo * lanes; i < hi * lanes; i += lanes) DoubleVector.fromArray(species, x, i).neg().intoArray(x, i);
        }));
        double[][] ms = new double[runs.size()][reps];
        for (int rep = 0; rep < reps; rep++) for (int k = 0; k < runs.size(); k++) {
            rescale(x);
            long t0 = System.nanoTime(); runs.get(k).run(); ms[k][rep] = (System.nanoTime() - t0) / 1e6;
        }
        for (int k = 0; k < runs.size(); k++) {
            double[] s = ms[k].clone(); java.util.Arrays.sort(s);
            System.out.printf("%s, %d threads: min %.2f ms, median %.2f ms%n", names.get(k), threads, s[0], s[reps / 2]);
        }
        ex.close();
    }

    /** x ← 2^-e·x, e the exponent of max |x_i|: exact, keeps every value finite across calls. */
    private static void rescale(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(v));
        double s = Math.scalb(1.0, -Math.getExponent(m));
        for (int i = 0; i < x.length; i++) x[i] *= s;
    }
}
