package akr.kernels.simd;

import akr.kernels.driver.GemmMicroKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API register tiles of {@link SimdGemm}: an MR × 2L packed micro-kernel (L = lanes of
 * {@link SimdSupport#DOUBLE}): 8×16 with AVX-512, 6×8 with AVX2 (whose sixteen vector registers hold
 * no more than twelve accumulators). Per step of k it loads two vectors of the packed B micro-panel,
 * broadcasts MR elements of the packed A micro-panel and issues 2·MR FMAs into 2·MR vector
 * accumulators, which stay in registers for the whole kc loop. Edge tiles are handled by the driver
 * (see {@link GemmMicroKernel}).
 *
 * <p>The register tile of the unpacked kernels ({@link #multiplyRows}, {@link #multiplyStrided},
 * used by the triangular solve and the SYRK edge path) stays 6 × 2L: those kernels add their tile to
 * C in the same method, and with sixteen accumulators the loads and adds of C push the compiled
 * method past C2's inlining budget (see {@link #syrkTile}).
 */
final class SimdGemmKernel implements GemmMicroKernel {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();
    /**
     * Rows of the packed micro-kernel and of the tall-SYRK register tile: 8 × 2L when the sixteen
     * accumulators, two B vectors and a broadcast fit the 32 vector registers of AVX-512, else 6:
     * sixteen FMAs per step of k for the loop's fixed cost of loads, index updates and bounds
     * checks instead of twelve (bench/notes/2026-12-01-dgemm.md).
     */
    static final int MR = L == 8 ? 8 : 6;
    static final int NR = 2 * L;
    /** Rows of the register tile of the unpacked kernels ({@link #multiplyRows}, {@link #multiplyStrided}). */
    static final int TILE_MR = 6;
    static final int SYRK_MR = MR;
    /** The packed micro-kernel's tile when it is 8 × 2L (written to it, then added to C). */
    private static final ThreadLocal<double[]> PACKED_TILE = ThreadLocal.withInitial(() -> new double[MR * NR]);

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiplyPacked(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc) {
        if (MR == 8) {
            double[] t = PACKED_TILE.get();
            packedTile8(kc, a, aOff, b, bOff, t);
            addTile(t, MR, c, cOff, ldc);
        } else { // 6 × 2L (AVX2 and narrower): the strided kernel on the packed steps, adding to C itself
            multiplyStrided(kc, a, aOff, MR, b, bOff, NR, c, cOff, ldc);
        }
    }

    /**
     * The 8 × 2L tile of a packed micro-kernel call, written row-major to {@code t}: the sixteen
     * accumulators are stored rather than added to C, for the reason given at {@link #syrkTile}.
     */
    private static void packedTile8(int kc, double[] a, int aOff, double[] b, int bOff, double[] t) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00;
        DoubleVector c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00;
        DoubleVector c50 = c00, c51 = c00;
        DoubleVector c60 = c00, c61 = c00;
        DoubleVector c70 = c00, c71 = c00;
        int ap = aOff;
        int bp = bOff;
        for (int p = 0; p < kc; p++, ap += 8, bp += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, 1 * L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
        c60.intoArray(t, 12 * L);
        c61.intoArray(t, 13 * L);
        c70.intoArray(t, 14 * L);
        c71.intoArray(t, 15 * L);
    }

    /** C ← C + T for a {@code rows} × 2L tile T stored row-major in {@code t}. */
    private static void addTile(double[] t, int rows, double[] c, int cOff, int ldc) {
        for (int i = 0, o = cOff, q = 0; i < rows; i++, o += ldc, q += NR) {
            DoubleVector.fromArray(S, c, o).add(DoubleVector.fromArray(S, t, q)).intoArray(c, o);
            DoubleVector.fromArray(S, c, o + L).add(DoubleVector.fromArray(S, t, q + L)).intoArray(c, o + L);
        }
    }

    @Override
    public void multiplyStrided(int kc, double[] a, int aOff, int aStep, double[] b, int bOff, int bStep,
                                double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00;
        DoubleVector c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00;
        DoubleVector c50 = c00, c51 = c00;
        int ap = aOff;
        int bp = bOff;
        for (int p = 0; p < kc; p++, ap += aStep, bp += bStep) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        addRow(c, cOff, c00, c01);
        addRow(c, cOff + ldc, c10, c11);
        addRow(c, cOff + 2 * ldc, c20, c21);
        addRow(c, cOff + 3 * ldc, c30, c31);
        addRow(c, cOff + 4 * ldc, c40, c41);
        addRow(c, cOff + 5 * ldc, c50, c51);
    }

    @Override
    public void multiplyRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00;
        DoubleVector c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00;
        DoubleVector c50 = c00, c51 = c00;
        int a0p = aOff;
        int a1p = aOff + lda;
        int a2p = aOff + 2 * lda;
        int a3p = aOff + 3 * lda;
        int a4p = aOff + 4 * lda;
        int a5p = aOff + 5 * lda;
        int bp = bOff;
        for (int p = 0; p < kc; p++, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[a0p + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[a1p + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[a2p + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[a3p + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[a4p + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[a5p + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        addRow(c, cOff, c00, c01);
        addRow(c, cOff + ldc, c10, c11);
        addRow(c, cOff + 2 * ldc, c20, c21);
        addRow(c, cOff + 3 * ldc, c30, c31);
        addRow(c, cOff + 4 * ldc, c40, c41);
        addRow(c, cOff + 5 * ldc, c50, c51);
    }

    @Override
    public int tileRows() {
        return TILE_MR;
    }

    @Override
    public int syrkRows() {
        return SYRK_MR;
    }

    /**
     * With AVX-512, an 8×16 tile: per row of A two loads of B̂, eight broadcasts and sixteen FMAs,
     * against 12 FMAs for the same loop overhead in a 6×16 tile. The tile is stored to {@code t}
     * rather than added to C, which keeps the method within C2's inlining budget (beyond it the
     * accumulators are boxed; bench/notes/2026-12-01-tall-syrk-trsm.md). One element
     * per step is read at {@code touch + 8p} (see {@link GemmMicroKernel#syrkTile}).
     */
    @Override
    public void syrkTile(int kc, double[] a, int iOff, int jOff, int ld, int touch, double[] t) {
        if (SYRK_MR != 8) {
            GemmMicroKernel.super.syrkTile(kc, a, iOff, jOff, ld, touch, t);
            return;
        }
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00;
        DoubleVector c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00;
        DoubleVector c50 = c00, c51 = c00;
        DoubleVector c60 = c00, c61 = c00;
        DoubleVector c70 = c00, c71 = c00;
        double ahead = 0;
        int ap = iOff;
        int bp = jOff;
        for (int p = 0; p < kc; p++, ap += ld, bp += ld, touch += 8) {
            ahead += a[touch];
            DoubleVector b0 = DoubleVector.fromArray(S, a, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, a, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, 1 * L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
        c60.intoArray(t, 12 * L);
        c61.intoArray(t, 13 * L);
        c70.intoArray(t, 14 * L);
        c71.intoArray(t, 15 * L);
        t[SYRK_MR * NR] = ahead;
    }

    @Override
    public void addSyrkTile(double[] t, double[] c, int cOff, int ldc) {
        addTile(t, SYRK_MR, c, cOff, ldc);
    }

    /** C row ← C row + acc. */
    private static void addRow(double[] c, int o, DoubleVector v0, DoubleVector v1) {
        DoubleVector.fromArray(S, c, o).add(v0).intoArray(c, o);
        DoubleVector.fromArray(S, c, o + L).add(v1).intoArray(c, o + L);
    }
}
