package akr.solvers.power;

import akr.kernels.Kernels;
import akr.solvers.iterative.ProgressListener;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Options of a power solve; immutable, made by {@link #builder()} or changed by
 * {@link #toBuilder()}. Every option has a value: an option not set is the default below, and
 * the sketch rows, when not set, are the sketch kind's {@link SketchKind#defaultRows default}
 * for the problem's shape ({@link #sketchRows(int, int)} resolves them).
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>valid</th></tr>
 *   <tr><td>sketch</td><td>{@link SketchKind#SPARSE_SIGN}</td><td>not null</td></tr>
 *   <tr><td>sketchRows</td><td>the kind's default (4d; 2d² for CountSketch; at most n)</td><td>≥ 1 when set; in [d, n] at the solve</td></tr>
 *   <tr><td>method</td><td>{@link Method#AUTO}</td><td>not null</td></tr>
 *   <tr><td>tolerance</td><td>{@value #DEFAULT_TOLERANCE}</td><td>(0, 1): the recomputed relative
 *       (or, for lstsq-power, normal-equation) residual to reach</td></tr>
 *   <tr><td>maxIterations</td><td>{@value #DEFAULT_MAX_ITERATIONS}</td><td>≥ 1, per stage</td></tr>
 *   <tr><td>seed</td><td>{@value #DEFAULT_SEED}</td><td>any: seeds the sketch's counter-based randomness</td></tr>
 *   <tr><td>kernels</td><td>{@link Kernels#defaults()}</td><td>not null; the caller keeps ownership
 *       (a context made by {@link Kernels#withThreads} is closed by whoever made it)</td></tr>
 *   <tr><td>listener</td><td>{@link ProgressListener#NONE}</td><td>not null; told about every iteration</td></tr>
 * </table>
 *
 * <p>The builder checks each value when it is set and throws {@link IllegalArgumentException}
 * naming the option, so {@link Builder#build()} never fails.
 */
public final class PowerOptions {

    public static final double DEFAULT_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    public static final long DEFAULT_SEED = 1L;

    private static final PowerOptions DEFAULTS = new Builder().build();

    private final SketchKind sketch;
    private final OptionalInt sketchRows;
    private final Method method;
    private final double tolerance;
    private final int maxIterations;
    private final long seed;
    private final Kernels kernels; // null: Kernels.defaults(), resolved when asked (its tier probe costs a cold JVM time)
    private final ProgressListener listener;

    private PowerOptions(Builder b) {
        this.sketch = b.sketch;
        this.sketchRows = b.sketchRows;
        this.method = b.method;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
        this.kernels = b.kernels;
        this.listener = b.listener;
    }

    /** Every option at its default. */
    public static PowerOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public SketchKind sketch() {
        return sketch;
    }

    /** The sketch rows as set, empty for the sketch kind's default. */
    public OptionalInt sketchRows() {
        return sketchRows;
    }

    /**
     * The sketch rows m for an n×d matrix A: as set, or the sketch kind's default.
     *
     * @throws IllegalArgumentException when m was set outside [d, n]
     */
    public int sketchRows(int n, int d) {
        if (sketchRows.isEmpty()) {
            return sketch.defaultRows(n, d);
        }
        int m = sketchRows.getAsInt();
        if (m < d || m > n) {
            throw new IllegalArgumentException("sketch rows m = " + m + " must lie in [d, n] = [" + d + ", " + n + "]");
        }
        return m;
    }

    public Method method() {
        return method;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public long seed() {
        return seed;
    }

    /** The kernel context every part of the solve runs on. */
    public Kernels kernels() {
        return kernels == null ? Kernels.defaults() : kernels;
    }

    public ProgressListener listener() {
        return listener;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerOptions p && sketch == p.sketch && sketchRows.equals(p.sketchRows)
                && method == p.method && Double.compare(tolerance, p.tolerance) == 0
                && maxIterations == p.maxIterations && seed == p.seed && kernels() == p.kernels()
                && listener == p.listener;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sketch, sketchRows, method, tolerance, maxIterations, seed,
                System.identityHashCode(kernels()), System.identityHashCode(listener));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PowerOptions[sketch=%s, sketchRows=%s, method=%s, tolerance=%s,"
                        + " maxIterations=%d, seed=%d, kernels=%s]", sketch.key(),
                sketchRows.isEmpty() ? "default" : Integer.toString(sketchRows.getAsInt()), method.key(), tolerance,
                maxIterations, seed, kernels());
    }

    /** Collects options; each setter checks its value. */
    public static final class Builder {
        private SketchKind sketch = SketchKind.SPARSE_SIGN;
        private OptionalInt sketchRows = OptionalInt.empty();
        private Method method = Method.AUTO;
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private long seed = DEFAULT_SEED;
        private Kernels kernels; // null: Kernels.defaults()
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {
        }

        private Builder(PowerOptions o) {
            sketch = o.sketch;
            sketchRows = o.sketchRows;
            method = o.method;
            tolerance = o.tolerance;
            maxIterations = o.maxIterations;
            seed = o.seed;
            kernels = o.kernels;
            listener = o.listener;
        }

        public Builder sketch(SketchKind k) {
            sketch = notNull("sketch", k);
            return this;
        }

        /** Sketch rows m ≥ 1 (checked against [d, n] at the solve). */
        public Builder sketchRows(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("sketch rows: " + m + " (must be >= 1; leave unset for the"
                        + " sketch kind's default)");
            }
            sketchRows = OptionalInt.of(m);
            return this;
        }

        /** Back to the sketch kind's default rows. */
        public Builder defaultSketchRows() {
            sketchRows = OptionalInt.empty();
            return this;
        }

        public Builder method(Method m) {
            method = notNull("method", m);
            return this;
        }

        public Builder tolerance(double t) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("tolerance: " + t + " (must be in (0, 1))");
            }
            tolerance = t;
            return this;
        }

        public Builder maxIterations(int it) {
            if (it < 1) {
                throw new IllegalArgumentException("max iterations: " + it + " (must be >= 1)");
            }
            maxIterations = it;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder kernels(Kernels k) {
            kernels = notNull("kernels", k);
            return this;
        }

        public Builder listener(ProgressListener l) {
            listener = notNull("listener", l);
            return this;
        }

        public PowerOptions build() {
            return new PowerOptions(this);
        }

        private static <T> T notNull(String what, T value) {
            if (value == null) {
                throw new IllegalArgumentException(what + ": null");
            }
            return value;
        }
    }
}
