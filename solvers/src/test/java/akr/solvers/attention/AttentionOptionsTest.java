package akr.solvers.attention;

import akr.kernels.Kernels;
import akr.solvers.iterative.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options builder: documented defaults, absent values and their rules, rejection of bad values. */
class AttentionOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AttentionOptions o = AttentionOptions.defaults();
        assertEquals(0.0, o.ridge());
        assertEquals(Preconditioner.AUTO, o.preconditioner());
        assertEquals(OptionalInt.empty(), o.rank());
        assertEquals(OptionalInt.empty(), o.sketchDegree());
        assertEquals(OptionalDouble.empty(), o.shift());
        assertEquals(OptionalLong.empty(), o.memoryLimitBytes());
        assertEquals(1e-10, o.tolerance());
        assertEquals(1000, o.maxIterations());
        assertEquals(1L, o.seed());
        assertSame(Kernels.defaults(), o.kernels());
        assertSame(ProgressListener.NONE, o.listener());
        assertEquals(o, AttentionOptions.builder().build());
        assertEquals(o.hashCode(), AttentionOptions.builder().build().hashCode());
    }

    @Test
    void absentValuesFollowTheirRulesAndSetOnesWin() {
        AttentionOptions o = AttentionOptions.defaults();
        assertEquals(AttentionOptions.DEFAULT_RANK, o.effectiveRank(10_000));
        assertEquals(100, o.effectiveRank(100)); // capped at n
        assertEquals(Runtime.getRuntime().maxMemory() / 2, o.effectiveMemoryLimit());
        assertEquals(Route.AUTO, o.route());
        AttentionOptions set = o.toBuilder().rank(40).memoryLimitBytes(12345).sketchDegree(3).shift(0.25).build();
        assertEquals(40, set.effectiveRank(10_000));
        assertEquals(12345, set.effectiveMemoryLimit());
        assertEquals(OptionalInt.of(3), set.sketchDegree());
        assertEquals(OptionalDouble.of(0.25), set.shift());
        AttentionOptions cleared = set.toBuilder().autoRank().autoMemoryLimit().autoSketchDegree().autoShift().build();
        assertEquals(o, cleared);
    }

    @Test
    void toBuilderCopiesEveryValueAndBuiltOptionsDoNotChangeWithTheBuilder() {
        ProgressListener listener = (phase, iteration, residual) -> { };
        try (Kernels one = Kernels.defaults().withThreads(1)) {
            AttentionOptions.Builder b = AttentionOptions.builder().ridge(1e-3).preconditioner(Preconditioner.SKETCH)
                    .rank(64).sketchDegree(4).shift(0.5).tolerance(1e-8).maxIterations(77).seed(9).kernels(one)
                    .listener(listener).memoryLimitBytes(1 << 20);
            AttentionOptions o = b.build();
            assertEquals(o, o.toBuilder().build());
            b.ridge(2.0).rank(3).preconditioner(Preconditioner.NONE);
            assertEquals(1e-3, o.ridge());
            assertEquals(OptionalInt.of(64), o.rank());
            assertEquals(Preconditioner.SKETCH, o.preconditioner());
            assertSame(one, o.kernels());
            assertSame(listener, o.listener());
            assertEquals(77, o.maxIterations());
            assertEquals(9, o.seed());
            assertEquals(1e-8, o.tolerance());
            assertNotEquals(o, b.build());
            assertTrue(o.toString().contains("rank=64") && AttentionOptions.defaults().toString().contains("rank=auto"),
                    o.toString());
        }
        assertSame(ProgressListener.NONE, AttentionOptions.builder().listener(null).build().listener());
    }

    @Test
    void badValuesAreRejectedWithTheReason() {
        AttentionOptions.Builder b = AttentionOptions.builder();
        expect("ridge", () -> b.ridge(-1e-3));
        expect("ridge", () -> b.ridge(Double.NaN));
        expect("ridge", () -> b.ridge(Double.POSITIVE_INFINITY));
        expect("preconditioner", () -> b.preconditioner(null));
        expect("rank: 0", () -> b.rank(0));
        expect("rank: -3", () -> b.rank(-3));
        expect("sketch degree: 0", () -> b.sketchDegree(0));
        expect("sketch degree: " + (ExpTaylorFeatures.MAX_DEGREE + 1), () -> b.sketchDegree(ExpTaylorFeatures.MAX_DEGREE + 1));
        expect("shift mu", () -> b.shift(0));
        expect("shift mu", () -> b.shift(-1));
        expect("shift mu", () -> b.shift(Double.NaN));
        expect("shift mu", () -> b.shift(Double.POSITIVE_INFINITY));
        expect("tolerance", () -> b.tolerance(0));
        expect("tolerance", () -> b.tolerance(1));
        expect("max iterations", () -> b.maxIterations(0));
        expect("kernels", () -> b.kernels(null));
        expect("memory limit", () -> b.memoryLimitBytes(0));
        // the failed calls left the builder at the defaults
        assertEquals(AttentionOptions.defaults(), b.build());
    }

    private static void expect(String inMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(inMessage), "'" + inMessage + "' not in: " + e.getMessage());
    }
}
