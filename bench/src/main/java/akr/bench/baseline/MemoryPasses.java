package akr.bench.baseline;

import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-bandwidth baselines that kernel targets are ratios to: one vectorised read pass (sum
 * of all elements) and one vectorised read-modify-write pass (x ← 1.0000001·x) over an array,
 * split over the same {@link ParallelExecutor} the kernels use.
 */
public final class MemoryPasses {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int CHUNKS = 32;

    private MemoryPasses() {
    }

    /** Sum of a[0..n) read once with vector loads (four accumulators). */
    public static double read(ParallelExecutor ex, double[] a, int n) {
        double[] partial = new double[CHUNKS];
        ex.forEachChunk(0, n, CHUNKS, (c, lo, hi) -> partial[c] = readRange(a, lo, hi));
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** Scales a[0..n) in place: one read and one write of every element. */
    public static void readModifyWrite(ParallelExecutor ex, double[] a, int n) {
        ex.forEachChunk(0, n, CHUNKS, (c, lo, hi) -> rmwRange(a, lo, hi));
    }

    private static double readRange(double[] a, int lo, int hi) {
        int l = S.length();
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = lo;
        for (; i <= hi - 4 * l; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
            s1 = s1.add(DoubleVector.fromArray(S, a, i + l));
            s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * l));
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < hi; i++) {
            s += a[i];
        }
        return s;
    }

    private static void rmwRange(double[] a, int lo, int hi) {
        int l = S.length();
        int i = lo;
        for (; i <= hi - l; i += l) {
            DoubleVector.fromArray(S, a, i).mul(1.0000001).intoArray(a, i);
        }
        for (; i < hi; i++) {
            a[i] *= 1.0000001;
        }
    }
}
