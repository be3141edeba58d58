package akr.solvers.cli;

import java.io.IOException;
import java.io.PrintStream;

/**
 * One {@code ./akr COMMAND}: {@link Main} finds it by {@link #name()}, lists it with
 * {@link #summary()} and runs it with the arguments after the name.
 */
interface Command {

    /** The word that selects the command on the command line. */
    String name();

    /** One line for {@code ./akr --help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @return the exit code: 0 success, 1 finished without converging, {@link Main#EXIT_USAGE} usage error
     * @throws IllegalArgumentException on a usage or input error (reported by {@link Main}, exit 2)
     */
    int run(String[] args, PrintStream out, PrintStream err) throws IOException;
}
