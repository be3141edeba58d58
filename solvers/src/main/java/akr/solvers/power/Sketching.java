package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;

/** Sketches [A | b] (or A) with the kernels' sketches. */
final class Sketching {

    private Sketching() {
    }

    /**
     * S·[A | b] as an m×(d+1) matrix when b is given, else S·A (m×d), with one sketch S drawn from
     * {@code seed}.
     */
    static DenseMatrix sketch(SketchKind kind, int m, long seed, DenseMatrix a, double[] b, ParallelExecutor ex) {
        throw new UnsupportedOperationException("sketching is wired in with the sketch kernels");
    }
}
