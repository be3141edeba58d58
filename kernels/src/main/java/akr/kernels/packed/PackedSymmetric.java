package akr.kernels.packed;

import akr.kernels.DenseMatrix;

/**
 * A symmetric n×n matrix H stored as its lower triangle, packed by rows in one {@code double[]}:
 * row i holds H[i, 0 … i] (i + 1 entries) contiguously from offset i(i+1)/2, n(n+1)/2 doubles in
 * all — half the memory (and half the traffic of a product) of the full matrix.
 *
 * <p><b>Size limit.</b> One Java array holds at most {@value #MAX_ELEMENTS} doubles, so n is at most
 * {@value #MAX_N} (n(n+1)/2 = 2 147 450 880 elements, 16 GiB). Larger orders are refused with an
 * {@link IllegalArgumentException} naming n, the bytes needed and the limit; the storage is not split
 * over several arrays.
 *
 * <p>The shape is immutable, the entries are not: {@link #data()} is the live array.
 */
public final class PackedSymmetric {

    /** The most doubles one Java array can hold on common JVMs. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** The largest order whose packed triangle fits in one array: n(n+1)/2 ≤ {@link #MAX_ELEMENTS}. */
    public static final int MAX_N = 65535;

    private final int n;
    private final double[] data;

    private PackedSymmetric(int n, double[] data) {
        this.n = n;
        this.data = data;
    }

    /** n(n+1)/2, the number of stored entries of an order-n matrix (n ≥ 0). */
    public static long packedLength(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (must be >= 0)");
        }
        return (long) n * ((long) n + 1) / 2;
    }

    /** The bytes of the packed triangle of an order-n matrix: 8·n(n+1)/2. Allocates nothing. */
    public static long bytes(int n) {
        return 8 * packedLength(n);
    }

    /**
     * Rejects an order that is not positive or whose packed triangle does not fit in one array.
     *
     * @throws IllegalArgumentException naming n, the bytes needed and the limit
     */
    public static void checkOrder(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n + " (must be >= 1)");
        }
        if (packedLength(n) > MAX_ELEMENTS) {
            throw new IllegalArgumentException("n: " + n + " needs " + packedLength(n) + " packed elements ("
                    + bytes(n) + " bytes); one array holds at most " + MAX_ELEMENTS + " elements ("
                    + 8 * MAX_ELEMENTS + " bytes), so n must be <= " + MAX_N);
        }
    }

    /** A new zero matrix of order n. */
    public static PackedSymmetric zeros(int n) {
        checkOrder(n);
        return new PackedSymmetric(n, new double[(int) packedLength(n)]);
    }

    /**
     * Wraps a packed lower triangle without copying.
     *
     * @throws IllegalArgumentException if data is null, n is out of range, or data.length is not n(n+1)/2
     */
    public static PackedSymmetric wrap(int n, double[] data) {
        checkOrder(n);
        if (data == null) {
            throw new IllegalArgumentException("data: null");
        }
        if (data.length != packedLength(n)) {
            throw new IllegalArgumentException("data: length " + data.length + ", an order-" + n
                    + " packed triangle has " + packedLength(n));
        }
        return new PackedSymmetric(n, data);
    }

    /**
     * The packed lower triangle of a square matrix (its upper triangle is ignored).
     *
     * @throws IllegalArgumentException if a is null or not square
     */
    public static PackedSymmetric fromLower(DenseMatrix a) {
        if (a == null) {
            throw new IllegalArgumentException("a: null");
        }
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("a: " + a.rows() + "x" + a.cols() + " (must be square)");
        }
        PackedSymmetric h = zeros(a.rows());
        for (int i = 0; i < h.n; i++) {
            System.arraycopy(a.data(), a.index(i, 0), h.data, h.offset(i), i + 1);
        }
        return h;
    }

    /** The order n. */
    public int n() {
        return n;
    }

    /** The packed entries (live, not a copy): H[i, j] for j ≤ i is at {@code offset(i) + j}. */
    public double[] data() {
        return data;
    }

    /** Index in {@link #data()} of H[i, 0], the start of row i: i(i+1)/2. No bounds check. */
    public int offset(int i) {
        return (int) ((long) i * (i + 1) / 2);
    }

    /** Index in {@link #data()} of H[i, j] = H[j, i], either triangle. */
    public int index(int i, int j) {
        checkElement(i, j);
        return i >= j ? offset(i) + j : offset(j) + i;
    }

    /** H[i, j] for any i, j (the matrix is symmetric). */
    public double get(int i, int j) {
        return data[index(i, j)];
    }

    /** Sets H[i, j] = H[j, i] = v; (i, j) may be in either triangle, it is the same stored entry. */
    public void set(int i, int j, double v) {
        data[index(i, j)] = v;
    }

    /** A new full n×n matrix with both triangles (the peer of the dense products). */
    public DenseMatrix toDense() {
        DenseMatrix a = DenseMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            int p = offset(i);
            for (int j = 0; j <= i; j++) {
                a.set(i, j, data[p + j]);
                a.set(j, i, data[p + j]);
            }
        }
        return a;
    }

    private void checkElement(int i, int j) {
        if (i < 0 || i >= n || j < 0 || j >= n) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + n + "x" + n);
        }
    }

    @Override
    public String toString() {
        return "PackedSymmetric[" + n + "x" + n + "]";
    }
}
