package akr.kernels;

import akr.kernels.blas1.Blas1;
import akr.kernels.gemv.Gemv;
import akr.kernels.packed.SymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tier selection, in both suite runs (with and without the Vector API module). */
class DispatchTest {

    @Test
    void simdAvailabilityMatchesHowTheJvmWasStarted() {
        assertEquals(TestTiers.expectSimd(), KernelProvider.simdAvailable(),
                KernelProvider.selection().toString());
    }

    @Test
    void defaultTierIsSimdWithTheModuleAndScalarWithout() {
        Tier expected = TestTiers.expectSimd() ? Tier.SIMD : Tier.SCALAR;
        assertEquals(expected, KernelProvider.defaultTier());
        assertEquals(expected == Tier.SIMD ? "SimdGemv" : "ScalarGemv", Gemv.get().getClass().getSimpleName());
        assertEquals(expected == Tier.SIMD ? "SimdSymmetricProduct" : "ScalarSymmetricProduct",
                SymmetricProduct.get().getClass().getSimpleName());
        assertTrue(KernelProvider.selection().reason().length() > 0);
    }

    @Test
    void askingForSimdWithoutTheModuleIsAnErrorNotAFallback() {
        if (TestTiers.expectSimd()) {
            assertEquals("SimdBlas1", Blas1.of(Tier.SIMD).getClass().getSimpleName());
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blas1.of(Tier.SIMD));
            assertTrue(e.getMessage().contains("Vector API is unavailable"), e.getMessage());
        }
    }

    @Test
    void everyAvailableTierLoadsEveryFamily() {
        for (Tier t : TestTiers.available()) {
            assertTrue(Blas1.of(t).getClass().getSimpleName().toLowerCase().startsWith(t.key()));
            assertTrue(Gemv.of(t, ParallelExecutor.shared()).getClass().getSimpleName().toLowerCase().startsWith(t.key()));
            assertTrue(SymmetricProduct.of(t).getClass().getSimpleName().toLowerCase().startsWith(t.key()));
        }
    }

    @Test
    void tierNamesParse() {
        assertEquals(Tier.SIMD, Tier.parse("SIMD"));
        assertEquals(Tier.REFERENCE, Tier.parse(" reference "));
        assertThrows(IllegalArgumentException.class, () -> Tier.parse("avx"));
        assertThrows(IllegalArgumentException.class, () -> Tier.parse(null));
    }
}
