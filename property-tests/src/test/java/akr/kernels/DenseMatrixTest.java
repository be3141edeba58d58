package akr.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseMatrixTest {

    @Test
    void viewsShareStorageAndIndexCorrectly() {
        DenseMatrix m = DenseMatrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        DenseMatrix v = m.view(1, 1, 2, 2);
        assertSame(m.data(), v.data());
        assertEquals(5, v.get(0, 0));
        assertEquals(9, v.get(1, 1));
        v.set(0, 1, -6);
        assertEquals(-6, m.get(1, 2));
        assertEquals(3, v.ld());
        assertFalse(v.isPacked());
        assertArrayEquals(new double[][] {{5, -6}, {8, 9}}, v.copy().toArray());
        assertArrayEquals(new double[][] {{1, 4, 7}, {2, 5, 8}}, m.cols(0, 2).transpose().toArray());
        assertEquals(2, m.rows(1, 2).rows());
        assertEquals(0, m.view(3, 3, 0, 0).rows());
    }

    @Test
    void constructorValidatesEveryArgument() {
        double[] d = new double[10];
        assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(null, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(d, 0, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(d, 0, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(d, 0, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(d, -1, 2, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DenseMatrix(d, 2, 3, 3, 3));
        assertTrue(e.getMessage().contains("needs 11"), e.getMessage());
        assertEquals(3, new DenseMatrix(d, 1, 3, 3, 3).rows());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(new double[][] {{1, 2}, {3}}));
        DenseMatrix m = DenseMatrix.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> m.view(1, 1, 2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.zeros(100000, 100000));
    }

    @Test
    void finitenessAndOverlap() {
        DenseMatrix m = DenseMatrix.zeros(3, 4);
        assertNull(m.firstNonFinite());
        m.set(2, 1, Double.NaN);
        assertArrayEquals(new int[] {2, 1}, m.firstNonFinite());
        assertTrue(m.rows(0, 2).mayOverlap(m.rows(1, 2)));
        assertFalse(m.rows(0, 1).mayOverlap(m.rows(1, 2)));
        assertFalse(m.mayOverlap(DenseMatrix.zeros(3, 4)));
        assertEquals(1.0, DenseMatrix.identity(3).get(2, 2));
    }
}
