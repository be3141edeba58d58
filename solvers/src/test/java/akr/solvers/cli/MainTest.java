package akr.solvers.cli;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./akr} itself: the command registry, its usage list and dispatch. */
class MainTest {

    @Test
    void theRegistryHoldsEveryCommandOnce() {
        List<String> names = Main.COMMANDS.stream().map(Command::name).toList();
        assertEquals(List.of("info", "demo", "solve", "predict"), names);
        Set<String> unique = new HashSet<>(names);
        assertEquals(names.size(), unique.size(), "a name registered twice: " + names);
    }

    @Test
    void usageListsEveryRegisteredCommandWithItsSummary() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        for (Command c : Main.COMMANDS) {
            assertTrue(!c.summary().isBlank() && !c.summary().contains("\n"), c.name() + ": one-line summary");
            String line = String.format("  %-10s%s", c.name(), c.summary());
            assertTrue(lines.contains(line), "'" + line + "' not in: " + r.out());
        }
        assertEquals(r.out(), CliRun.of("-h").out());
        assertEquals(r.out(), CliRun.of("help").out());
    }

    @Test
    void noArgumentsPrintsTheUsageOnStderrAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(Main.EXIT_USAGE, r.code());
        assertEquals("", r.out());
        assertEquals(CliRun.of("--help").out(), r.err());
    }

    @Test
    void everyRegisteredCommandIsReachedByItsName() {
        for (Command c : Main.COMMANDS) {
            CliRun r = CliRun.of(c.name(), "--help");
            assertEquals(0, r.code(), c.name() + ": " + r.err());
            assertTrue(r.out().startsWith("usage: ./akr " + c.name()), c.name() + ": " + r.out());
        }
    }

    @Test
    void anUnknownCommandExitsTwoNamingIt() {
        CliRun r = CliRun.of("frobnicate", "--help");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertEquals("akr: unknown command 'frobnicate' (try ./akr --help)", r.err().strip());
    }
}
