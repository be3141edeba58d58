package akr.solvers.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} and {@code --flag}. Unknown options, a
 * missing value and repeated options are usage errors ({@link IllegalArgumentException}).
 */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param valued option names that take a value (without "--")
     * @param flagNames option names that take none
     */
    Args(String[] args, Set<String> valued, Set<String> flagNames) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flagNames.contains(name) && inline == null) {
                    flags.add(name);
                } else if (valued.contains(name)) {
                    String v = inline;
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("option --" + name + " needs a value");
                        }
                        v = args[++i];
                    }
                    if (values.put(name, v) != null) {
                        throw new IllegalArgumentException("option --" + name + " given twice");
                    }
                } else {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            } else {
                positional.add(a);
            }
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing required option --" + name);
        }
        return v;
    }

    List<String> positional() {
        return positional;
    }

    /** Rejects a bare argument where the command takes options only. */
    void requireNoPositional() {
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + positional.get(0) + "'");
        }
    }

    int intValue(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + v + ": not an integer");
        }
    }

    long longValue(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + v + ": not an integer");
        }
    }

    double doubleValue(String name, double dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + v + ": not a number");
        }
    }
}
