package akr.solvers.power;

import java.util.Locale;

/** The sketches a sketch-and-precondition solve can use (see docs/algorithms.md#sketches). */
public enum SketchKind {
    SRHT("srht"), SPARSE_SIGN("sparse-sign"), COUNTSKETCH("countsketch"), GAUSSIAN("gaussian");

    private final String key;

    SketchKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * Default sketch rows for d columns and n rows: 4d for SRHT, sparse sign and Gaussian
     * (subspace embedding with distortion ≈ 1/2), 2d² for CountSketch (its guarantee needs m of
     * order d²); at least d + 1 and at most n.
     */
    public int defaultRows(int n, int d) {
        long m = this == COUNTSKETCH ? 2L * d * d : 4L * d;
        m = Math.max(m, d + 1L);
        return (int) Math.min(m, n);
    }

    public static SketchKind parse(String s) {
        for (SketchKind k : values()) {
            if (k.key.equalsIgnoreCase(s.trim()) || k.name().equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("sketch '" + s + "' is not one of srht, sparse-sign, countsketch, gaussian");
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
