package akr.solvers.power;

import akr.solvers.iterative.ProgressListener;

/**
 * Options of a power solve; immutable, with {@code with*} copies. Defaults: sparse-sign sketch
 * with the kind's default rows, method AUTO, tolerance 1e-10, 200 iterations per stage, seed 1,
 * the shared thread pool, no listener.
 *
 * @param sketch     sketch kind
 * @param sketchRows sketch rows m, or 0 for {@link SketchKind#defaultRows}
 * @param method     solution method
 * @param tolerance  target for the recomputed relative residual (gram-power, consistent
 *                   lstsq-power) or normal-equation residual (lstsq-power); in (0, 1)
 * @param maxIterations iteration limit per stage (≥ 1)
 * @param seed       seed of the sketch's counter-based randomness
 * @param threads    threads for this solve, or 0 for the library's shared pool
 * @param listener   told about every iteration
 */
public record PowerOptions(SketchKind sketch, int sketchRows, Method method, double tolerance, int maxIterations,
                           long seed, int threads, ProgressListener listener) {

    public PowerOptions {
        if (sketch == null || method == null) {
            throw new IllegalArgumentException("sketch and method must not be null");
        }
        if (sketchRows < 0) {
            throw new IllegalArgumentException("sketch rows: " + sketchRows + " (must be >= 0; 0 = default)");
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
        if (listener == null) {
            listener = ProgressListener.NONE;
        }
    }

    public static PowerOptions defaults() {
        return new PowerOptions(SketchKind.SPARSE_SIGN, 0, Method.AUTO, 1e-10, 200, 1L, 0, ProgressListener.NONE);
    }

    public PowerOptions withSketch(SketchKind k) {
        return new PowerOptions(k, sketchRows, method, tolerance, maxIterations, seed, threads, listener);
    }

    public PowerOptions withSketchRows(int m) {
        return new PowerOptions(sketch, m, method, tolerance, maxIterations, seed, threads, listener);
    }

    public PowerOptions withMethod(Method m) {
        return new PowerOptions(sketch, sketchRows, m, tolerance, maxIterations, seed, threads, listener);
    }

    public PowerOptions withTolerance(double t) {
        return new PowerOptions(sketch, sketchRows, method, t, maxIterations, seed, threads, listener);
    }

    public PowerOptions withMaxIterations(int it) {
        return new PowerOptions(sketch, sketchRows, method, tolerance, it, seed, threads, listener);
    }

    public PowerOptions withSeed(long s) {
        return new PowerOptions(sketch, sketchRows, method, tolerance, maxIterations, s, threads, listener);
    }

    public PowerOptions withThreads(int t) {
        return new PowerOptions(sketch, sketchRows, method, tolerance, maxIterations, seed, t, listener);
    }

    public PowerOptions withListener(ProgressListener l) {
        return new PowerOptions(sketch, sketchRows, method, tolerance, maxIterations, seed, threads, l);
    }
}
