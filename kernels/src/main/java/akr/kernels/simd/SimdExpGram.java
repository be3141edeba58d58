package akr.kernels.simd;

import akr.kernels.driver.TiledExpGram;
import akr.kernels.expgram.ExpGram;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API tile kernels for {@link ExpGram}.
 * <ul>
 *   <li>Exp tile: a 6×(2·lanes) register-blocked micro-kernel (twelve vector accumulators; per k, two
 *       vectors of the packed panel and six broadcasts of the rows of B), the shape that reaches the
 *       FMA peak in GEMM; the accumulators are stored into the tile buffer and the six rows just written,
 *       still in L1, go through {@link SimdExp#exp}. Row remainders use a 1×(2·lanes) kernel.</li>
 *   <li>Apply: four rows of the tile at a time, vectorised along the tile's columns; each vector of
 *       the tile is loaded once and used for Y_I (a lane-parallel dot product, reduced once per row)
 *       and, on off-diagonal tiles, for Y_J (four FMAs per load and store of Y_J).</li>
 * </ul>
 */
public final class SimdExpGram extends TiledExpGram {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();
    private static final int PW = 2 * L;
    private static final int MR = 6;

    public SimdExpGram(ParallelExecutor executor) {
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
            for (; i + MR - 1 < rows; i += MR) {
                block6(b, bOff + i * ldb, ldb, ap, pa, d, e, i * TILE + p);
                expRows(e, i * TILE + p, MR, s, sOff + i, t, tOff + p);
            }
            int i0 = i;
            for (; i < rows; i++) {
                block1(b, bOff + i * ldb, ap, pa, d, e, i * TILE + p);
            }
            expRows(e, i0 * TILE + p, rows - i0, s, sOff + i0, t, tOff + p);
        }
    }

    /** e[eo + q·TILE + j] ← ⟨b_q, p_j⟩ for six rows q and the 2·lanes columns j of one panel. */
    private static void block6(double[] b, int b0, int ldb, double[] ap, int pa, int d, double[] e, int eo) {
        int b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb, b4 = b3 + ldb, b5 = b4 + ldb;
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00;
        DoubleVector c10 = DoubleVector.zero(S), c11 = c10;
        DoubleVector c20 = DoubleVector.zero(S), c21 = c20;
        DoubleVector c30 = DoubleVector.zero(S), c31 = c30;
        DoubleVector c40 = DoubleVector.zero(S), c41 = c40;
        DoubleVector c50 = DoubleVector.zero(S), c51 = c50;
        for (int k = 0; k < d; k++) {
            int q = pa + k * PW;
            DoubleVector v0 = DoubleVector.fromArray(S, ap, q);
            DoubleVector v1 = DoubleVector.fromArray(S, ap, q + L);
            DoubleVector w;
            w = DoubleVector.broadcast(S, b[b0 + k]);
            c00 = v0.fma(w, c00);
            c01 = v1.fma(w, c01);
            w = DoubleVector.broadcast(S, b[b1 + k]);
            c10 = v0.fma(w, c10);
            c11 = v1.fma(w, c11);
            w = DoubleVector.broadcast(S, b[b2 + k]);
            c20 = v0.fma(w, c20);
            c21 = v1.fma(w, c21);
            w = DoubleVector.broadcast(S, b[b3 + k]);
            c30 = v0.fma(w, c30);
            c31 = v1.fma(w, c31);
            w = DoubleVector.broadcast(S, b[b4 + k]);
            c40 = v0.fma(w, c40);
            c41 = v1.fma(w, c41);
            w = DoubleVector.broadcast(S, b[b5 + k]);
            c50 = v0.fma(w, c50);
            c51 = v1.fma(w, c51);
        }
        c00.intoArray(e, eo);
        c01.intoArray(e, eo + L);
        c10.intoArray(e, eo + 1 * TILE);
        c11.intoArray(e, eo + 1 * TILE + L);
        c20.intoArray(e, eo + 2 * TILE);
        c21.intoArray(e, eo + 2 * TILE + L);
        c30.intoArray(e, eo + 3 * TILE);
        c31.intoArray(e, eo + 3 * TILE + L);
        c40.intoArray(e, eo + 4 * TILE);
        c41.intoArray(e, eo + 4 * TILE + L);
        c50.intoArray(e, eo + 5 * TILE);
        c51.intoArray(e, eo + 5 * TILE + L);
    }

    /** One row of {@link #block6}. */
    private static void block1(double[] b, int b0, double[] ap, int pa, int d, double[] e, int eo) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0;
        for (int k = 0; k < d; k++) {
            int q = pa + k * PW;
            DoubleVector w = DoubleVector.broadcast(S, b[b0 + k]);
            c0 = DoubleVector.fromArray(S, ap, q).fma(w, c0);
            c1 = DoubleVector.fromArray(S, ap, q + L).fma(w, c1);
        }
        c0.intoArray(e, eo);
        c1.intoArray(e, eo + L);
    }

    /**
     * Replaces the dot products of rows [0, rows) × columns [0, PW) of the tile at e[eo …] by their exp
     * (Gaussian form: exp(min(0, c − s_i − t_j))). Small loops of their own, each with one exp call
     * site, rather than code at the end of the micro-kernel: C2 then inlines every Vector API call of
     * both (a vector passed to a call that is not inlined is boxed, an order of magnitude slower).
     */
    private static void expRows(double[] e, int eo, int rows, double[] s, int si, double[] t, int ti) {
        if (s == null) {
            expRowsPlain(e, eo, rows);
        } else {
            expRowsGaussian(e, eo, rows, s, si, t, ti);
        }
    }

    private static void expRowsPlain(double[] e, int eo, int rows) {
        for (int q = 0; q < rows; q++) {
            for (int j = 0; j < PW; j += L) {
                int o = eo + q * TILE + j;
                SimdExp.exp(DoubleVector.fromArray(S, e, o)).intoArray(e, o);
            }
        }
    }

    private static void expRowsGaussian(double[] e, int eo, int rows, double[] s, int si, double[] t, int ti) {
        for (int q = 0; q < rows; q++) {
            double h = s[si + q];
            for (int j = 0; j < PW; j += L) {
                int o = eo + q * TILE + j;
                DoubleVector arg = DoubleVector.fromArray(S, e, o).sub(DoubleVector.fromArray(S, t, ti + j)).sub(h);
                SimdExp.exp(arg.min(0.0)).intoArray(e, o);
            }
        }
    }

    @Override
    protected void applyTile(double[] e, int rows, int cols, int r, double[] xJ, int xJOff, double[] yI, int yIOff,
                             int ldx, int ldy, boolean transposeToo, double[] xI, int xIOff, double[] yJ, int yJOff) {
        double[] lanes = new double[L];
        for (int c = 0; c < r; c++) {
            int xj = xJOff + c * ldx;
            int yi = yIOff + c * ldy;
            int xi = xIOff + c * ldx;
            int yj = yJOff + c * ldy;
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                int e0 = i * TILE, e1 = e0 + TILE, e2 = e1 + TILE, e3 = e2 + TILE;
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                if (transposeToo) {
                    DoubleVector x0 = DoubleVector.broadcast(S, xI[xi + i]);
                    DoubleVector x1 = DoubleVector.broadcast(S, xI[xi + i + 1]);
                    DoubleVector x2 = DoubleVector.broadcast(S, xI[xi + i + 2]);
                    DoubleVector x3 = DoubleVector.broadcast(S, xI[xi + i + 3]);
                    for (int j = 0; j < cols; j += L) {
                        DoubleVector xv = DoubleVector.fromArray(S, xJ, xj + j);
                        DoubleVector f0 = DoubleVector.fromArray(S, e, e0 + j);
                        DoubleVector f1 = DoubleVector.fromArray(S, e, e1 + j);
                        DoubleVector f2 = DoubleVector.fromArray(S, e, e2 + j);
                        DoubleVector f3 = DoubleVector.fromArray(S, e, e3 + j);
                        a0 = f0.fma(xv, a0);
                        a1 = f1.fma(xv, a1);
                        a2 = f2.fma(xv, a2);
                        a3 = f3.fma(xv, a3);
                        DoubleVector yv = DoubleVector.fromArray(S, yJ, yj + j);
                        yv = f0.fma(x0, yv);
                        yv = f1.fma(x1, yv);
                        yv = f2.fma(x2, yv);
                        f3.fma(x3, yv).intoArray(yJ, yj + j);
                    }
                } else {
                    for (int j = 0; j < cols; j += L) {
                        DoubleVector xv = DoubleVector.fromArray(S, xJ, xj + j);
                        a0 = DoubleVector.fromArray(S, e, e0 + j).fma(xv, a0);
                        a1 = DoubleVector.fromArray(S, e, e1 + j).fma(xv, a1);
                        a2 = DoubleVector.fromArray(S, e, e2 + j).fma(xv, a2);
                        a3 = DoubleVector.fromArray(S, e, e3 + j).fma(xv, a3);
                    }
                }
                yI[yi + i] += SimdSupport.sumLanes(a0, lanes);
                yI[yi + i + 1] += SimdSupport.sumLanes(a1, lanes);
                yI[yi + i + 2] += SimdSupport.sumLanes(a2, lanes);
                yI[yi + i + 3] += SimdSupport.sumLanes(a3, lanes);
            }
            for (; i < rows; i++) {
                int e0 = i * TILE;
                DoubleVector a0 = DoubleVector.zero(S);
                if (transposeToo) {
                    DoubleVector x0 = DoubleVector.broadcast(S, xI[xi + i]);
                    for (int j = 0; j < cols; j += L) {
                        DoubleVector f0 = DoubleVector.fromArray(S, e, e0 + j);
                        a0 = f0.fma(DoubleVector.fromArray(S, xJ, xj + j), a0);
                        f0.fma(x0, DoubleVector.fromArray(S, yJ, yj + j)).intoArray(yJ, yj + j);
                    }
                } else {
                    for (int j = 0; j < cols; j += L) {
                        a0 = DoubleVector.fromArray(S, e, e0 + j).fma(DoubleVector.fromArray(S, xJ, xj + j), a0);
                    }
                }
                yI[yi + i] += SimdSupport.sumLanes(a0, lanes);
            }
        }
    }
}
