package akr.kernels.expgram;

import akr.kernels.driver.TiledExpGram;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Plain-Java tile kernels for {@link ExpGram}: a 4×4 register-blocked micro-kernel (sixteen scalar
 * accumulators, four rows against a panel of four packed columns) followed by {@link Math#exp}
 * (≤ 1 ulp), and a four-row blocked apply that reads each row of the exp tile once for both Y_I and,
 * on off-diagonal tiles, Y_J.
 */
final class ScalarExpGram extends TiledExpGram {

    private static final int PW = 4;

    ScalarExpGram(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected int panelWidth() {
        return PW;
    }

    @Override
    protected void expTile(double[] b, int bOff, int ldb, int rows, double[] ap, int apOff, int cols, int d,
                           double[] s, int sOff, double[] t, int tOff, double[] e) {
        for (int p = 0; p < cols; p += PW) {
            int pa = apOff + p * d;
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                int r0 = bOff + i * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int k = 0; k < d; k++) {
                    int q = pa + k * PW;
                    double v0 = ap[q], v1 = ap[q + 1], v2 = ap[q + 2], v3 = ap[q + 3];
                    double w0 = b[r0 + k], w1 = b[r1 + k], w2 = b[r2 + k], w3 = b[r3 + k];
                    c00 = Math.fma(w0, v0, c00);
                    c01 = Math.fma(w0, v1, c01);
                    c02 = Math.fma(w0, v2, c02);
                    c03 = Math.fma(w0, v3, c03);
                    c10 = Math.fma(w1, v0, c10);
                    c11 = Math.fma(w1, v1, c11);
                    c12 = Math.fma(w1, v2, c12);
                    c13 = Math.fma(w1, v3, c13);
                    c20 = Math.fma(w2, v0, c20);
                    c21 = Math.fma(w2, v1, c21);
                    c22 = Math.fma(w2, v2, c22);
                    c23 = Math.fma(w2, v3, c23);
                    c30 = Math.fma(w3, v0, c30);
                    c31 = Math.fma(w3, v1, c31);
                    c32 = Math.fma(w3, v2, c32);
                    c33 = Math.fma(w3, v3, c33);
                }
                int e0 = i * TILE + p;
                finish(e, e0, c00, c01, c02, c03, s, sOff + i, t, tOff + p);
                finish(e, e0 + TILE, c10, c11, c12, c13, s, sOff + i + 1, t, tOff + p);
                finish(e, e0 + 2 * TILE, c20, c21, c22, c23, s, sOff + i + 2, t, tOff + p);
                finish(e, e0 + 3 * TILE, c30, c31, c32, c33, s, sOff + i + 3, t, tOff + p);
            }
            for (; i < rows; i++) {
                int r0 = bOff + i * ldb;
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                for (int k = 0; k < d; k++) {
                    int q = pa + k * PW;
                    double w = b[r0 + k];
                    c0 = Math.fma(w, ap[q], c0);
                    c1 = Math.fma(w, ap[q + 1], c1);
                    c2 = Math.fma(w, ap[q + 2], c2);
                    c3 = Math.fma(w, ap[q + 3], c3);
                }
                finish(e, i * TILE + p, c0, c1, c2, c3, s, sOff + i, t, tOff + p);
            }
        }
    }

    /** Writes exp of four dot products (Gaussian form: minus the half norms, clamped to ≤ 0). */
    private static void finish(double[] e, int at, double c0, double c1, double c2, double c3,
                               double[] s, int si, double[] t, int ti) {
        if (s == null) {
            e[at] = Math.exp(c0);
            e[at + 1] = Math.exp(c1);
            e[at + 2] = Math.exp(c2);
            e[at + 3] = Math.exp(c3);
        } else {
            double h = s[si];
            e[at] = Math.exp(Math.min(0.0, c0 - t[ti] - h));
            e[at + 1] = Math.exp(Math.min(0.0, c1 - t[ti + 1] - h));
            e[at + 2] = Math.exp(Math.min(0.0, c2 - t[ti + 2] - h));
            e[at + 3] = Math.exp(Math.min(0.0, c3 - t[ti + 3] - h));
        }
    }

    @Override
    protected void applyTile(double[] e, int rows, int cols, int r, double[] xJ, int xJOff, double[] yI, int yIOff,
                             int ldx, int ldy, boolean transposeToo, double[] xI, int xIOff, double[] yJ, int yJOff) {
        for (int c = 0; c < r; c++) {
            int xj = xJOff + c * ldx;
            int yi = yIOff + c * ldy;
            int xi = xIOff + c * ldx;
            int yj = yJOff + c * ldy;
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                int e0 = i * TILE, e1 = e0 + TILE, e2 = e1 + TILE, e3 = e2 + TILE;
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                if (transposeToo) {
                    double x0 = xI[xi + i], x1 = xI[xi + i + 1], x2 = xI[xi + i + 2], x3 = xI[xi + i + 3];
                    for (int j = 0; j < cols; j++) {
                        double xv = xJ[xj + j];
                        double f0 = e[e0 + j], f1 = e[e1 + j], f2 = e[e2 + j], f3 = e[e3 + j];
                        a0 = Math.fma(f0, xv, a0);
                        a1 = Math.fma(f1, xv, a1);
                        a2 = Math.fma(f2, xv, a2);
                        a3 = Math.fma(f3, xv, a3);
                        double yv = yJ[yj + j];
                        yv = Math.fma(f0, x0, yv);
                        yv = Math.fma(f1, x1, yv);
                        yv = Math.fma(f2, x2, yv);
                        yJ[yj + j] = Math.fma(f3, x3, yv);
                    }
                } else {
                    for (int j = 0; j < cols; j++) {
                        double xv = xJ[xj + j];
                        a0 = Math.fma(e[e0 + j], xv, a0);
                        a1 = Math.fma(e[e1 + j], xv, a1);
                        a2 = Math.fma(e[e2 + j], xv, a2);
                        a3 = Math.fma(e[e3 + j], xv, a3);
                    }
                }
                yI[yi + i] += a0;
                yI[yi + i + 1] += a1;
                yI[yi + i + 2] += a2;
                yI[yi + i + 3] += a3;
            }
            for (; i < rows; i++) {
                int e0 = i * TILE;
                double a0 = 0;
                double x0 = transposeToo ? xI[xi + i] : 0;
                for (int j = 0; j < cols; j++) {
                    a0 = Math.fma(e[e0 + j], xJ[xj + j], a0);
                    if (transposeToo) {
                        yJ[yj + j] = Math.fma(e[e0 + j], x0, yJ[yj + j]);
                    }
                }
                yI[yi + i] += a0;
            }
        }
    }
}
