package akr.kernels.driver;

/**
 * Scalar Walsh–Hadamard butterflies: radix-2, 4, 8 and 16 with all 2^r values of a column held in
 * locals, and H_8 / H_128 on contiguous spans. The scalar FWHT tier's kernels, and the SIMD tier's
 * for column tails shorter than a vector (public for that package).
 */
public final class ScalarButterflies {

    private ScalarButterflies() {
    }

    /** H_128 on each 128-element span of x[off … off+len): H_8 on its 8-element spans, then radix-16 across them. */
    public static void lowStages7Range(double[] x, int off, int len) {
        for (int p = off; p < off + len; p += 128) {
            lowStages8Range(x, p, 128);
            radix4(x, p, 8, 0, 8);
        }
    }

    /** The radix-2^r butterflies of {@link ButterflyFwht#radix} for columns j in [j0, j1). */
    public static void radixRange(double[] x, int base, int stride, int r, int j0, int j1) {
        switch (r) {
            case 1 -> radix1(x, base, stride, j0, j1);
            case 2 -> radix2(x, base, stride, j0, j1);
            case 3 -> radix3(x, base, stride, j0, j1);
            case 4 -> radix4(x, base, stride, j0, j1);
            default -> throw new IllegalArgumentException("r: " + r + " (must be 1..4)");
        }
    }

    /** H_8 on each 8-element span of x[off … off+len), stages h = 1, 2, 4 in order. */
    public static void lowStages8Range(double[] x, int off, int len) {
        for (int p = off; p < off + len; p += 8) {
            double v0 = x[p], v1 = x[p + 1], v2 = x[p + 2], v3 = x[p + 3];
            double v4 = x[p + 4], v5 = x[p + 5], v6 = x[p + 6], v7 = x[p + 7];
            double a0 = v0 + v1, a1 = v0 - v1, a2 = v2 + v3, a3 = v2 - v3;
            double a4 = v4 + v5, a5 = v4 - v5, a6 = v6 + v7, a7 = v6 - v7;
            double b0 = a0 + a2, b2 = a0 - a2, b1 = a1 + a3, b3 = a1 - a3;
            double b4 = a4 + a6, b6 = a4 - a6, b5 = a5 + a7, b7 = a5 - a7;
            x[p] = b0 + b4;
            x[p + 4] = b0 - b4;
            x[p + 1] = b1 + b5;
            x[p + 5] = b1 - b5;
            x[p + 2] = b2 + b6;
            x[p + 6] = b2 - b6;
            x[p + 3] = b3 + b7;
            x[p + 7] = b3 - b7;
        }
    }

