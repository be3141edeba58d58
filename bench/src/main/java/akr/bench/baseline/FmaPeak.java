package akr.bench.baseline;

import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA-throughput baseline: per thread, twelve independent vector accumulators updated by FMAs
 * from two L1-resident vectors, the inner loop of a 6×(2·lanes) GEMM micro-kernel without the
 * loads of packed panels. Its flop rate is the machine's double-precision peak as the JIT reaches it.
 */
public final class FmaPeak {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private FmaPeak() {
    }

    /** Flops of one {@link #run} call: threads · steps · 12 FMAs · lanes · 2. */
    public static long flops(int threads, int steps) {
        return (long) threads * steps * 12L * S.length() * 2L;
    }

    /** Runs {@code steps} rounds of twelve FMAs on each of {@code threads} chunks; returns a checksum. */
    public static double run(ParallelExecutor ex, int threads, int steps) {
        double[] out = new double[threads];
        ex.forEachChunk(0, threads, threads, (c, lo, hi) -> out[c] = kernel(steps, 1e-9 * (c + 1)));
        double s = 0;
        for (double v : out) {
            s += v;
        }
        return s;
    }

    private static double kernel(int steps, double seed) {
        DoubleVector a = DoubleVector.broadcast(S, 1.0 - seed);
        DoubleVector b = DoubleVector.broadcast(S, seed);
        DoubleVector c0 = b, c1 = b.add(1), c2 = b.add(2), c3 = b.add(3), c4 = b.add(4), c5 = b.add(5);
        DoubleVector c6 = b.add(6), c7 = b.add(7), c8 = b.add(8), c9 = b.add(9), c10 = b.add(10), c11 = b.add(11);
        for (int k = 0; k < steps; k++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
