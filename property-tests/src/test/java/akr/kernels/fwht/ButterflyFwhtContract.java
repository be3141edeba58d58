package akr.kernels.fwht;

import akr.kernels.Tier;
import akr.kernels.driver.ButterflyFwht;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The contract of the tiers built from butterfly kernels (scalar, SIMD), which share the schedule. */
abstract class ButterflyFwhtContract extends FwhtContract {

    /**
     * The raw-vector schedule with small blocks, sub-blocks and slabs, so that every path (several
     * high-stage passes, slabs narrower than, equal to and wider than a row, the eight-column floor)
     * runs on small vectors: bit for bit the reference, for any of these schedules and thread counts.
     */
    @Property(tries = 150)
    void everyRawScheduleMatchesTheReferenceBitForBit(@ForAll @IntRange(min = 3, max = 13) int logN,
                                                     @ForAll @IntRange(min = 3, max = 9) int blockLog,
                                                     @ForAll @IntRange(min = 3, max = 8) int l1Log,
                                                     @ForAll @IntRange(min = 3, max = 14) int slabLog,
                                                     @ForAll @IntRange(min = 1, max = 5) int highMaxLog,
                                                     @ForAll @IntRange(max = 9) int off,
                                                     @ForAll long seed) {
        int n = 1 << logN;
        double[] x = new double[off + n + 3];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] want = x.clone();
        Fwht.of(Tier.REFERENCE).transform(want, off, n);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2)) {
            for (ParallelExecutor ex : new ParallelExecutor[] {one, two}) {
                double[] got = x.clone();
                ((ButterflyFwht) Fwht.of(tier(), ex)).transformRaw(got, off, n, blockLog, l1Log, slabLog, highMaxLog);
                assertArrayEquals(want, got, "blockLog " + blockLog + " l1Log " + l1Log + " slabLog " + slabLog
                        + " highMaxLog " + highMaxLog);
            }
        }
    }

    /**
     * The low-stage kernels alone: H_128 (lowStages7) and H_8 (lowStages8) on every span of a run of
     * 1 … 9 (respectively 1 … 17) spans at any offset, bit for bit the reference on each span, and
     * nothing outside the run written.
     */
    @Property(tries = 60)
    void lowStageKernelsEqualTheReferenceOnEverySpan(@ForAll @IntRange(min = 1, max = 17) int spans,
                                                    @ForAll @IntRange(max = 9) int off, @ForAll long seed) {
        Fwht ref = Fwht.of(Tier.REFERENCE);
        for (int span : new int[] {128, 8}) {
            int count = span == 128 ? Math.min(spans, 9) : spans;
            double[] x = akr.kernels.RandomData.vector(seed, off + count * span + 3);
            double[] want = x.clone();
            for (int s = 0; s < count; s++) {
                ref.transform(want, off + s * span, span);
            }
            double[] got = x.clone();
            if (span == 128) {
                ((ButterflyFwht) k()).lowStages7(got, off, count * span);
            } else {
                ((ButterflyFwht) k()).lowStages8(got, off, count * span);
            }
            assertArrayEquals(want, got, "span " + span + ", " + count + " spans at " + off);
        }
    }

    /**
     * Every length from 2⁰ to 2¹⁷ (below, at and above the 128-element low-stage span, the 2¹¹ L1
     * sub-block and the 2¹⁶ cache block, where the high-stage pass starts), with the production
     * schedule on 1 and 2 threads: bit for bit the reference.
     */
    @net.jqwik.api.Example
    void everyLengthUpToTwoBlocksMatchesTheReferenceBitForBit() {
        Fwht ref = Fwht.of(Tier.REFERENCE);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2)) {
            for (int logN = 0; logN <= 17; logN++) {
                int n = 1 << logN;
                double[] x = akr.kernels.RandomData.vector(logN, n + 4);
                double[] want = x.clone();
                ref.transform(want, 3, n);
                for (ParallelExecutor ex : new ParallelExecutor[] {one, two}) {
                    double[] got = x.clone();
                    Fwht.of(tier(), ex).transform(got, 3, n);
                    assertArrayEquals(want, got, "2^" + logN + " on " + ex.threads() + " threads");
                }
            }
        }
    }
}
