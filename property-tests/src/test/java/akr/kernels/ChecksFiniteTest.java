package akr.kernels;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Checks#finite}: the one "must be finite" check, naming the argument and the first bad entry. */
class ChecksFiniteTest {

    @Test
    void scalarNamesTheValue() {
        assertDoesNotThrow(() -> Checks.finite("shift", -0.0));
        assertEquals("shift: NaN (must be finite)",
                assertThrows(IllegalArgumentException.class, () -> Checks.finite("shift", Double.NaN)).getMessage());
        assertEquals("shift: -Infinity (must be finite)",
                assertThrows(IllegalArgumentException.class,
                        () -> Checks.finite("shift", Double.NEGATIVE_INFINITY)).getMessage());
    }

    @Test
    void vectorNamesTheFirstBadEntry() {
        double[] v = {1, 2, Double.POSITIVE_INFINITY, 4, Double.NaN};
        assertEquals("b: entry 2 is Infinity (must be finite)",
                assertThrows(IllegalArgumentException.class, () -> Checks.finite("b", v)).getMessage());
        assertDoesNotThrow(() -> Checks.finite("b", v, 0, 2));
        assertEquals("b: entry 4 is NaN (must be finite)",
                assertThrows(IllegalArgumentException.class, () -> Checks.finite("b", v, 3, 5)).getMessage());
        assertDoesNotThrow(() -> Checks.finite("b", new double[0]));
    }

    @Test
    void matrixNamesTheFirstBadEntryInRowOrder() {
        for (int cols : new int[] {1, 3, 8, 65}) {
            DenseMatrix m = DenseMatrix.zeros(300, cols);
            assertDoesNotThrow(() -> Checks.finite("a", m));
            m.set(299, cols - 1, Double.NaN);
            m.set(171, 0, Double.POSITIVE_INFINITY);
            assertEquals("a: entry (171, 0) is Infinity (must be finite)",
                    assertThrows(IllegalArgumentException.class, () -> Checks.finite("a", m)).getMessage());
            assertEquals("a: entry (127, " + (cols - 1) + ") is NaN (must be finite)", // indices of the view
                    assertThrows(IllegalArgumentException.class, () -> Checks.finite("a", m.rows(172, 128)))
                            .getMessage());
        }
    }
}