    private static void radix1(double[] x, int base, int stride, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int p = base + j;
            double v0 = x[p];
            double v1 = x[p + 1 * stride];
            double a0_0 = v0 + v1, a0_1 = v0 - v1;
            x[p] = a0_0;
            x[p + 1 * stride] = a0_1;
        }
    }

    private static void radix2(double[] x, int base, int stride, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int p = base + j;
            double v0 = x[p];
            double v1 = x[p + 1 * stride];
            double v2 = x[p + 2 * stride];
            double v3 = x[p + 3 * stride];
            double a0_0 = v0 + v1, a0_1 = v0 - v1;
            double a0_2 = v2 + v3, a0_3 = v2 - v3;
            double a1_0 = a0_0 + a0_2, a1_2 = a0_0 - a0_2;
            double a1_1 = a0_1 + a0_3, a1_3 = a0_1 - a0_3;
            x[p] = a1_0;
            x[p + 1 * stride] = a1_1;
            x[p + 2 * stride] = a1_2;
            x[p + 3 * stride] = a1_3;
        }
    }

    private static void radix3(double[] x, int base, int stride, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int p = base + j;
            double v0 = x[p];
            double v1 = x[p + 1 * stride];
            double v2 = x[p + 2 * stride];
            double v3 = x[p + 3 * stride];
            double v4 = x[p + 4 * stride];
            double v5 = x[p + 5 * stride];
            double v6 = x[p + 6 * stride];
            double v7 = x[p + 7 * stride];
            double a0_0 = v0 + v1, a0_1 = v0 - v1;
            double a0_2 = v2 + v3, a0_3 = v2 - v3;
            double a0_4 = v4 + v5, a0_5 = v4 - v5;
            double a0_6 = v6 + v7, a0_7 = v6 - v7;
            double a1_0 = a0_0 + a0_2, a1_2 = a0_0 - a0_2;
            double a1_1 = a0_1 + a0_3, a1_3 = a0_1 - a0_3;
            double a1_4 = a0_4 + a0_6, a1_6 = a0_4 - a0_6;
            double a1_5 = a0_5 + a0_7, a1_7 = a0_5 - a0_7;
            double a2_0 = a1_0 + a1_4, a2_4 = a1_0 - a1_4;
            double a2_1 = a1_1 + a1_5, a2_5 = a1_1 - a1_5;
            double a2_2 = a1_2 + a1_6, a2_6 = a1_2 - a1_6;
            double a2_3 = a1_3 + a1_7, a2_7 = a1_3 - a1_7;
            x[p] = a2_0;
            x[p + 1 * stride] = a2_1;
            x[p + 2 * stride] = a2_2;
            x[p + 3 * stride] = a2_3;
            x[p + 4 * stride] = a2_4;
            x[p + 5 * stride] = a2_5;
            x[p + 6 * stride] = a2_6;
            x[p + 7 * stride] = a2_7;
        }
    }

    private static void radix4(double[] x, int base, int stride, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int p = base + j;
            double v0 = x[p];
            double v1 = x[p + 1 * stride];
            double v2 = x[p + 2 * stride];
            double v3 = x[p + 3 * stride];
            double v4 = x[p + 4 * stride];
            double v5 = x[p + 5 * stride];
            double v6 = x[p + 6 * stride];
            double v7 = x[p + 7 * stride];
            double v8 = x[p + 8 * stride];
            double v9 = x[p + 9 * stride];
            double v10 = x[p + 10 * stride];
            double v11 = x[p + 11 * stride];
            double v12 = x[p + 12 * stride];
            double v13 = x[p + 13 * stride];
            double v14 = x[p + 14 * stride];
            double v15 = x[p + 15 * stride];
            double a0_0 = v0 + v1, a0_1 = v0 - v1;
            double a0_2 = v2 + v3, a0_3 = v2 - v3;
            double a0_4 = v4 + v5, a0_5 = v4 - v5;
            double a0_6 = v6 + v7, a0_7 = v6 - v7;
            double a0_8 = v8 + v9, a0_9 = v8 - v9;
            double a0_10 = v10 + v11, a0_11 = v10 - v11;
            double a0_12 = v12 + v13, a0_13 = v12 - v13;
            double a0_14 = v14 + v15, a0_15 = v14 - v15;
            double a1_0 = a0_0 + a0_2, a1_2 = a0_0 - a0_2;
            double a1_1 = a0_1 + a0_3, a1_3 = a0_1 - a0_3;
            double a1_4 = a0_4 + a0_6, a1_6 = a0_4 - a0_6;
            double a1_5 = a0_5 + a0_7, a1_7 = a0_5 - a0_7;
            double a1_8 = a0_8 + a0_10, a1_10 = a0_8 - a0_10;
            double a1_9 = a0_9 + a0_11, a1_11 = a0_9 - a0_11;
            double a1_12 = a0_12 + a0_14, a1_14 = a0_12 - a0_14;
            double a1_13 = a0_13 + a0_15, a1_15 = a0_13 - a0_15;
            double a2_0 = a1_0 + a1_4, a2_4 = a1_0 - a1_4;
            double a2_1 = a1_1 + a1_5, a2_5 = a1_1 - a1_5;
            double a2_2 = a1_2 + a1_6, a2_6 = a1_2 - a1_6;
            double a2_3 = a1_3 + a1_7, a2_7 = a1_3 - a1_7;
            double a2_8 = a1_8 + a1_12, a2_12 = a1_8 - a1_12;
            double a2_9 = a1_9 + a1_13, a2_13 = a1_9 - a1_13;
            double a2_10 = a1_10 + a1_14, a2_14 = a1_10 - a1_14;
            double a2_11 = a1_11 + a1_15, a2_15 = a1_11 - a1_15;
            double a3_0 = a2_0 + a2_8, a3_8 = a2_0 - a2_8;
            double a3_1 = a2_1 + a2_9, a3_9 = a2_1 - a2_9;
            double a3_2 = a2_2 + a2_10, a3_10 = a2_2 - a2_10;
            double a3_3 = a2_3 + a2_11, a3_11 = a2_3 - a2_11;
            double a3_4 = a2_4 + a2_12, a3_12 = a2_4 - a2_12;
            double a3_5 = a2_5 + a2_13, a3_13 = a2_5 - a2_13;
            double a3_6 = a2_6 + a2_14, a3_14 = a2_6 - a2_14;
            double a3_7 = a2_7 + a2_15, a3_15 = a2_7 - a2_15;
            x[p] = a3_0;
            x[p + 1 * stride] = a3_1;
            x[p + 2 * stride] = a3_2;
            x[p + 3 * stride] = a3_3;
            x[p + 4 * stride] = a3_4;
            x[p + 5 * stride] = a3_5;
            x[p + 6 * stride] = a3_6;
            x[p + 7 * stride] = a3_7;
            x[p + 8 * stride] = a3_8;
            x[p + 9 * stride] = a3_9;
            x[p + 10 * stride] = a3_10;
            x[p + 11 * stride] = a3_11;
            x[p + 12 * stride] = a3_12;
            x[p + 13 * stride] = a3_13;
            x[p + 14 * stride] = a3_14;
            x[p + 15 * stride] = a3_15;
        }
    }
}
