package akr.kernels.gemm;

import akr.kernels.driver.GemmMicroKernel;

/**
 * The plain-Java register tiles of {@link ScalarGemm}: 4×4, sixteen accumulators in registers
 * (sixteen {@code Math.fma} per step of k, eight loads), the same tile for every kernel.
 */
final class ScalarGemmKernel implements GemmMicroKernel {

    static final int MR = 4;
    static final int NR = 4;

    /**
     * Smallest order taken by row updates: below it their vector loops are too short and the 4×4
     * tile is faster (measured crossover near 20, bench/notes/2026-12-06-first-call-passes.md).
     */
    static final int ROW_UPDATE_MIN_ORDER = 24;
    /** Per thread: the rows of a slab and the row of sums, for {@link #syrkSlabByRows}. */
    private static final ThreadLocal<double[][]> SLAB = new ThreadLocal<>();

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    /**
     * The packed micro-kernel: {@link #multiplyStrided}'s body with the constant steps MR and NR
     * written in, since C2 does not inline the strided kernel here and would keep its bounds checks.
     */
    @Override
    public void multiplyPacked(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * MR;
            int bp = bOff + p * NR;
            double b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
            double a0 = a[ap];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            double a1 = a[ap + 1];
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            double a2 = a[ap + 2];
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            double a3 = a[ap + 3];
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
        }
        addRow(c, cOff, c00, c01, c02, c03);
        addRow(c, cOff + ldc, c10, c11, c12, c13);
        addRow(c, cOff + 2 * ldc, c20, c21, c22, c23);
        addRow(c, cOff + 3 * ldc, c30, c31, c32, c33);
    }

    @Override
    public void multiplyStrided(int kc, double[] a, int aOff, int aStep, double[] b, int bOff, int bStep,
                                double[] c, int cOff, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * aStep;
            int bp = bOff + p * bStep;
            double b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
            double a0 = a[ap];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            double a1 = a[ap + 1];
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            double a2 = a[ap + 2];
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            double a3 = a[ap + 3];
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
        }
        addRow(c, cOff, c00, c01, c02, c03);
        addRow(c, cOff + ldc, c10, c11, c12, c13);
        addRow(c, cOff + 2 * ldc, c20, c21, c22, c23);
        addRow(c, cOff + 3 * ldc, c30, c31, c32, c33);
    }

    @Override
    public void multiplyRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int a0p = aOff;
        int a1p = aOff + lda;
        int a2p = aOff + 2 * lda;
        int a3p = aOff + 3 * lda;
        for (int p = 0; p < kc; p++) {
            int bp = bOff + p * ldb;
            double b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
            double a0 = a[a0p + p];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            double a1 = a[a1p + p];
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            double a2 = a[a2p + p];
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            double a3 = a[a3p + p];
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
        }
        addRow(c, cOff, c00, c01, c02, c03);
        addRow(c, cOff + ldc, c10, c11, c12, c13);
        addRow(c, cOff + 2 * ldc, c20, c21, c22, c23);
        addRow(c, cOff + 3 * ldc, c30, c31, c32, c33);
    }

    private static void addRow(double[] c, int o, double v0, double v1, double v2, double v3) {
        c[o] += v0;
        c[o + 1] += v1;
        c[o + 2] += v2;
        c[o + 3] += v3;
    }

    /**
     * Row updates: for each i, the sums of row i of the triangle accumulate four rows at a time
     * over j = i…d−1, a loop C2 vectorises once each row is copied into an array of its own (it
     * does not when the arrays' indices have different offsets), which the 4×4 tile cannot be.
     * False, leaving the slab to the tiles, for d below {@value #ROW_UPDATE_MIN_ORDER}.
     */
    @Override
    public boolean syrkSlabByRows(int kb, double[] a, int rowBase, int ld, int d, double[] partial, int pOff) {
        if (d < ROW_UPDATE_MIN_ORDER) {
            return false;
        }
        double[][] rows = slabRows(kb + 1, d);
        double[] t = rows[kb];
        for (int r = 0; r < kb; r++) {
            System.arraycopy(a, rowBase + r * ld, rows[r], 0, d);
        }
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(t, i, d, 0.0);
            int r = 0;
            for (; r + 3 < kb; r += 4) {
                accumulateRows(rows[r], rows[r + 1], rows[r + 2], rows[r + 3], i, d, t);
            }
            for (; r < kb; r++) {
                accumulateRow(rows[r], i, d, t);
            }
            int o = pOff + i * d;
            for (int j = i; j < d; j++) {
                partial[o + j] += t[j];
            }
        }
        return true;
    }

    /** t_j ← t_j + p0_i·p0_j + p1_i·p1_j + p2_i·p2_j + p3_i·p3_j for j = i…d−1, fused, in that order. */
    private static void accumulateRows(double[] p0, double[] p1, double[] p2, double[] p3, int i, int d, double[] t) {
        double x0 = p0[i];
        double x1 = p1[i];
        double x2 = p2[i];
        double x3 = p3[i];
        for (int j = i; j < d; j++) {
            t[j] = Math.fma(x3, p3[j], Math.fma(x2, p2[j], Math.fma(x1, p1[j], Math.fma(x0, p0[j], t[j]))));
        }
    }

    /** t_j ← t_j + p_i·p_j for j = i…d−1, fused. */
    private static void accumulateRow(double[] p, int i, int d, double[] t) {
        double x = p[i];
        for (int j = i; j < d; j++) {
            t[j] = Math.fma(x, p[j], t[j]);
        }
    }

    /** At least {@code count} arrays of at least d doubles, this thread's. */
    private static double[][] slabRows(int count, int d) {
        double[][] rows = SLAB.get();
        if (rows == null || rows.length < count || rows[0].length < d) {
            rows = new double[count][d];
            SLAB.set(rows);
        }
        return rows;
    }
}
