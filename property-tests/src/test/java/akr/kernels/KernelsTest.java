package akr.kernels;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.sketch.Sketch;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel context: one tier and one executor for every family it hands out. */
class KernelsTest {

    @Test
    void defaultsAreTheDefaultTierOnTheSharedExecutor() {
        Kernels k = Kernels.defaults();
        assertSame(k, Kernels.defaults());
        assertEquals(KernelProvider.defaultTier(), k.tier());
        assertSame(ParallelExecutor.shared(), k.executor());
    }

    @Test
    void everyFamilyIsOfTheContextsTierAndCached() {
        for (Tier t : TestTiers.available()) {
            Kernels k = Kernels.of(t);
            Object[] families = {k.blas1(), k.gemv(), k.gemm(), k.triangular(), k.cholesky(), k.householder(),
                    k.fwht(), k.expGram(), k.rowScatter(), k.symmetricProduct()};
            for (Object f : families) {
                assertTrue(f.getClass().getSimpleName().toLowerCase().startsWith(t.key()),
                        f.getClass() + " in a " + t.key() + " context");
            }
            assertSame(k.gemm(), k.gemm());
        }
    }

    @Test
    void aSketchFromTheContextEqualsOneMadeDirectly() {
        DenseMatrix a = DenseMatrix.wrap(RandomData.vector(3, 200 * 5), 200, 5);
        for (Tier t : TestTiers.available()) {
            Kernels k = Kernels.of(t);
            assertArrayEquals(Sketch.create(Sketch.Kind.SPARSE_SIGN, 20, 200, 7, k).apply(a).data(),
                    k.sketch(Sketch.Kind.SPARSE_SIGN, 20, 200, 7).apply(a).data());
        }
    }

    @Test
    void withThreadsMakesAPrivateExecutor() {
        try (Kernels k = Kernels.defaults().withThreads(3)) {
            assertEquals(3, k.threads());
            assertEquals(Kernels.defaults().tier(), k.tier());
            assertTrue(k.executor() != ParallelExecutor.shared());
        }
        Kernels.defaults().close(); // closing a context that does not own its executor does nothing
        AtomicInteger covered = new AtomicInteger();
        Kernels.defaults().executor().forEachChunk(0, 100, 4, (c, b, e) -> covered.addAndGet(e - b));
        assertEquals(100, covered.get());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Kernels.of(null));
        assertThrows(IllegalArgumentException.class, () -> Kernels.of(Tier.SCALAR, null));
        assertThrows(IllegalArgumentException.class, () -> Kernels.defaults().withThreads(0));
        if (!KernelProvider.simdAvailable()) {
            assertThrows(IllegalArgumentException.class, () -> Kernels.of(Tier.SIMD));
        }
    }
}
