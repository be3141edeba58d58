package akr.solvers.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code akr} command-line program. {@code ./akr COMMAND [options]}; {@code ./akr --help} lists
 * the commands. Exit codes: 0 success, 1 finished without converging, 2 usage or input error.
 */
public final class Main {

    /** Exit code of a usage or input error. */
    public static final int EXIT_USAGE = 2;

    /** Every command, in the order {@code ./akr --help} lists them. */
    static final List<Command> COMMANDS = List.of(new InfoCommand(), new DemoCommand(), new SolveCommand(),
            new PredictCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit code (testable without exiting the JVM). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? EXIT_USAGE : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Command c = COMMANDS.stream().filter(k -> k.name().equals(command)).findFirst().orElse(null);
        if (c == null) {
            err.println("akr: unknown command '" + command + "' (try ./akr --help)");
            return EXIT_USAGE;
        }
        try {
            return c.run(rest, out, err);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            err.println("akr " + command + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (java.io.IOException e) {
            err.println("akr " + command + ": " + e);
            return EXIT_USAGE;
        } catch (java.io.UncheckedIOException e) { // a file read block by block during the solve
            err.println("akr " + command + ": " + e.getCause());
            return EXIT_USAGE;
        } catch (OutOfMemoryError e) {
            err.println("akr " + command + ": out of memory (" + e.getMessage() + "); raise -Xmx through JAVA_OPTS");
            return EXIT_USAGE;
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: ./akr COMMAND [options]");
        s.println();
        s.println("commands:");
        for (Command c : COMMANDS) {
            s.printf("  %-10s%s%n", c.name(), c.summary());
        }
        s.println();
        s.println("JVM properties (pass through JAVA_OPTS):");
        s.println("  -Dakr.kernels=simd|scalar|reference   force a kernel tier");
        s.println("  -Dakr.threads=N                       size of the library's thread pool");
    }
}
