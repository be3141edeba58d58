package akr.kernels.fwht;

import akr.kernels.Tier;
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
                Fwht.of(tier(), ex).transformRaw(got, off, n, blockLog, l1Log, slabLog, highMaxLog);
                assertArrayEquals(want, got, "blockLog " + blockLog + " l1Log " + l1Log + " slabLog " + slabLog
                        + " highMaxLog " + highMaxLog);
            }
        }
    }
}
