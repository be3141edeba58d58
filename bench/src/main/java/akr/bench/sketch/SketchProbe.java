package akr.bench.sketch;

import akr.kernels.Kernels;
import akr.bench.baseline.MemoryPasses;
import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.sketch.Sketch;

/**
 * Tuning probe (not a JMH benchmark): sparse sign (s = 8), CountSketch and one read pass over A
 * (10⁶×64 → 256, simd tier), interleaved call by call in one JVM, min and median of reps calls
 * each. Run two builds back to back (one JVM each) to compare them under the same load; args:
 * threads [reps] [label].
 */
public final class SketchProbe {

    private SketchProbe() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        String label = args.length > 2 ? args[2] : "";
        int n = 1_000_000, d = 64, m = 256;
        java.util.Random r = new java.util.Random(7);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        double[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextDouble() - 0.5;
        }
        DenseMatrix out = DenseMatrix.zeros(m, d);
        double sink = 0;
        try (ParallelExecutor ex = ParallelExecutor.create(threads)) {
            Sketch ss = Sketch.create(Sketch.Kind.SPARSE_SIGN, m, n, 1, Kernels.of(Tier.SIMD, ex));
            Sketch cs = Sketch.create(Sketch.Kind.COUNT_SKETCH, m, n, 1, Kernels.of(Tier.SIMD, ex));
            double[][] ms = new double[3][reps];
            for (int i = 0; i < reps; i++) {
                long c0 = System.nanoTime();
                ss.apply(a, out);
                long c1 = System.nanoTime();
                sink += out.get(1, 1);
                cs.apply(a, out);
                long c2 = System.nanoTime();
                sink += out.get(1, 1);
                sink += MemoryPasses.read(ex, data, n * d);
                long c3 = System.nanoTime();
                ms[0][i] = (c1 - c0) / 1e6;
                ms[1][i] = (c2 - c1) / 1e6;
                ms[2][i] = (c3 - c2) / 1e6;
            }
            String[] names = {"sparseSign", "countSketch", "readPass"};
            StringBuilder line = new StringBuilder(label + " threads=" + threads + ":");
            for (int k = 0; k < 3; k++) {
                double[] s = ms[k].clone();
                java.util.Arrays.sort(s);
                line.append(String.format(" %s min %.1f median %.1f ms;", names[k], s[0], s[reps / 2]));
            }
            System.out.println(line + (sink == 42 ? " " : ""));
        }
    }
}
