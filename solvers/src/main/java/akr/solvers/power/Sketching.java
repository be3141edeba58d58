package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.sketch.Sketch;

/** Sketches [A | b] (or A) with the sketches of a kernel context. */
final class Sketching {

    private Sketching() {
    }

    /**
     * S·[A | b] as an m×(d+1) matrix when b is given, else S·A (m×d), with one sketch S drawn from
     * {@code seed}.
     */
    static DenseMatrix sketch(SketchKind kind, int m, long seed, DenseMatrix a, double[] b, Kernels kernels) {
        Sketch s = kernels.sketch(kernelKind(kind), m, a.rows(), seed);
        DenseMatrix sa = s.apply(a);
        if (b == null) {
            return sa;
        }
        double[] sb = s.apply(b);
        int d = a.cols();
        DenseMatrix aug = DenseMatrix.zeros(m, d + 1);
        aug.cols(0, d).copyFrom(sa);
        for (int i = 0; i < m; i++) {
            aug.set(i, d, sb[i]);
        }
        return aug;
    }

    static Sketch.Kind kernelKind(SketchKind k) {
        return switch (k) {
            case SRHT -> Sketch.Kind.SRHT;
            case SPARSE_SIGN -> Sketch.Kind.SPARSE_SIGN;
            case COUNTSKETCH -> Sketch.Kind.COUNT_SKETCH;
            case GAUSSIAN -> Sketch.Kind.GAUSSIAN;
        };
    }
}
