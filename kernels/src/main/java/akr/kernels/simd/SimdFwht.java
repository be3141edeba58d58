package akr.kernels.simd;

import akr.kernels.driver.ButterflyFwht;
import akr.kernels.driver.ScalarButterflies;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API butterfly kernels for {@link Fwht}.
 * <ul>
 *   <li>{@link #radix}: the 2^r rows of a radix-2^r butterfly (r ≤ 4) are loaded as 2^r vectors
 *       (16 of the 32 AVX-512 registers for r = 4), combined in r stages in registers and stored
 *       once, so four stages cost one load and one store of the data;</li>
 *   <li>{@link #lowStages8}: stages h = 1, 2, 4 inside 8-element spans. A stage with h below the
 *       lane count is one lane permutation and one fused multiply-add per vector
 *       (v·σ + swap_h(v) with σ = +1 on lanes whose bit h is clear and −1 otherwise; σ = ±1 makes
 *       the product exact, so the result equals x[i] ± x[i^h] to the bit); stages with h at least
 *       the lane count combine whole vectors.</li>
 *   <li>{@link #lowStages7}: per 128-element span (1 KB), the in-vector stages of its sixteen vectors
 *       in place, then stages h = 8 … 64 as one radix-16 step across them while the span is in L1 —
 *       one load and store of the data from memory or L2 for seven stages.</li>
 * </ul>
 * Column tails shorter than a vector are finished by the scalar kernels.
 */
public final class SimdFwht extends ButterflyFwht {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();
    private static final VectorShuffle<Double> SWAP1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    private static final VectorShuffle<Double> SWAP2 = L > 2 ? VectorShuffle.fromOp(S, i -> i ^ 2) : SWAP1;
    private static final VectorShuffle<Double> SWAP4 = L > 4 ? VectorShuffle.fromOp(S, i -> i ^ 4) : SWAP1;
    private static final DoubleVector SIGN1 = signs(1);
    private static final DoubleVector SIGN2 = signs(2);
    private static final DoubleVector SIGN4 = signs(4);

    public SimdFwht(ParallelExecutor executor) {
        super(executor);
    }

    private static DoubleVector signs(int h) {
        double[] s = new double[L];
        for (int i = 0; i < L; i++) {
            s[i] = (i & h) == 0 ? 1.0 : -1.0;
        }
        return DoubleVector.fromArray(S, s, 0);
    }

    @Override
    public void radix(double[] x, int base, int stride, int r, int len) {
        switch (r) {
            case 1 -> radix1(x, base, stride, 0, len);
            case 2 -> radix2(x, base, stride, 0, len);
            case 3 -> radix3(x, base, stride, 0, len);
            case 4 -> radix4(x, base, stride, 0, len);
            default -> throw new IllegalArgumentException("r: " + r + " (must be 1..4)");
        }
    }

    @Override
    public void lowStages8(double[] x, int off, int len) {
        if (L == 8) {
            for (int p = off; p < off + len; p += 8) {
                DoubleVector v = DoubleVector.fromArray(S, x, p);
                v = v.fma(SIGN1, v.rearrange(SWAP1));
                v = v.fma(SIGN2, v.rearrange(SWAP2));
                v = v.fma(SIGN4, v.rearrange(SWAP4));
                v.intoArray(x, p);
            }
        } else if (L == 4) {
            for (int p = off; p < off + len; p += 8) {
                DoubleVector u = DoubleVector.fromArray(S, x, p);
                DoubleVector v = DoubleVector.fromArray(S, x, p + 4);
                u = u.fma(SIGN1, u.rearrange(SWAP1));
                v = v.fma(SIGN1, v.rearrange(SWAP1));
                u = u.fma(SIGN2, u.rearrange(SWAP2));
                v = v.fma(SIGN2, v.rearrange(SWAP2));
                u.add(v).intoArray(x, p);
                u.sub(v).intoArray(x, p + 4);
            }
        } else if (L == 2) {
            for (int p = off; p < off + len; p += 8) {
                DoubleVector v0 = DoubleVector.fromArray(S, x, p);
                DoubleVector v1 = DoubleVector.fromArray(S, x, p + 2);
                DoubleVector v2 = DoubleVector.fromArray(S, x, p + 4);
                DoubleVector v3 = DoubleVector.fromArray(S, x, p + 6);
                v0 = v0.fma(SIGN1, v0.rearrange(SWAP1));
                v1 = v1.fma(SIGN1, v1.rearrange(SWAP1));
                v2 = v2.fma(SIGN1, v2.rearrange(SWAP1));
                v3 = v3.fma(SIGN1, v3.rearrange(SWAP1));
                DoubleVector a0 = v0.add(v1), a1 = v0.sub(v1), a2 = v2.add(v3), a3 = v2.sub(v3);
                a0.add(a2).intoArray(x, p);
                a1.add(a3).intoArray(x, p + 2);
                a0.sub(a2).intoArray(x, p + 4);
                a1.sub(a3).intoArray(x, p + 6);
            }
        } else {
            ScalarButterflies.lowStages8Range(x, off, len);
        }
    }

    @Override
    public void lowStages7(double[] x, int off, int len) {
        if (L != 8) {
            lowStages8(x, off, len);
            for (int p = off; p < off + len; p += 128) {
                radix4(x, p, 8, 0, 8);
            }
            return;
        }
        for (int p = off; p < off + len; p += 128) {
            // the in-vector stages of the span's sixteen vectors, then its stages h = 8 … 64 across
            // them while the span (1 KB) is in L1. One compiled copy of the lane-swap code: sixteen
            // inlined copies exceed C2's inlining node budget on JDK 17, and the vector operations
            // left out of line would box.
            for (int q = p; q < p + 128; q += 8) {
                low3(DoubleVector.fromArray(S, x, q)).intoArray(x, q);
            }
            radix4Vector(x, p, 8);
        }
    }

    /** Stages h = 1, 2, 4 inside one 8-lane vector (L = 8): one lane swap and one exact fma each. */
    private static DoubleVector low3(DoubleVector v) {
        v = v.fma(SIGN1, v.rearrange(SWAP1));
        v = v.fma(SIGN2, v.rearrange(SWAP2));
        return v.fma(SIGN4, v.rearrange(SWAP4));
    }

    /** One vector column of {@link #radix4}: the sixteen vectors at p + q·stride. */
    private static void radix4Vector(double[] x, int p, int stride) {
        DoubleVector v0 = DoubleVector.fromArray(S, x, p + 0 * stride);
        DoubleVector v1 = DoubleVector.fromArray(S, x, p + 1 * stride);
        DoubleVector v2 = DoubleVector.fromArray(S, x, p + 2 * stride);
        DoubleVector v3 = DoubleVector.fromArray(S, x, p + 3 * stride);
        DoubleVector v4 = DoubleVector.fromArray(S, x, p + 4 * stride);
        DoubleVector v5 = DoubleVector.fromArray(S, x, p + 5 * stride);
        DoubleVector v6 = DoubleVector.fromArray(S, x, p + 6 * stride);
        DoubleVector v7 = DoubleVector.fromArray(S, x, p + 7 * stride);
        DoubleVector v8 = DoubleVector.fromArray(S, x, p + 8 * stride);
        DoubleVector v9 = DoubleVector.fromArray(S, x, p + 9 * stride);
        DoubleVector v10 = DoubleVector.fromArray(S, x, p + 10 * stride);
        DoubleVector v11 = DoubleVector.fromArray(S, x, p + 11 * stride);
        DoubleVector v12 = DoubleVector.fromArray(S, x, p + 12 * stride);
        DoubleVector v13 = DoubleVector.fromArray(S, x, p + 13 * stride);
        DoubleVector v14 = DoubleVector.fromArray(S, x, p + 14 * stride);
        DoubleVector v15 = DoubleVector.fromArray(S, x, p + 15 * stride);
        DoubleVector a0_0 = v0.add(v1), a0_1 = v0.sub(v1);
        DoubleVector a0_2 = v2.add(v3), a0_3 = v2.sub(v3);
        DoubleVector a0_4 = v4.add(v5), a0_5 = v4.sub(v5);
        DoubleVector a0_6 = v6.add(v7), a0_7 = v6.sub(v7);
        DoubleVector a0_8 = v8.add(v9), a0_9 = v8.sub(v9);
        DoubleVector a0_10 = v10.add(v11), a0_11 = v10.sub(v11);
        DoubleVector a0_12 = v12.add(v13), a0_13 = v12.sub(v13);
        DoubleVector a0_14 = v14.add(v15), a0_15 = v14.sub(v15);
        DoubleVector a1_0 = a0_0.add(a0_2), a1_2 = a0_0.sub(a0_2);
        DoubleVector a1_1 = a0_1.add(a0_3), a1_3 = a0_1.sub(a0_3);
        DoubleVector a1_4 = a0_4.add(a0_6), a1_6 = a0_4.sub(a0_6);
        DoubleVector a1_5 = a0_5.add(a0_7), a1_7 = a0_5.sub(a0_7);
        DoubleVector a1_8 = a0_8.add(a0_10), a1_10 = a0_8.sub(a0_10);
        DoubleVector a1_9 = a0_9.add(a0_11), a1_11 = a0_9.sub(a0_11);
        DoubleVector a1_12 = a0_12.add(a0_14), a1_14 = a0_12.sub(a0_14);
        DoubleVector a1_13 = a0_13.add(a0_15), a1_15 = a0_13.sub(a0_15);
        DoubleVector a2_0 = a1_0.add(a1_4), a2_4 = a1_0.sub(a1_4);
        DoubleVector a2_1 = a1_1.add(a1_5), a2_5 = a1_1.sub(a1_5);
        DoubleVector a2_2 = a1_2.add(a1_6), a2_6 = a1_2.sub(a1_6);
        DoubleVector a2_3 = a1_3.add(a1_7), a2_7 = a1_3.sub(a1_7);
        DoubleVector a2_8 = a1_8.add(a1_12), a2_12 = a1_8.sub(a1_12);
        DoubleVector a2_9 = a1_9.add(a1_13), a2_13 = a1_9.sub(a1_13);
        DoubleVector a2_10 = a1_10.add(a1_14), a2_14 = a1_10.sub(a1_14);
        DoubleVector a2_11 = a1_11.add(a1_15), a2_15 = a1_11.sub(a1_15);
        DoubleVector a3_0 = a2_0.add(a2_8), a3_8 = a2_0.sub(a2_8);
        DoubleVector a3_1 = a2_1.add(a2_9), a3_9 = a2_1.sub(a2_9);
        DoubleVector a3_2 = a2_2.add(a2_10), a3_10 = a2_2.sub(a2_10);
        DoubleVector a3_3 = a2_3.add(a2_11), a3_11 = a2_3.sub(a2_11);
        DoubleVector a3_4 = a2_4.add(a2_12), a3_12 = a2_4.sub(a2_12);
        DoubleVector a3_5 = a2_5.add(a2_13), a3_13 = a2_5.sub(a2_13);
        DoubleVector a3_6 = a2_6.add(a2_14), a3_14 = a2_6.sub(a2_14);
        DoubleVector a3_7 = a2_7.add(a2_15), a3_15 = a2_7.sub(a2_15);
        a3_0.intoArray(x, p + 0 * stride);
        a3_1.intoArray(x, p + 1 * stride);
        a3_2.intoArray(x, p + 2 * stride);
        a3_3.intoArray(x, p + 3 * stride);
        a3_4.intoArray(x, p + 4 * stride);
        a3_5.intoArray(x, p + 5 * stride);
        a3_6.intoArray(x, p + 6 * stride);
        a3_7.intoArray(x, p + 7 * stride);
        a3_8.intoArray(x, p + 8 * stride);
        a3_9.intoArray(x, p + 9 * stride);
        a3_10.intoArray(x, p + 10 * stride);
        a3_11.intoArray(x, p + 11 * stride);
        a3_12.intoArray(x, p + 12 * stride);
        a3_13.intoArray(x, p + 13 * stride);
        a3_14.intoArray(x, p + 14 * stride);
        a3_15.intoArray(x, p + 15 * stride);
    }

    private static void radix1(double[] x, int base, int stride, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - L; j += L) {
            int p = base + j;
            DoubleVector v0 = DoubleVector.fromArray(S, x, p);
            DoubleVector v1 = DoubleVector.fromArray(S, x, p + 1 * stride);
            DoubleVector a0_0 = v0.add(v1), a0_1 = v0.sub(v1);
            a0_0.intoArray(x, p);
            a0_1.intoArray(x, p + 1 * stride);
        }
        ScalarButterflies.radixRange(x, base, stride, 1, j, j1);
    }

    private static void radix2(double[] x, int base, int stride, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - L; j += L) {
            int p = base + j;
            DoubleVector v0 = DoubleVector.fromArray(S, x, p);
            DoubleVector v1 = DoubleVector.fromArray(S, x, p + 1 * stride);
            DoubleVector v2 = DoubleVector.fromArray(S, x, p + 2 * stride);
            DoubleVector v3 = DoubleVector.fromArray(S, x, p + 3 * stride);
            DoubleVector a0_0 = v0.add(v1), a0_1 = v0.sub(v1);
            DoubleVector a0_2 = v2.add(v3), a0_3 = v2.sub(v3);
            DoubleVector a1_0 = a0_0.add(a0_2), a1_2 = a0_0.sub(a0_2);
            DoubleVector a1_1 = a0_1.add(a0_3), a1_3 = a0_1.sub(a0_3);
            a1_0.intoArray(x, p);
            a1_1.intoArray(x, p + 1 * stride);
            a1_2.intoArray(x, p + 2 * stride);
            a1_3.intoArray(x, p + 3 * stride);
        }
        ScalarButterflies.radixRange(x, base, stride, 2, j, j1);
    }

    private static void radix3(double[] x, int base, int stride, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - L; j += L) {
            int p = base + j;
            DoubleVector v0 = DoubleVector.fromArray(S, x, p);
            DoubleVector v1 = DoubleVector.fromArray(S, x, p + 1 * stride);
            DoubleVector v2 = DoubleVector.fromArray(S, x, p + 2 * stride);
            DoubleVector v3 = DoubleVector.fromArray(S, x, p + 3 * stride);
            DoubleVector v4 = DoubleVector.fromArray(S, x, p + 4 * stride);
            DoubleVector v5 = DoubleVector.fromArray(S, x, p + 5 * stride);
            DoubleVector v6 = DoubleVector.fromArray(S, x, p + 6 * stride);
            DoubleVector v7 = DoubleVector.fromArray(S, x, p + 7 * stride);
            DoubleVector a0_0 = v0.add(v1), a0_1 = v0.sub(v1);
            DoubleVector a0_2 = v2.add(v3), a0_3 = v2.sub(v3);
            DoubleVector a0_4 = v4.add(v5), a0_5 = v4.sub(v5);
            DoubleVector a0_6 = v6.add(v7), a0_7 = v6.sub(v7);
            DoubleVector a1_0 = a0_0.add(a0_2), a1_2 = a0_0.sub(a0_2);
            DoubleVector a1_1 = a0_1.add(a0_3), a1_3 = a0_1.sub(a0_3);
            DoubleVector a1_4 = a0_4.add(a0_6), a1_6 = a0_4.sub(a0_6);
            DoubleVector a1_5 = a0_5.add(a0_7), a1_7 = a0_5.sub(a0_7);
            DoubleVector a2_0 = a1_0.add(a1_4), a2_4 = a1_0.sub(a1_4);
            DoubleVector a2_1 = a1_1.add(a1_5), a2_5 = a1_1.sub(a1_5);
            DoubleVector a2_2 = a1_2.add(a1_6), a2_6 = a1_2.sub(a1_6);
            DoubleVector a2_3 = a1_3.add(a1_7), a2_7 = a1_3.sub(a1_7);
            a2_0.intoArray(x, p);
            a2_1.intoArray(x, p + 1 * stride);
            a2_2.intoArray(x, p + 2 * stride);
            a2_3.intoArray(x, p + 3 * stride);
            a2_4.intoArray(x, p + 4 * stride);
            a2_5.intoArray(x, p + 5 * stride);
            a2_6.intoArray(x, p + 6 * stride);
            a2_7.intoArray(x, p + 7 * stride);
        }
        ScalarButterflies.radixRange(x, base, stride, 3, j, j1);
    }

    private static void radix4(double[] x, int base, int stride, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - L; j += L) {
            radix4Vector(x, base + j, stride);
        }
        ScalarButterflies.radixRange(x, base, stride, 4, j, j1);
    }

}
