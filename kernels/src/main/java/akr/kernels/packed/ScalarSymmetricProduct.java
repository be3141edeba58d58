package akr.kernels.packed;

import akr.kernels.driver.PartitionedSymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Scalar tile kernels for {@link SymmetricProduct}: one right-hand side with two dot accumulators (so
 * the dot's FMA chain does not limit the loop), groups of two to four with one accumulator each.
 */
final class ScalarSymmetricProduct extends PartitionedSymmetricProduct {

    ScalarSymmetricProduct(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void tile(double[] l, int i0, int i1, int b0, int j0, int j1, int g, double[] x, int xOff, int xLd,
                        double[] acc, int accOff, int accLd, double[] dots, int dOff) {
        if (g == 1) {
            rows1(l, i0, i1, j0, j1, x, xOff, acc, accOff, dots, dOff - b0);
        } else {
            rowsGroup(l, i0, i1, j0, j1, g, x, xOff, xLd, acc, accOff, accLd, dots, dOff - b0);
        }
    }

    private static void rows1(double[] l, int i0, int i1, int j0, int j1, double[] x, int xo, double[] a, int ao,
                              double[] dots, int d) {
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi = x[xo + i];
            int je = Math.min(j1, i);
            double d0 = 0, d1 = 0;
            int j = j0;
            for (; j + 1 < je; j += 2) {
                double l0 = l[p + j], l1 = l[p + j + 1];
                d0 = Math.fma(l0, x[xo + j], d0);
                d1 = Math.fma(l1, x[xo + j + 1], d1);
                a[ao + j] = Math.fma(l0, xi, a[ao + j]);
                a[ao + j + 1] = Math.fma(l1, xi, a[ao + j + 1]);
            }
            double dot = d0 + d1;
            if (j < je) {
                dot = Math.fma(l[p + j], x[xo + j], dot);
                a[ao + j] = Math.fma(l[p + j], xi, a[ao + j]);
            }
            dots[d + i] += dot;
        }
    }

    /** Two to four right-hand sides; a missing one repeats the last (its results are not stored). */
    private static void rowsGroup(double[] l, int i0, int i1, int j0, int j1, int g, double[] x, int xOff, int xLd,
                                  double[] a, int accOff, int accLd, double[] dots, int d) {
        int x0 = xOff, x1 = xOff + xLd, x2 = xOff + Math.min(2, g - 1) * xLd, x3 = xOff + (g - 1) * xLd;
        int a0 = accOff, a1 = accOff + accLd, a2 = accOff + 2 * accLd, a3 = accOff + 3 * accLd;
        int p = (int) ((long) i0 * (i0 + 1) / 2);
        for (int i = i0; i < i1; p += ++i) {
            double xi0 = x[x0 + i], xi1 = x[x1 + i], xi2 = x[x2 + i], xi3 = x[x3 + i];
            int je = Math.min(j1, i);
            double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            if (g == 4) {
                for (int j = j0; j < je; j++) {
                    double lj = l[p + j];
                    d0 = Math.fma(lj, x[x0 + j], d0);
                    d1 = Math.fma(lj, x[x1 + j], d1);
                    d2 = Math.fma(lj, x[x2 + j], d2);
                    d3 = Math.fma(lj, x[x3 + j], d3);
                    a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                    a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
                    a[a2 + j] = Math.fma(lj, xi2, a[a2 + j]);
                    a[a3 + j] = Math.fma(lj, xi3, a[a3 + j]);
                }
            } else if (g == 3) {
                for (int j = j0; j < je; j++) {
                    double lj = l[p + j];
                    d0 = Math.fma(lj, x[x0 + j], d0);
                    d1 = Math.fma(lj, x[x1 + j], d1);
                    d2 = Math.fma(lj, x[x2 + j], d2);
                    a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                    a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
                    a[a2 + j] = Math.fma(lj, xi2, a[a2 + j]);
                }
            } else {
                for (int j = j0; j < je; j++) {
                    double lj = l[p + j];
                    d0 = Math.fma(lj, x[x0 + j], d0);
                    d1 = Math.fma(lj, x[x1 + j], d1);
                    a[a0 + j] = Math.fma(lj, xi0, a[a0 + j]);
                    a[a1 + j] = Math.fma(lj, xi1, a[a1 + j]);
                }
            }
            int b = BLOCK_ROWS;
            dots[d + i] += d0;
            dots[d + b + i] += d1;
            if (g > 2) {
                dots[d + 2 * b + i] += d2;
            }
            if (g > 3) {
                dots[d + 3 * b + i] += d3;
            }
        }
    }
}
