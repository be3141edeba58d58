package akr.kernels.simd;

import akr.kernels.blas1.Blas1;
import akr.kernels.blas1.Nrm2;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API level-1 BLAS. Unit-stride loops run four vector accumulators (4·LANES elements per
 * step) to hide FMA latency; strided vectors fall back to the scalar loops, since gathers cost more
 * than they save here.
 */
public final class SimdBlas1 extends Blas1 {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();

    public SimdBlas1(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected double dotK(int n, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        if (incX != 1 || incY != 1) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s = Math.fma(x[xOff + i * incX], y[yOff + i * incY], s);
            }
            return s;
        }
        return dotUnit(n, x, xOff, y, yOff);
    }

    /** Unit-stride dot product; also used by the other SIMD kernels. */
    static double dotUnit(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        int bound4 = n - 4 * L;
        for (; i <= bound4; i += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
        }
        for (; i <= n - L; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
        }
        double s = SimdSupport.sumLanes(a0.add(a1).add(a2.add(a3)), new double[L]);
        for (; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    protected void axpyK(int n, double alpha, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        if (incX != 1 || incY != 1) {
            for (int i = 0; i < n; i++) {
                y[yOff + i * incY] = Math.fma(alpha, x[xOff + i * incX], y[yOff + i * incY]);
            }
            return;
        }
        axpyUnit(n, alpha, x, xOff, y, yOff);
    }

    /** Unit-stride y ← αx + y. */
    static void axpyUnit(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - L; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).fma(va, DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    protected void scalK(int n, double alpha, double[] x, int xOff, int incX) {
        if (incX != 1) {
            for (int i = 0; i < n; i++) {
                x[xOff + i * incX] = alpha == 0 ? 0.0 : alpha * x[xOff + i * incX];
            }
            return;
        }
        if (alpha == 0) {
            java.util.Arrays.fill(x, xOff, xOff + n, 0.0);
            return;
        }
        int i = 0;
        for (; i <= n - L; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    protected double nrm2K(int n, double[] x, int xOff, int incX) {
        if (incX != 1) {
            return stridedNrm2(n, x, xOff, incX);
        }
        double s = dotUnit(n, x, xOff, x, xOff);
        if (Nrm2.accept(s)) {
            return Math.sqrt(s);
        }
        DoubleVector vmax = DoubleVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) {
            // max propagates NaN (Math.max semantics), so a NaN anywhere ends as NaN.
            vmax = vmax.max(DoubleVector.fromArray(S, x, xOff + i).abs());
        }
        double max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, Math.abs(x[xOff + i]));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        double scale = Nrm2.scaleFor(max);
        DoubleVector acc = DoubleVector.zero(S);
        i = 0;
        for (; i <= n - L; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xOff + i).mul(scale);
            acc = v.fma(v, acc);
        }
        s = SimdSupport.sumLanes(acc, new double[L]);
        for (; i < n; i++) {
            double a = x[xOff + i] * scale;
            s = Math.fma(a, a, s);
        }
        return Math.sqrt(s) / scale;
    }

    private static double stridedNrm2(int n, double[] x, int xOff, int incX) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double a = x[xOff + i * incX];
            s = Math.fma(a, a, s);
        }
        if (Nrm2.accept(s)) {
            return Math.sqrt(s);
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(x[xOff + i * incX]));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        double scale = Nrm2.scaleFor(max);
        s = 0;
        for (int i = 0; i < n; i++) {
            double a = x[xOff + i * incX] * scale;
            s = Math.fma(a, a, s);
        }
        return Math.sqrt(s) / scale;
    }
}
