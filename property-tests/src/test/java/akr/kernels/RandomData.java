package akr.kernels;

import java.util.Random;

/** Deterministic random test data. */
public final class RandomData {

    private RandomData() {
    }

    /** n values uniform in [−1, 1). */
    public static double[] vector(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    /**
     * A rows×cols matrix with uniform entries in [−1, 1), stored with leading dimension
     * cols + padLd at offset {@code offset} in a larger array whose padding holds NaN, so a kernel
     * that reads outside the view poisons its result.
     */
    public static DenseMatrix matrix(long seed, int rows, int cols, int offset, int padLd) {
        Random r = new Random(seed);
        int ld = Math.max(1, cols + padLd);
        double[] data = new double[offset + Math.max(0, rows - 1) * ld + cols + 3];
        java.util.Arrays.fill(data, Double.NaN);
        DenseMatrix m = new DenseMatrix(data, offset, rows, cols, ld);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, 2 * r.nextDouble() - 1);
            }
        }
        return m;
    }
}
