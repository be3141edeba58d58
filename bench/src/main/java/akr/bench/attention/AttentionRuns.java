package akr.bench.attention;

import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link AttentionAccuracy} and {@link AttentionTraces} share: the (route, preconditioner)
 * pairs of their {@code --route} and {@code --precond} lists, and the fields each records about a
 * solve.
 */
final class AttentionRuns {

    private AttentionRuns() {
    }

    /** One solve to make: the route and preconditioner asked for. */
    record Case(Route route, Preconditioner precond) {
    }

    /**
     * The pairs of the two lists, routes outermost; the dense route once (with {@code auto}), since it
     * ignores the preconditioner. Pairs that make no sense otherwise are kept: the caller reports them
     * through {@link AttentionSolverBench#notApplicable}, which also knows the budget.
     */
    static List<Case> cases(String[] routes, String[] preconds) {
        List<Case> out = new ArrayList<>();
        for (String r : routes) {
            Route route = Route.parse(r);
            if (route == Route.DENSE) {
                out.add(new Case(route, Preconditioner.AUTO));
                continue;
            }
            for (String p : preconds) {
                out.add(new Case(route, Preconditioner.parse(p)));
            }
        }
        return out;
    }

    /** The preconditioner that ran, or "-" for the dense route. */
    static String preconditioner(AttentionResult r) {
        return r.preconditioner().map(Preconditioner::key).orElse("-");
    }

    /** Route, preconditioner, rank and why, memory held and the phase times of a solve, flat. */
    static Map<String, Object> fields(AttentionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("route", r.route().key());
        m.put("preconditioner", preconditioner(r));
        m.put("rank", r.rank());
        m.put("rank_stop", r.rankStop().key());
        m.put("memory_bytes", r.memoryBytes());
        m.put("matrix_seconds", r.timings().matrixSeconds());
        m.put("preconditioner_seconds", r.timings().preconditionerSeconds());
        m.put("iterate_seconds", r.timings().iterateSeconds());
        m.put("seconds", r.timings().totalSeconds());
        return m;
    }

    /** A JSON object of String, Number, Boolean, null or nested Map values (non-finite doubles as null). */
    static String json(Map<String, ?> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : m.entrySet()) {
            sb.append(sb.length() == 1 ? "" : ", ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> nested) {
            Map<String, Object> copy = new LinkedHashMap<>();
            nested.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return json(copy);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
