package akr.kernels.gemm;

import akr.kernels.RandomData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scalar tier's SYRK row updates against their contract, bit for bit: each upper-triangle
 * element of the partial gains the slab's Σ_r a_ri·a_rj summed fused in row order from zero, which
 * is what the register tiles add (so the tier's results do not change with the path).
 */
class ScalarGemmKernelTest {

    private final ScalarGemmKernel kernel = new ScalarGemmKernel();

    /**
     * Orders around the four-row step, the vector lanes and the smallest order taken
     * ({@value ScalarGemmKernel#ROW_UPDATE_MIN_ORDER}), up to the unpacked path's limit.
     */
    @Provide
    Arbitrary<Integer> orders() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 63, 64, 65, 127, 128),
                Arbitraries.integers().between(1, 128));
    }

    /** Slab rows: the four-row step's edges and the slab sizes of the driver (16 to 256). */
    @Provide
    Arbitrary<Integer> slabRows() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 63, 64, 65, 255, 256),
                Arbitraries.integers().between(1, 256));
    }

    @Property(tries = 120)
    void rowUpdatesAddTheSlabsSumsInRowOrder(@ForAll("slabRows") int kb, @ForAll("orders") int d,
                                             @ForAll @IntRange(min = 0, max = 5) int pad,
                                             @ForAll @IntRange(min = 0, max = 9) int offset, @ForAll long seed) {
        int ld = d + pad;
        double[] a = RandomData.vector(seed, offset + kb * ld);
        int pOff = pad; // the partial at an offset of its own
        double[] partial = RandomData.vector(seed + 1, pOff + d * d);
        double[] want = partial.clone();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int r = 0; r < kb; r++) {
                    s = Math.fma(a[offset + r * ld + i], a[offset + r * ld + j], s);
                }
                want[pOff + i * d + j] += s;
            }
        }
        boolean taken = kernel.syrkSlabByRows(kb, a, offset, ld, d, partial, pOff);
        assertEquals(d >= ScalarGemmKernel.ROW_UPDATE_MIN_ORDER, taken, "d = " + d);
        if (!taken) {
            want = RandomData.vector(seed + 1, pOff + d * d); // declined: the partial is untouched
        }
        for (int e = 0; e < want.length; e++) {
            assertEquals(Double.doubleToRawLongBits(want[e]), Double.doubleToRawLongBits(partial[e]),
                    "element " + e + " (d = " + d + ", kb = " + kb + "): " + want[e] + " against " + partial[e]);
        }
    }

    /** A thread's scratch rows grow when a wider slab follows a narrower one, and stay correct. */
    @Property(tries = 10)
    void widerSlabAfterNarrowerOne(@ForAll @IntRange(min = 24, max = 64) int d, @ForAll long seed) {
        double[] small = RandomData.vector(seed, 8 * d);
        assertTrue(kernel.syrkSlabByRows(8, small, 0, d, d, new double[d * d], 0));
        int wide = d + 37;
        double[] a = RandomData.vector(seed + 1, 100 * wide);
        double[] partial = new double[wide * wide];
        assertTrue(kernel.syrkSlabByRows(100, a, 0, wide, wide, partial, 0));
        double s = 0;
        for (int r = 0; r < 100; r++) {
            s = Math.fma(a[r * wide + wide - 1], a[r * wide + wide - 1], s);
        }
        assertEquals(s, partial[wide * wide - 1]);
    }
}
