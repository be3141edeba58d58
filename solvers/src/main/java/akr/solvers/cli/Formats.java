package akr.solvers.cli;

/** Values printed the way a user types them on the command line. */
final class Formats {

    private Formats() {
    }

    /** A number as a user types it: 0, 1e-10, 0.5 (not 0.0, 1.0E-10); parses back to the same double. */
    static String compact(double v) {
        String s = Double.toString(v).replace(".0E", "e").replace("E", "e");
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
