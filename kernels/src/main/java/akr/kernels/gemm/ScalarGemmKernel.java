package akr.kernels.gemm;

import akr.kernels.driver.GemmMicroKernel;

/**
 * The plain-Java register tiles of {@link ScalarGemm}: 4×4, sixteen accumulators in registers
 * (sixteen {@code Math.fma} per step of k, eight loads), the same tile for every kernel.
 */
final class ScalarGemmKernel implements GemmMicroKernel {

    static final int MR = 4;
    static final int NR = 4;

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
}
