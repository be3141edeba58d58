package akr.bench.baseline;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.simd.SimdSupport;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA-throughput baseline: per thread, twelve independent vector accumulators, each updated as
 * {@code c ← a·b + c} from two vectors held in registers, the inner loop of a GEMM micro-kernel
 * without the loads of packed panels. Twelve chains cover the FMA latency times the FMA issue width
 * of current x86 cores (4 cycles × 2 pipes). Its flop rate is the machine's double-precision peak as
 * the JIT reaches it, with the kernels' vector species ({@link SimdSupport#DOUBLE}).
 *
 * <p>The accumulator must be the addend. C2 emits {@code vfmadd231pd}, whose destination is the
 * addend: with {@code c ← c·a + b} every FMA would need a register copy of {@code b} first, which
 * lowers the rate well below the peak on some cores
 * (bench/notes/2026-12-01-targets-and-machines.md#the-fma-ceiling-corrected-on-2026-12-01).
 * Each step adds a·b ≈ 10⁻⁹ to every lane: no overflow and no subnormals for any step count.
 */
public final class FmaPeak {

    /** Independent accumulator chains per thread. */
    public static final int CHAINS = 12;

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;

    private FmaPeak() {
    }

    /** Flops of one {@link #run} call: threads · steps · 12 FMAs · lanes · 2. */
    public static long flops(int threads, int steps) {
        return (long) threads * steps * CHAINS * S.length() * 2L;
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
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        double[] lanes = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11).toArray();
        double s = 0;
        for (double v : lanes) {
            s += v;
        }
        return s;
    }
}
