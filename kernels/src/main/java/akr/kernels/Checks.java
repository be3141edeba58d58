package akr.kernels;

/**
 * Argument checks shared by the kernel façades. Every failure is an
 * {@link IllegalArgumentException} whose message names the argument, thrown before any write.
 */
public final class Checks {

    private Checks() {
    }

    public static void notNull(String name, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(name + ": null");
        }
    }

    public static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + ": " + v + " (must be >= 0)");
        }
    }

    /** Rejects a NaN or infinite scalar: {@code "shift: NaN (must be finite)"}. */
    public static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": " + v + " (must be finite)");
        }
    }

    /** Rejects a NaN or ±∞ entry, naming the first: {@code "b: entry 3 is NaN (must be finite)"}. */
    public static void finite(String name, double[] v) {
        finite(name, v, 0, v.length);
    }

    /** {@link #finite(String, double[])} over the entries {@code from} (inclusive) to {@code to}. */
    public static void finite(String name, double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + ": entry " + i + " is " + v[i] + " (must be finite)");
            }
        }
    }

    /** Rejects a NaN or ±∞ entry, naming the first in row order: {@code "a: entry (2, 5) is Infinity (must be finite)"}. */
    public static void finite(String name, DenseMatrix m) {
        finite(name, m, 0);
    }

    /**
     * {@link #finite(String, DenseMatrix)} for rows [firstRow, firstRow + m.rows()) of a larger
     * matrix: the entry is named by its row in that matrix.
     */
    public static void finite(String name, DenseMatrix m, long firstRow) {
        int[] at = m.firstNonFinite();
        if (at != null) {
            throw new IllegalArgumentException(name + ": entry (" + (firstRow + at[0]) + ", " + at[1] + ") is "
                    + m.get(at[0], at[1]) + " (must be finite)");
        }
    }

    /**
     * Checks that the strided vector {@code x[off], x[off + inc], …} of {@code n} elements lies inside
     * the array; {@code inc} must be ≥ 1.
     */
    public static void vector(String name, double[] x, int off, int inc, int n) {
        if (x == null) {
            throw new IllegalArgumentException(name + ": null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (must be >= 0)");
        }
        if (inc < 1) {
            throw new IllegalArgumentException("inc" + capital(name) + ": " + inc + " (must be >= 1)");
        }
        if (off < 0 || off > x.length) {
            throw new IllegalArgumentException(name + " offset: " + off + " (array length " + x.length + ")");
        }
        if (n > 0 && (long) off + (long) (n - 1) * inc >= x.length) {
            throw new IllegalArgumentException(name + ": " + n + " elements with increment " + inc + " from offset "
                    + off + " need index " + ((long) off + (long) (n - 1) * inc) + "; the array has length " + x.length);
        }
    }

    /** Checks a contiguous vector of {@code n} elements at {@code off}. */
    public static void vector(String name, double[] x, int off, int n) {
        vector(name, x, off, 1, n);
    }

    /** Whether two strided vectors in the same array touch a common index range. */
    public static boolean overlap(double[] x, int xOff, int incX, double[] y, int yOff, int incY, int n) {
        if (x != y || n == 0) {
            return false;
        }
        long x1 = xOff + (long) (n - 1) * incX;
        long y1 = yOff + (long) (n - 1) * incY;
        return xOff <= y1 && yOff <= x1;
    }

    /** Rejects a vector that shares storage with a matrix it is computed from. */
    public static void noOverlap(String vecName, double[] v, int off, int n, String matName, DenseMatrix m) {
        if (v != m.data() || n == 0 || m.rows() == 0 || m.cols() == 0) {
            return;
        }
        long m0 = m.offset();
        long m1 = m.offset() + (long) (m.rows() - 1) * m.ld() + m.cols();
        if (off < m1 && m0 < (long) off + n) {
            throw new IllegalArgumentException(vecName + " overlaps the storage of " + matName);
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
