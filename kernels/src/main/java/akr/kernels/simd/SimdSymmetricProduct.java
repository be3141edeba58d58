package akr.kernels.simd;

import akr.kernels.driver.PartitionedSymmetricProduct;
import akr.kernels.packed.SymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API tile kernels for {@link SymmetricProduct}, vectorised along the row: each vector of
 * L_i feeds an FMA into every right-hand side's dot accumulator and an FMA into its partial vector.
 * One right-hand side uses two dot accumulators over two vectors per step (the dot's FMA latency
 * would otherwise bound the loop); groups of two to four use one each, which already gives two to
 * four independent chains. Lane sums through {@link SimdSupport#sumLanes}, once per row and tile; tails in scalar code.
 */
public final class SimdSymmetricProduct extends PartitionedSymmetricProduct {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();

    public SimdSymmetricProduct(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void tile(double[] l, int i0, int i1, int b0, int j0, int j1, int g, double[] x, int xOff, int xLd,
                        double[] acc, int accOff, int accLd, double[] dots, int dOff) {
        int d = dOff - b0;
        switch (g) {
            case 1 -> rows1(l, i0, i1, j0, j1, x, xOff, acc, accOff, dots, d);
            case 2 -> rows2(l, i0, i1, j0, j1, x, xOff, xOff + xLd, acc, accOff, accOff + accLd, dots, d);
            case 3 -> rows3(l, i0, i1, j0, j1, x, xOff, xLd, acc, accOff, accLd, dots, d);
            default -> rows4(l, i0, i1, j0, j1, x, xOff, xLd, acc, accOff, accLd, dots, d);
        }
    }

    private static void rows1(double[] l, int i0, int i1, int j0, int j1, double[] x, int xo, double[] a, int ao,
                              double[] dots, int d) {
        double[] lanes = new double[L];
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi = x[xo + i];
            DoubleVector vxi = DoubleVector.broadcast(S, xi);
            DoubleVector d0 = DoubleVector.zero(S);
            DoubleVector d1 = d0;
            int je = Math.min(j1, i);
            int nv2 = je - (je - j0) % (2 * L);
            int nv = je - (je - j0) % L;
            int j = j0;
            for (; j < nv2; j += 2 * L) {
                DoubleVector l0 = DoubleVector.fromArray(S, l, p + j);
                DoubleVector l1 = DoubleVector.fromArray(S, l, p + j + L);
                d0 = l0.fma(DoubleVector.fromArray(S, x, xo + j), d0);
                d1 = l1.fma(DoubleVector.fromArray(S, x, xo + j + L), d1);
                l0.fma(vxi, DoubleVector.fromArray(S, a, ao + j)).intoArray(a, ao + j);
                l1.fma(vxi, DoubleVector.fromArray(S, a, ao + j + L)).intoArray(a, ao + j + L);
            }
            if (j < nv) {
                DoubleVector l0 = DoubleVector.fromArray(S, l, p + j);
                d0 = l0.fma(DoubleVector.fromArray(S, x, xo + j), d0);
                l0.fma(vxi, DoubleVector.fromArray(S, a, ao + j)).intoArray(a, ao + j);
                j += L;
            }
            double dot = SimdSupport.sumLanes(d0.add(d1), lanes);
            for (; j < je; j++) {
                dot = Math.fma(l[p + j], x[xo + j], dot);
                a[ao + j] = Math.fma(l[p + j], xi, a[ao + j]);
            }
            dots[d + i] += dot;
        }
    }

    private static void rows2(double[] l, int i0, int i1, int j0, int j1, double[] x, int x0, int x1, double[] a,
                              int a0, int a1, double[] dots, int d) {
        double[] lanes = new double[L];
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi0 = x[x0 + i], xi1 = x[x1 + i];
            DoubleVector v0 = DoubleVector.broadcast(S, xi0);
            DoubleVector v1 = DoubleVector.broadcast(S, xi1);
            DoubleVector d0 = DoubleVector.zero(S);
            DoubleVector d1 = d0;
            int je = Math.min(j1, i);
            int nv = je - (je - j0) % L;
            int j = j0;
            for (; j < nv; j += L) {
                DoubleVector lv = DoubleVector.fromArray(S, l, p + j);
                d0 = lv.fma(DoubleVector.fromArray(S, x, x0 + j), d0);
                d1 = lv.fma(DoubleVector.fromArray(S, x, x1 + j), d1);
                lv.fma(v0, DoubleVector.fromArray(S, a, a0 + j)).intoArray(a, a0 + j);
                lv.fma(v1, DoubleVector.fromArray(S, a, a1 + j)).intoArray(a, a1 + j);
            }
            double s0 = SimdSupport.sumLanes(d0, lanes);
            double s1 = SimdSupport.sumLanes(d1, lanes);
            for (; j < je; j++) {
                double lj = l[p + j];
                s0 = Math.fma(lj, x[x0 + j], s0);
                s1 = Math.fma(lj, x[x1 + j], s1);
                a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
            }
            dots[d + i] += s0;
            dots[d + BLOCK_ROWS + i] += s1;
        }
    }

    private static void rows3(double[] l, int i0, int i1, int j0, int j1, double[] x, int xOff, int xLd,
                              double[] a, int aOff, int aLd, double[] dots, int d) {
        double[] lanes = new double[L];
        int x0 = xOff, x1 = xOff + xLd, x2 = xOff + 2 * xLd;
        int a0 = aOff, a1 = aOff + aLd, a2 = aOff + 2 * aLd;
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi0 = x[x0 + i], xi1 = x[x1 + i], xi2 = x[x2 + i];
            DoubleVector v0 = DoubleVector.broadcast(S, xi0);
            DoubleVector v1 = DoubleVector.broadcast(S, xi1);
            DoubleVector v2 = DoubleVector.broadcast(S, xi2);
            DoubleVector d0 = DoubleVector.zero(S);
            DoubleVector d1 = d0;
            DoubleVector d2 = d0;
            int je = Math.min(j1, i);
            int nv = je - (je - j0) % L;
            int j = j0;
            for (; j < nv; j += L) {
                DoubleVector lv = DoubleVector.fromArray(S, l, p + j);
                d0 = lv.fma(DoubleVector.fromArray(S, x, x0 + j), d0);
                d1 = lv.fma(DoubleVector.fromArray(S, x, x1 + j), d1);
                d2 = lv.fma(DoubleVector.fromArray(S, x, x2 + j), d2);
                lv.fma(v0, DoubleVector.fromArray(S, a, a0 + j)).intoArray(a, a0 + j);
                lv.fma(v1, DoubleVector.fromArray(S, a, a1 + j)).intoArray(a, a1 + j);
                lv.fma(v2, DoubleVector.fromArray(S, a, a2 + j)).intoArray(a, a2 + j);
            }
            double s0 = SimdSupport.sumLanes(d0, lanes);
            double s1 = SimdSupport.sumLanes(d1, lanes);
            double s2 = SimdSupport.sumLanes(d2, lanes);
            for (; j < je; j++) {
                double lj = l[p + j];
                s0 = Math.fma(lj, x[x0 + j], s0);
                s1 = Math.fma(lj, x[x1 + j], s1);
                s2 = Math.fma(lj, x[x2 + j], s2);
                a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
                a[a2 + j] = Math.fma(lj, xi2, a[a2 + j]);
            }
            dots[d + i] += s0;
            dots[d + BLOCK_ROWS + i] += s1;
            dots[d + 2 * BLOCK_ROWS + i] += s2;
        }
    }

    private static void rows4(double[] l, int i0, int i1, int j0, int j1, double[] x, int xOff, int xLd,
                              double[] a, int aOff, int aLd, double[] dots, int d) {
        double[] lanes = new double[L];
        int x0 = xOff, x1 = xOff + xLd, x2 = xOff + 2 * xLd, x3 = xOff + 3 * xLd;
        int a0 = aOff, a1 = aOff + aLd, a2 = aOff + 2 * aLd, a3 = aOff + 3 * aLd;
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi0 = x[x0 + i], xi1 = x[x1 + i], xi2 = x[x2 + i], xi3 = x[x3 + i];
            DoubleVector v0 = DoubleVector.broadcast(S, xi0);
            DoubleVector v1 = DoubleVector.broadcast(S, xi1);
            DoubleVector v2 = DoubleVector.broadcast(S, xi2);
            DoubleVector v3 = DoubleVector.broadcast(S, xi3);
            DoubleVector d0 = DoubleVector.zero(S);
            DoubleVector d1 = d0;
            DoubleVector d2 = d0;
            DoubleVector d3 = d0;
            int je = Math.min(j1, i);
            int nv = je - (je - j0) % L;
            int j = j0;
            for (; j < nv; j += L) {
                DoubleVector lv = DoubleVector.fromArray(S, l, p + j);
                d0 = lv.fma(DoubleVector.fromArray(S, x, x0 + j), d0);
                d1 = lv.fma(DoubleVector.fromArray(S, x, x1 + j), d1);
                d2 = lv.fma(DoubleVector.fromArray(S, x, x2 + j), d2);
                d3 = lv.fma(DoubleVector.fromArray(S, x, x3 + j), d3);
                lv.fma(v0, DoubleVector.fromArray(S, a, a0 + j)).intoArray(a, a0 + j);
                lv.fma(v1, DoubleVector.fromArray(S, a, a1 + j)).intoArray(a, a1 + j);
                lv.fma(v2, DoubleVector.fromArray(S, a, a2 + j)).intoArray(a, a2 + j);
                lv.fma(v3, DoubleVector.fromArray(S, a, a3 + j)).intoArray(a, a3 + j);
            }
            double s0 = SimdSupport.sumLanes(d0, lanes);
            double s1 = SimdSupport.sumLanes(d1, lanes);
            double s2 = SimdSupport.sumLanes(d2, lanes);
            double s3 = SimdSupport.sumLanes(d3, lanes);
            for (; j < je; j++) {
                double lj = l[p + j];
                s0 = Math.fma(lj, x[x0 + j], s0);
                s1 = Math.fma(lj, x[x1 + j], s1);
                s2 = Math.fma(lj, x[x2 + j], s2);
                s3 = Math.fma(lj, x[x3 + j], s3);
                a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
                a[a2 + j] = Math.fma(lj, xi2, a[a2 + j]);
                a[a3 + j] = Math.fma(lj, xi3, a[a3 + j]);
            }
            dots[d + i] += s0;
            dots[d + BLOCK_ROWS + i] += s1;
            dots[d + 2 * BLOCK_ROWS + i] += s2;
            dots[d + 3 * BLOCK_ROWS + i] += s3;
        }
    }
}
