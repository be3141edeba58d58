package akr.kernels.simd;

import akr.kernels.KernelProvider;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test-only width override reaches the kernels (runs in every SIMD surefire execution). */
class SimdSpeciesTest {

    @Example
    void forcedWidthIsTheSpeciesInUse() {
        String bits = System.getProperty(SimdSupport.BITS_PROPERTY);
        if (bits != null) {
            assertEquals(Integer.parseInt(bits), SimdSupport.DOUBLE.vectorBitSize());
            assertEquals(Integer.parseInt(bits) / 64, SimdSupport.LANES);
        } else {
            assertTrue(SimdSupport.LANES >= 2);
        }
        assertTrue(KernelProvider.simdDescription().contains(SimdSupport.LANES + " lanes"),
                KernelProvider.simdDescription());
    }
}
