package akr.bench;

import akr.solvers.iterative.ProgressListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records the residual a solver reports per iteration through its {@link ProgressListener}, over
 * all its phases (PCG and its refinement sweeps, LSQR and its refinement, the stages of a power
 * solve) in the order they ran, and prints it as one line of the report's trace format:
 * <pre>{"trace": ID, "title": TEXT, "label": TEXT, "residuals": [r_1, r_2, ...],
 *  "phases": [{"phase": NAME, "start": INDEX}, ...], ...extra fields}</pre>
 * {@code residuals[i]} is the estimate after iteration i + 1; {@code start} is the index of a phase's
 * first iteration. Non-finite values are written as null. Non-ASCII characters are escaped, so the
 * line is the same whatever the JVM's output encoding. {@code bench/report/report.py collect} keeps
 * such lines as traces and the report draws one semilog figure per {@code trace}.
 */
public final class TraceRecorder implements ProgressListener {

    private final List<Double> residuals = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private String current;

    @Override
    public void onIteration(String phase, int iteration, double residual) {
        if (!phase.equals(current) || iteration == 1) {
            phases.add(phase);
            starts.add(residuals.size());
            current = phase;
        }
        residuals.add(residual);
    }

    /** Iterations recorded so far, over all phases. */
    public int size() {
        return residuals.size();
    }

    /**
     * The trace as one JSON line.
     *
     * @param extra further fields (String, Number or Boolean values), e.g. the final recomputed residual
     */
    public String json(String trace, String title, String label, Map<String, ?> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", trace);
        m.put("title", title);
        m.put("label", label);
        m.putAll(extra);
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            sb.append(BenchEnvironment.quote(e.getKey())).append(": ").append(value(e.getValue())).append(", ");
        }
        sb.append("\"residuals\": [");
        for (int i = 0; i < residuals.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(value(residuals.get(i)));
        }
        sb.append("], \"phases\": [");
        for (int i = 0; i < phases.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"phase\": ").append(BenchEnvironment.quote(phases.get(i)))
                    .append(", \"start\": ").append(starts.get(i)).append('}');
        }
        return sb.append("]}").toString();
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6e", d) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return BenchEnvironment.quote(v.toString());
    }
}
