package akr.solvers.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Defaults printed as a user types them, and read back as the same number. */
class FormatsTest {

    @Test
    void compactDropsTheJavaDecorations() {
        assertEquals("1e-10", Formats.compact(1e-10));
        assertEquals("1.5e-10", Formats.compact(1.5e-10));
        assertEquals("0", Formats.compact(0));
        assertEquals("300", Formats.compact(300));
        assertEquals("0.01", Formats.compact(0.01));
        assertEquals("1e7", Formats.compact(1e7));
    }

    @Test
    void compactParsesBackToTheSameDouble() {
        for (double v : new double[] {1e-10, 1.5e-10, 0, 300, 0.01, 1e7, 2.5e-3, 1.0 / 3, Double.MIN_VALUE}) {
            assertEquals(v, Double.parseDouble(Formats.compact(v)), Formats.compact(v));
        }
    }
}
