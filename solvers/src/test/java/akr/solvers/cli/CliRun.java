package akr.solvers.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One {@link Main#run} with its exit code and captured output. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The text after {@code prefix} up to the next {@code end}, failing when the prefix is absent. */
    String after(String prefix, char end) {
        int i = out.indexOf(prefix);
        if (i < 0) {
            throw new AssertionError("'" + prefix + "' not in: " + out);
        }
        int from = i + prefix.length();
        int to = out.indexOf(end, from);
        return out.substring(from, to < 0 ? out.length() : to);
    }
}
