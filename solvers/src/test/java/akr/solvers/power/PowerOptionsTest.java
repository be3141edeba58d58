package akr.solvers.power;

import akr.kernels.Kernels;
import akr.solvers.iterative.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options builder: documented defaults, copies, resolved sketch rows and clear errors. */
class PowerOptionsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        PowerOptions o = PowerOptions.defaults();
        assertEquals(SketchKind.SPARSE_SIGN, o.sketch());
        assertEquals(OptionalInt.empty(), o.sketchRows());
        assertEquals(Method.AUTO, o.method());
        assertEquals(1e-10, o.tolerance());
        assertEquals(200, o.maxIterations());
        assertEquals(1L, o.seed());
        assertSame(Kernels.defaults(), o.kernels());
        assertSame(ProgressListener.NONE, o.listener());
        assertEquals(o, PowerOptions.builder().build());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void builderSetsEveryOptionAndToBuilderCopies() {
        ProgressListener l = (phase, it, r) -> { };
        Kernels k = Kernels.of(akr.kernels.Tier.SCALAR);
        PowerOptions o = PowerOptions.builder().sketch(SketchKind.SRHT).sketchRows(50).method(Method.GD)
                .tolerance(1e-6).maxIterations(7).seed(99).kernels(k).listener(l).build();
        assertEquals(SketchKind.SRHT, o.sketch());
        assertEquals(OptionalInt.of(50), o.sketchRows());
        assertEquals(Method.GD, o.method());
        assertEquals(1e-6, o.tolerance());
        assertEquals(7, o.maxIterations());
        assertEquals(99L, o.seed());
        assertSame(k, o.kernels());
        assertSame(l, o.listener());
        PowerOptions p = o.toBuilder().method(Method.CHOLQR).build();
        assertEquals(Method.CHOLQR, p.method());
        assertEquals(Method.GD, o.method(), "the original is unchanged");
        assertEquals(o, p.toBuilder().method(Method.GD).build());
        assertNotEquals(o, p);
        assertEquals(OptionalInt.empty(), o.toBuilder().defaultSketchRows().build().sketchRows());
    }

    @Test
    void sketchRowsResolveToTheKindsDefaultOrTheSetValue() {
        assertEquals(4 * 10, PowerOptions.defaults().sketchRows(1000, 10));
        assertEquals(SketchKind.COUNTSKETCH.defaultRows(1000, 10),
                PowerOptions.builder().sketch(SketchKind.COUNTSKETCH).build().sketchRows(1000, 10));
        assertEquals(100, PowerOptions.defaults().sketchRows(100, 30), "at most n");
        assertEquals(17, PowerOptions.builder().sketchRows(17).build().sketchRows(1000, 10));
        assertMessage(() -> PowerOptions.builder().sketchRows(9).build().sketchRows(1000, 10), "[d, n] = [10, 1000]");
        assertMessage(() -> PowerOptions.builder().sketchRows(1001).build().sketchRows(1000, 10), "sketch rows m = 1001");
    }

    @Test
    void invalidValuesAreClearErrors() {
        PowerOptions.Builder b = PowerOptions.builder();
        assertMessage(() -> b.sketchRows(0), "sketch rows: 0");
        assertMessage(() -> b.sketchRows(-3), "sketch rows: -3");
        assertMessage(() -> b.tolerance(0), "tolerance: 0.0");
        assertMessage(() -> b.tolerance(1), "tolerance: 1.0");
        assertMessage(() -> b.tolerance(Double.NaN), "tolerance: NaN");
        assertMessage(() -> b.maxIterations(0), "max iterations: 0");
        assertMessage(() -> b.sketch(null), "sketch: null");
        assertMessage(() -> b.method(null), "method: null");
        assertMessage(() -> b.kernels(null), "kernels: null");
        assertMessage(() -> b.listener(null), "listener: null");
        assertEquals(PowerOptions.defaults(), b.build(), "a rejected value leaves the builder as it was");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
