package akr.kernels.packed;

import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
import akr.kernels.driver.PartitionedSymmetricProduct;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed storage: layout, symmetric access, the size limit, and the driver's row parts. */
class PackedSymmetricTest {

    @Property(tries = 50)
    void rowsArePackedBackToBackAndAccessIsSymmetric(@ForAll @IntRange(min = 1, max = 70) int n, @ForAll long seed) {
        PackedSymmetric h = PackedSymmetric.zeros(n);
        assertEquals((long) n * (n + 1) / 2, h.data().length);
        assertEquals(8L * h.data().length, PackedSymmetric.bytes(n));
        double[] v = RandomData.vector(seed, n * n);
        for (int i = 0; i < n; i++) {
            assertEquals(i == 0 ? 0 : h.offset(i - 1) + i, h.offset(i));
            for (int j = 0; j <= i; j++) {
                h.set(j, i, v[i * n + j]); // the upper triangle names the same entry
            }
        }
        DenseMatrix full = h.toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double want = v[Math.max(i, j) * n + Math.min(i, j)];
                assertEquals(want, h.get(i, j));
                assertEquals(want, full.get(i, j));
                assertEquals(want, h.data()[h.offset(Math.max(i, j)) + Math.min(i, j)]);
            }
        }
        assertArrayEquals(h.data(), PackedSymmetric.fromLower(full).data());
    }

    @Example
    void ordersWhoseTriangleDoesNotFitInOneArrayAreRefusedWithoutAllocating() {
        int tooBig = PackedSymmetric.MAX_N + 1;
        assertTrue(PackedSymmetric.packedLength(PackedSymmetric.MAX_N) <= PackedSymmetric.MAX_ELEMENTS);
        assertTrue(PackedSymmetric.packedLength(tooBig) > PackedSymmetric.MAX_ELEMENTS);
        assertTrue(PackedSymmetric.bytes(tooBig) > 8 * PackedSymmetric.MAX_ELEMENTS);
        PackedSymmetric.checkOrder(PackedSymmetric.MAX_N); // fits: no exception, nothing allocated
        for (int n : new int[] {tooBig, 100_000, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.zeros(n));
            assertTrue(e.getMessage().contains("n: " + n) && e.getMessage().contains(PackedSymmetric.bytes(n) + " bytes")
                    && e.getMessage().contains(String.valueOf(PackedSymmetric.MAX_ELEMENTS)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.zeros(0));
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.zeros(-1));
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.bytes(-1));
    }

    @Example
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.wrap(3, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.wrap(3, null));
        assertThrows(IllegalArgumentException.class, () -> PackedSymmetric.fromLower(DenseMatrix.zeros(2, 3)));
        PackedSymmetric h = PackedSymmetric.zeros(3);
        assertThrows(IndexOutOfBoundsException.class, () -> h.get(3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> h.set(0, -1, 1.0));
    }

    /** Parts cover the rows in order, respect the bounds on their count, and hold similar areas. */
    @Property(tries = 100)
    void rowPartsDependOnlyOnTheOrder(@ForAll @IntRange(min = 1, max = PackedSymmetric.MAX_N) int n) {
        int[] b = PartitionedSymmetricProduct.partBounds(n);
        int parts = b.length - 1;
        assertTrue(parts >= 1 && parts <= SymmetricProduct.MAX_PARTS, "parts " + parts);
        assertEquals(0, b[0]);
        assertEquals(n, b[parts]);
        for (int p = 0; p < parts; p++) {
            assertTrue(b[p] < b[p + 1], "empty part " + p + " of n = " + n);
            if (parts > 1) {
                long area = PackedSymmetric.packedLength(b[p + 1]) - PackedSymmetric.packedLength(b[p]);
                double even = (double) PackedSymmetric.packedLength(n) / parts;
                assertTrue(Math.abs(area - even) <= 0.05 * even + 2L * n, "part " + p + " of n = " + n + ": " + area);
            }
        }
        assertArrayEquals(b, PartitionedSymmetricProduct.partBounds(n));
    }
}
