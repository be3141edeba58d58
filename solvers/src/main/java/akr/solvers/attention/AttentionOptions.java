package akr.solvers.attention;

import akr.solvers.iterative.ProgressListener;

/**
 * Options of an attention-kernel solve; immutable, with {@code with*} copies. Defaults: ridge 0,
 * preconditioner AUTO (randomly pivoted Cholesky, or Jacobi on a flat spectrum: see
 * {@link Preconditioner#AUTO}), rank 0 (= {@link #DEFAULT_RANK} capped at n),
 * sketch degree 0 (= the rule of {@link ExpTaylorFeatures#defaultDegree}), shift μ NaN (= the rule of
 * the preconditioner), tolerance 1e-10, 300 iterations, seed 1, the shared thread pool, no listener,
 * memory limit 0 (= three quarters of the JVM's maximum heap) for the direct route.
 *
 * @param ridge          λ ≥ 0 of (K + λI)x = b
 * @param preconditioner how PCG is preconditioned (or DIRECT)
 * @param rank           rank k of the low-rank preconditioners, 0 for the default
 * @param sketchDegree   Taylor degree q of the sketch preconditioner, 0 for the default rule
 * @param shift          μ &gt; 0 of the low-rank preconditioners, NaN for the default rule
 * @param tolerance      target for the recomputed ‖(K + λI)x − b‖/‖b‖, in (0, 1)
 * @param maxIterations  limit on PCG iterations (≥ 1), refinement sweeps included
 * @param seed           seed of the preconditioners' counter-based randomness
 * @param threads        threads for this solve, or 0 for the library's shared pool
 * @param listener       told about every iteration
 * @param memoryLimitBytes bytes the direct route may spend on the n×n matrix, 0 for the default
 */
public record AttentionOptions(double ridge, Preconditioner preconditioner, int rank, int sketchDegree, double shift,
                               double tolerance, int maxIterations, long seed, int threads, ProgressListener listener,
                               long memoryLimitBytes) {

    /** Rank of the low-rank preconditioners when none is given (capped at n). */
    public static final int DEFAULT_RANK = 512;

    public AttentionOptions {
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge: " + ridge + " (must be finite and >= 0)");
        }
        if (preconditioner == null) {
            throw new IllegalArgumentException("preconditioner must not be null");
        }
        if (rank < 0) {
            throw new IllegalArgumentException("rank: " + rank + " (must be >= 0; 0 = default)");
        }
        if (sketchDegree < 0 || sketchDegree > ExpTaylorFeatures.MAX_DEGREE) {
            throw new IllegalArgumentException("sketch degree: " + sketchDegree + " (must be in [0, "
                    + ExpTaylorFeatures.MAX_DEGREE + "]; 0 = default)");
        }
        if (!Double.isNaN(shift) && !(shift > 0 && Double.isFinite(shift))) {
            throw new IllegalArgumentException("shift mu: " + shift + " (must be > 0, or NaN for the default)");
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance: " + tolerance + " (must be in (0, 1))");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations: " + maxIterations + " (must be >= 1)");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads: " + threads + " (must be >= 0; 0 = shared pool)");
        }
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memory limit: " + memoryLimitBytes + " (must be >= 0; 0 = default)");
        }
        if (listener == null) {
            listener = ProgressListener.NONE;
        }
    }

    public static AttentionOptions defaults() {
        return new AttentionOptions(0.0, Preconditioner.AUTO, 0, 0, Double.NaN, 1e-10, 300, 1L, 0,
                ProgressListener.NONE, 0L);
    }

    /** The rank the low-rank preconditioners use for n points. */
    public int effectiveRank(int n) {
        return Math.min(n, rank == 0 ? DEFAULT_RANK : rank);
    }

    /** The memory limit of the direct route in bytes. */
    public long effectiveMemoryLimit() {
        return memoryLimitBytes == 0 ? Runtime.getRuntime().maxMemory() / 4 * 3 : memoryLimitBytes;
    }

    public AttentionOptions withRidge(double v) {
        return new AttentionOptions(v, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, seed,
                threads, listener, memoryLimitBytes);
    }

    public AttentionOptions withPreconditioner(Preconditioner v) {
        return new AttentionOptions(ridge, v, rank, sketchDegree, shift, tolerance, maxIterations, seed, threads,
                listener, memoryLimitBytes);
    }

    public AttentionOptions withRank(int v) {
        return new AttentionOptions(ridge, preconditioner, v, sketchDegree, shift, tolerance, maxIterations, seed,
                threads, listener, memoryLimitBytes);
    }

    public AttentionOptions withSketchDegree(int v) {
        return new AttentionOptions(ridge, preconditioner, rank, v, shift, tolerance, maxIterations, seed, threads,
                listener, memoryLimitBytes);
    }

    public AttentionOptions withShift(double v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, v, tolerance, maxIterations, seed,
                threads, listener, memoryLimitBytes);
    }

    public AttentionOptions withTolerance(double v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, v, maxIterations, seed,
                threads, listener, memoryLimitBytes);
    }

    public AttentionOptions withMaxIterations(int v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, tolerance, v, seed, threads,
                listener, memoryLimitBytes);
    }

    public AttentionOptions withSeed(long v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, v,
                threads, listener, memoryLimitBytes);
    }

    public AttentionOptions withThreads(int v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, seed,
                v, listener, memoryLimitBytes);
    }

    public AttentionOptions withListener(ProgressListener v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, seed,
                threads, v, memoryLimitBytes);
    }

    public AttentionOptions withMemoryLimitBytes(long v) {
        return new AttentionOptions(ridge, preconditioner, rank, sketchDegree, shift, tolerance, maxIterations, seed,
                threads, listener, v);
    }
}
