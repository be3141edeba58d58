package akr.solvers.cli;

import akr.solvers.attention.AttentionOptions;
import akr.solvers.power.PowerOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code akr demo}: its options go through {@link Args}, its texts show the library's defaults. */
class DemoCommandTest {

    /** Each case fails while parsing, before any problem is built: exit 2, one line, nothing on stdout. */
    @Test
    void badOptionsExitTwoWithOneClearLine() {
        String[][] cases = {
            {"unknown option --frobnicate", "--frobnicate"},
            {"unknown option --frobnicate", "--rows", "400", "--frobnicate", "1"},
            {"option --rows needs a value", "--rows"},
            {"option --attention-rows needs a value", "--power-only", "--attention-rows"},
            {"--cols x: not an integer", "--cols", "x"},
            {"--attention-rows 1.5: not an integer", "--attention-rows", "1.5"},
            {"option --rows given twice", "--rows", "400", "--rows", "500"},
            {"unexpected argument 'extra'", "extra"},
            {"--attention-rows needs at least 2 points, got 1", "--attention-rows", "1"},
            {"--power-only and --attention-only exclude each other", "--power-only", "--attention-only"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "demo";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            CliRun r = CliRun.of(args);
            assertEquals(Main.EXIT_USAGE, r.code(), c[0] + ": " + r.err());
            assertEquals("akr demo: " + c[0], r.err().strip());
            assertEquals("", r.out(), c[0]);
        }
    }

    @Test
    void helpShowsTheDemoDefaults() {
        for (String h : new String[] {"--help", "-h"}) {
            CliRun r = CliRun.of("demo", "--rows", "400", h);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("usage: ./akr demo [--rows N]"), r.out());
            assertEquals(DemoCommand.ROWS + "x" + DemoCommand.COLS, r.after("(default A ", ')'));
            assertEquals(Integer.toString(DemoCommand.ATTENTION_ROWS), r.after("M = ", ' '));
            assertEquals(Integer.toString(DemoCommand.ATTENTION_COLS), r.after("for M x ", ' '));
            assertEquals(Integer.toString(DemoCommand.ATTENTION_MAX_ITER), r.after("(at most ", ' '));
        }
    }

    @Test
    void headersShowTheLibraryDefaults() {
        String power = DemoCommand.powerHeader(400, 4);
        PowerOptions p = PowerOptions.defaults();
        assertTrue(power.contains(", " + p.sketch().key() + " sketch of " + p.sketchRows(400, 4) + " rows,"), power);
        assertTrue(power.contains(", tolerance " + Formats.compact(PowerOptions.DEFAULT_TOLERANCE) + ","), power);
        String attention = DemoCommand.attentionHeader(4096, 64);
        assertTrue(attention.contains(", tolerance " + Formats.compact(AttentionOptions.DEFAULT_TOLERANCE) + ","),
                attention);
        assertTrue(attention.endsWith(", rpcholesky rank adaptive (at most " + AttentionOptions.DEFAULT_MAX_RANK + ")"),
                attention);
        assertTrue(DemoCommand.attentionHeader(64, 64).endsWith("(at most 64)"), "the rank is capped at n");
    }

    /** The crossover line names, for each size, the route AUTO takes under the given budget. */
    @Test
    void theCrossoverLineIsTheRouteAutoTakesAtEachSize() {
        AttentionOptions o = AttentionOptions.builder().memoryLimitBytes(4L << 30).build();
        String line = DemoCommand.crossovers(64, o);
        assertTrue(line.startsWith("auto's route by n (d = 64, memory budget 4.29 GB):"), line);
        for (int n : DemoCommand.CROSSOVER_SIZES) {
            String want = " " + n + " " + akr.solvers.attention.AttentionSolver.chooseRoute(n, 64, 1, o).key();
            assertTrue(line.contains(want + ",") || line.endsWith(want), want + " in " + line);
        }
        assertTrue(line.contains(" 500 dense") && line.endsWith(" 131072 matrix-free"), line);
    }

    /** A small demo end to end: both tables, their headers, and the tolerance read back as the default. */
    @Test
    void smallDemoPrintsBothTablesWithTheDefaults() {
        CliRun r = CliRun.of("demo", "--rows", "400", "--cols", "4", "--attention-rows", "64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(DemoCommand.powerHeader(400, 4) + "\n"), r.out());
        assertTrue(r.out().contains("\n" + DemoCommand.attentionHeader(64, DemoCommand.ATTENTION_COLS) + "\n"), r.out());
        assertEquals(PowerOptions.DEFAULT_TOLERANCE, Double.parseDouble(r.after("akr demo: ", '\n')
                .replaceAll(".*tolerance ([^,]+),.*", "$1")));
        assertTrue(r.out().contains("lstsq-power j=0") && r.out().contains("randn/sqrt(d) lambda=1e-02"), r.out());

        CliRun powerOnly = CliRun.of("demo", "--rows", "400", "--cols", "4", "--power-only");
        assertEquals(0, powerOnly.code(), powerOnly.err());
        assertTrue(powerOnly.out().contains("gram-power j=2"), powerOnly.out());
        assertFalse(powerOnly.out().contains("attention kernel regression"), powerOnly.out());
    }
}
