package akr.solvers.attention;

import akr.kernels.Kernels;
import akr.solvers.iterative.ProgressListener;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Options of an attention-kernel solve: immutable, made by {@link #builder()} or
 * {@link #toBuilder()}; every setter checks its value at once.
 *
 * <p>Defaults ({@link #defaults()}): ridge 0, route AUTO (the fastest of dense, materialised and
 * matrix-free that fits the memory budget: see {@link Route}), preconditioner AUTO (randomly pivoted
 * Cholesky of adaptive rank, or Jacobi on a flat spectrum: see {@link Preconditioner#AUTO}), tolerance
 * {@value #DEFAULT_TOLERANCE}, {@value #DEFAULT_MAX_ITERATIONS} iterations, seed
 * {@value #DEFAULT_SEED}, the kernel context {@link Kernels#defaults()}, no listener. Four values
 * are absent unless set, and then follow a rule:
 * <ul>
 *   <li>rank k of the low-rank preconditioners: randomly pivoted Cholesky grows k block by block
 *       until its residual is flat or at the level of the ridge, at most {@value #DEFAULT_MAX_RANK}
 *       and within the memory budget, and is doubled while PCG converges too slowly
 *       ({@link RankStop} says why it stopped); the sketch
 *       preconditioner uses {@value #DEFAULT_RANK} features ({@link #effectiveRank});</li>
 *   <li>Taylor degree q of the sketch preconditioner: from the row norms
 *       ({@link ExpTaylorFeatures#defaultDegree});</li>
 *   <li>shift μ of the low-rank preconditioners: the mean diagonal of G the factor misses
 *       (see {@link RpCholeskyPreconditioner}, {@link ExpTaylorFeatures#defaultShift});</li>
 *   <li>the memory budget: the bytes a solve may spend on its large structures (the n×n matrix of
 *       the dense and materialised routes, the preconditioner's n×k factor, the blocks of PCG
 *       vectors): half of the JVM's maximum heap ({@link #effectiveMemoryLimit}).</li>
 * </ul>
 *
 * <p>The kernel context is the caller's: a solve runs every kernel on it and never closes it.
 */
public final class AttentionOptions {

    /** Rank of the low-rank preconditioners when none is given (capped at n). */
    public static final int DEFAULT_RANK = 512;
    /** Largest rank the adaptive randomly pivoted Cholesky grows to when no rank is set. */
    public static final int DEFAULT_MAX_RANK = 4096;
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** PCG's iteration limit per column (GPyTorch's CG limit): hard kernels need hundreds of iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    public static final long DEFAULT_SEED = 1;

    private static final AttentionOptions DEFAULTS = new Builder().build();

    private final double ridge;
    private final Route route;
    private final Preconditioner preconditioner;
    private final OptionalInt rank;
    private final OptionalInt sketchDegree;
    private final OptionalDouble shift;
    private final double tolerance;
    private final int maxIterations;
    private final long seed;
    private final Kernels kernels;
    private final ProgressListener listener;
    private final OptionalLong memoryLimitBytes;

    private AttentionOptions(Builder b) {
        this.ridge = b.ridge;
        this.route = b.route;
        this.preconditioner = b.preconditioner;
        this.rank = b.rank;
        this.sketchDegree = b.sketchDegree;
        this.shift = b.shift;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
        this.kernels = b.kernels == null ? Kernels.defaults() : b.kernels;
        this.listener = b.listener;
        this.memoryLimitBytes = b.memoryLimitBytes;
    }

    public static AttentionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ridge = ridge;
        b.route = route;
        b.preconditioner = preconditioner;
        b.rank = rank;
        b.sketchDegree = sketchDegree;
        b.shift = shift;
        b.tolerance = tolerance;
        b.maxIterations = maxIterations;
        b.seed = seed;
        b.kernels = kernels;
        b.listener = listener;
        b.memoryLimitBytes = memoryLimitBytes;
        return b;
    }

    /** λ ≥ 0 of (K + λI)x = b. */
    public double ridge() {
        return ridge;
    }

    /** How the kernel is applied: dense, materialised, matrix-free, or AUTO (see {@link Route}). */
    public Route route() {
        return route;
    }

    /** How PCG is preconditioned (unused by the dense route). */
    public Preconditioner preconditioner() {
        return preconditioner;
    }

    /** Rank k of the low-rank preconditioners, if set. */
    public OptionalInt rank() {
        return rank;
    }

    /** Taylor degree q of the sketch preconditioner, if set. */
    public OptionalInt sketchDegree() {
        return sketchDegree;
    }

    /** Shift μ &gt; 0 of the low-rank preconditioners, if set. */
    public OptionalDouble shift() {
        return shift;
    }

    /** Target for the recomputed ‖(K + λI)x − b‖/‖b‖, in (0, 1). */
    public double tolerance() {
        return tolerance;
    }

    /** Limit on PCG iterations, refinement rounds included. */
    public int maxIterations() {
        return maxIterations;
    }

    /** Seed of the preconditioners' counter-based randomness. */
    public long seed() {
        return seed;
    }

    /** The kernel context (tier and executor) every part of the solve runs on. */
    public Kernels kernels() {
        return kernels;
    }

    /** Told about every PCG iteration. */
    public ProgressListener listener() {
        return listener;
    }

    /** The memory budget in bytes, if set (see {@link #effectiveMemoryLimit}). */
    public OptionalLong memoryLimitBytes() {
        return memoryLimitBytes;
    }

    /**
     * The rank of the sketch preconditioner for n points, and the fixed rank of randomly pivoted
     * Cholesky when one is set: the set rank or {@value #DEFAULT_RANK}, at most n.
     */
    public int effectiveRank(int n) {
        return Math.min(n, rank.orElse(DEFAULT_RANK));
    }

    /**
     * The memory budget in bytes: the set one, or half of the JVM's maximum heap. A route whose n×n
     * matrix does not fit is not taken (AUTO) or refused (when asked for); the preconditioner's
     * factor and the PCG vectors share what is left.
     */
    public long effectiveMemoryLimit() {
        return memoryLimitBytes.orElseGet(() -> Runtime.getRuntime().maxMemory() / 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionOptions other
                && Double.compare(ridge, other.ridge) == 0
                && route == other.route
                && preconditioner == other.preconditioner
                && rank.equals(other.rank)
                && sketchDegree.equals(other.sketchDegree)
                && shift.equals(other.shift)
                && Double.compare(tolerance, other.tolerance) == 0
                && maxIterations == other.maxIterations
                && seed == other.seed
                && kernels.equals(other.kernels)
                && listener.equals(other.listener)
                && memoryLimitBytes.equals(other.memoryLimitBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ridge, route, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, seed, kernels,
                listener, memoryLimitBytes);
    }

    @Override
    public String toString() {
        return "AttentionOptions[ridge=" + ridge + ", route=" + route.key() + ", preconditioner=" + preconditioner.key()
                + ", rank=" + (rank.isPresent() ? rank.getAsInt() : "auto")
                + ", sketchDegree=" + (sketchDegree.isPresent() ? sketchDegree.getAsInt() : "auto")
                + ", shift=" + (shift.isPresent() ? shift.getAsDouble() : "auto")
                + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", seed=" + seed
                + ", kernels=" + kernels
                + ", memoryLimitBytes=" + (memoryLimitBytes.isPresent() ? memoryLimitBytes.getAsLong() : "auto") + "]";
    }

    /** Builds {@link AttentionOptions}; starts from the defaults. Setters reject bad values at once. */
    public static final class Builder {
        private double ridge = 0;
        private Route route = Route.AUTO;
        private Preconditioner preconditioner = Preconditioner.AUTO;
        private OptionalInt rank = OptionalInt.empty();
        private OptionalInt sketchDegree = OptionalInt.empty();
        private OptionalDouble shift = OptionalDouble.empty();
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private long seed = DEFAULT_SEED;
        private Kernels kernels; // null: Kernels.defaults(), looked up when built
        private ProgressListener listener = ProgressListener.NONE;
        private OptionalLong memoryLimitBytes = OptionalLong.empty();

        private Builder() {
        }

        /** λ ≥ 0, finite. */
        public Builder ridge(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("ridge: " + v + " (must be finite and >= 0)");
            }
            ridge = v;
            return this;
        }

        public Builder route(Route v) {
            if (v == null) {
                throw new IllegalArgumentException("route must not be null");
            }
            route = v;
            return this;
        }

        public Builder preconditioner(Preconditioner v) {
            if (v == null) {
                throw new IllegalArgumentException("preconditioner must not be null");
            }
            preconditioner = v;
            return this;
        }

        /** A fixed rank k ≥ 1 of the low-rank preconditioners (capped at n when used). */
        public Builder rank(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("rank: " + v + " (must be >= 1)");
            }
            rank = OptionalInt.of(v);
            return this;
        }

        /**
         * The rank rule: randomly pivoted Cholesky adapts its rank (at most
         * {@value AttentionOptions#DEFAULT_MAX_RANK}), the sketch uses {@value AttentionOptions#DEFAULT_RANK}.
         */
        public Builder autoRank() {
            rank = OptionalInt.empty();
            return this;
        }

        /** Taylor degree q of the sketch preconditioner, in [1, {@value ExpTaylorFeatures#MAX_DEGREE}]. */
        public Builder sketchDegree(int v) {
            if (v < 1 || v > ExpTaylorFeatures.MAX_DEGREE) {
                throw new IllegalArgumentException("sketch degree: " + v + " (must be in [1, "
                        + ExpTaylorFeatures.MAX_DEGREE + "])");
            }
            sketchDegree = OptionalInt.of(v);
            return this;
        }

        /** The degree rule of {@link ExpTaylorFeatures#defaultDegree}. */
        public Builder autoSketchDegree() {
            sketchDegree = OptionalInt.empty();
            return this;
        }

        /** Shift μ &gt; 0, finite, of the low-rank preconditioners. */
        public Builder shift(double v) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("shift mu: " + v + " (must be finite and > 0)");
            }
            shift = OptionalDouble.of(v);
            return this;
        }

        /** The shift rule of the preconditioner (the mean diagonal its factor misses). */
        public Builder autoShift() {
            shift = OptionalDouble.empty();
            return this;
        }

        /** Target relative residual, in (0, 1). */
        public Builder tolerance(double v) {
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("tolerance: " + v + " (must be in (0, 1))");
            }
            tolerance = v;
            return this;
        }

        /** PCG iteration limit ≥ 1, refinement rounds included. */
        public Builder maxIterations(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("max iterations: " + v + " (must be >= 1)");
            }
            maxIterations = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The kernel context of the solve; the caller keeps it and closes it when done. */
        public Builder kernels(Kernels v) {
            if (v == null) {
                throw new IllegalArgumentException("kernels must not be null");
            }
            kernels = v;
            return this;
        }

        /** Told about every iteration; null for none. */
        public Builder listener(ProgressListener v) {
            listener = v == null ? ProgressListener.NONE : v;
            return this;
        }

        /** The memory budget: bytes ≥ 1 the solve may spend on its large structures. */
        public Builder memoryLimitBytes(long v) {
            if (v < 1) {
                throw new IllegalArgumentException("memory limit: " + v + " bytes (must be >= 1)");
            }
            memoryLimitBytes = OptionalLong.of(v);
            return this;
        }

        /** The memory rule: half of the JVM's maximum heap. */
        public Builder autoMemoryLimit() {
            memoryLimitBytes = OptionalLong.empty();
            return this;
        }

        public AttentionOptions build() {
            return new AttentionOptions(this);
        }
    }
}
