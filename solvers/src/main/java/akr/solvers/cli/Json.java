package akr.solvers.cli;

import java.util.Locale;

/** A minimal writer of one flat JSON object (strings, numbers, booleans, nested objects, int arrays). */
final class Json {

    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    private Json key(String k) {
        if (!first) {
            sb.append(", ");
        }
        first = false;
        sb.append('"').append(escape(k)).append("\": ");
        return this;
    }

    Json put(String k, String v) {
        key(k).sb.append('"').append(escape(v)).append('"');
        return this;
    }

    Json put(String k, long v) {
        key(k).sb.append(v);
        return this;
    }

    Json put(String k, boolean v) {
        key(k).sb.append(v);
        return this;
    }

    /** Non-finite numbers become null (JSON has no NaN). */
    Json put(String k, double v) {
        key(k).sb.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null");
        return this;
    }

    Json put(String k, int[] v) {
        key(k).sb.append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        sb.append(']');
        return this;
    }

    Json put(String k, Json nested) {
        key(k).sb.append(nested);
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
