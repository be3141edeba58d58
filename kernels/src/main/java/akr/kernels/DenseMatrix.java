package akr.kernels;

import java.util.Arrays;

/**
 * A dense row-major matrix view over a {@code double[]}: element (i, j) is
 * {@code data[offset + i * ld + j]}, with the leading dimension (row stride) {@code ld >= cols}.
 *
 * <p>Views share the array: {@link #view}, {@link #rows(int, int)} and {@link #cols(int, int)} copy
 * nothing. {@link #copy()} is the only method that allocates a new array for existing data. The
 * constructor checks that every element of the view lies inside the array, so kernels given a
 * {@code DenseMatrix} may index it without further bounds reasoning.
 */
public final class DenseMatrix {

    private final double[] data;
    private final int offset;
    private final int rows;
    private final int cols;
    private final int ld;

    /**
     * A view of {@code rows × cols} elements of {@code data} starting at {@code offset}, rows
     * {@code ld} apart.
     *
     * @throws IllegalArgumentException if data is null, a dimension is negative, {@code ld < cols},
     *                                  {@code ld < 1}, or the view does not fit in the array
     */
    public DenseMatrix(double[] data, int offset, int rows, int cols, int ld) {
        if (data == null) {
            throw new IllegalArgumentException("data: null");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows + " (must be >= 0)");
        }
        if (cols < 0) {
            throw new IllegalArgumentException("cols: " + cols + " (must be >= 0)");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("ld: " + ld + " (must be >= max(1, cols = " + cols + "))");
        }
        if (offset < 0 || offset > data.length) {
            throw new IllegalArgumentException("offset: " + offset + " (array length " + data.length + ")");
        }
        if (rows > 0 && cols > 0) {
            long last = (long) offset + (long) (rows - 1) * ld + cols;
            if (last > data.length) {
                throw new IllegalArgumentException("a " + rows + "x" + cols + " view with ld " + ld + " at offset "
                        + offset + " needs " + last + " elements; the array has " + data.length);
            }
        }
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.ld = ld;
    }

    /** A new zero matrix. */
    public static DenseMatrix zeros(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("dimensions: " + rows + "x" + cols + " (must be >= 0)");
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix has " + n
                    + " elements; one Java array holds at most " + (Integer.MAX_VALUE - 8));
        }
        return new DenseMatrix(new double[(int) n], 0, rows, cols, Math.max(1, cols));
    }

    /** Wraps a packed row-major array ({@code ld = cols}, offset 0) without copying. */
    public static DenseMatrix wrap(double[] data, int rows, int cols) {
        return new DenseMatrix(data, 0, rows, cols, Math.max(1, cols));
    }

    /** A packed copy of a rectangular {@code double[][]}. */
    public static DenseMatrix of(double[][] a) {
        if (a == null) {
            throw new IllegalArgumentException("a: null");
        }
        int r = a.length;
        int c = r == 0 ? 0 : a[0].length;
        DenseMatrix m = zeros(r, c);
        for (int i = 0; i < r; i++) {
            if (a[i] == null || a[i].length != c) {
                throw new IllegalArgumentException("a: row " + i + " has " + (a[i] == null ? "null" : a[i].length)
                        + " entries, row 0 has " + c);
            }
            System.arraycopy(a[i], 0, m.data, i * m.ld, c);
        }
        return m;
    }

    /** The n×n identity. */
    public static DenseMatrix identity(int n) {
        DenseMatrix m = zeros(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i * m.ld + i] = 1.0;
        }
        return m;
    }

    public double[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Leading dimension: the distance between the starts of consecutive rows. */
    public int ld() {
        return ld;
    }

    /** Index into {@link #data()} of element (i, j); no bounds check. */
    public int index(int i, int j) {
        return offset + i * ld + j;
    }

    public double get(int i, int j) {
        checkElement(i, j);
        return data[offset + i * ld + j];
    }

    public void set(int i, int j, double v) {
        checkElement(i, j);
        data[offset + i * ld + j] = v;
    }

    /** A view of the block of {@code nr × nc} elements whose top-left element is (r0, c0). */
    public DenseMatrix view(int r0, int c0, int nr, int nc) {
        if (r0 < 0 || c0 < 0 || nr < 0 || nc < 0 || r0 > rows - nr || c0 > cols - nc) {
            throw new IllegalArgumentException("block (" + r0 + ", " + c0 + ") of " + nr + "x" + nc
                    + " is outside a " + rows + "x" + cols + " matrix");
        }
        int off = (nr == 0 || nc == 0) ? Math.min(offset, data.length) : offset + r0 * ld + c0;
        return new DenseMatrix(data, off, nr, nc, ld);
    }

    /** A view of rows {@code [r0, r0 + nr)}. */
    public DenseMatrix rows(int r0, int nr) {
        return view(r0, 0, nr, cols);
    }

    /** A view of columns {@code [c0, c0 + nc)}. */
    public DenseMatrix cols(int c0, int nc) {
        return view(0, c0, rows, nc);
    }

    /** Whether the rows are stored back to back ({@code ld == cols}). */
    public boolean isPacked() {
        return ld == cols || rows <= 1;
    }

    /** A packed copy (new array, {@code ld = cols}). */
    public DenseMatrix copy() {
        DenseMatrix m = zeros(rows, cols);
        for (int i = 0; i < rows && cols > 0; i++) {
            System.arraycopy(data, offset + i * ld, m.data, i * m.ld, cols);
        }
        return m;
    }

    /** Copies {@code src} (same shape) into this matrix. */
    public void copyFrom(DenseMatrix src) {
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("src: " + src.rows + "x" + src.cols + ", this: " + rows + "x" + cols);
        }
        for (int i = 0; i < rows && cols > 0; i++) {
            System.arraycopy(src.data, src.offset + i * src.ld, data, offset + i * ld, cols);
        }
    }

    /** A packed copy of the transpose. */
    public DenseMatrix transpose() {
        DenseMatrix t = zeros(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.data[j * t.ld + i] = data[offset + i * ld + j];
            }
        }
        return t;
    }

    /** Sets every element of the view to {@code v}. */
    public void fill(double v) {
        for (int i = 0; i < rows; i++) {
            Arrays.fill(data, offset + i * ld, offset + i * ld + cols, v);
        }
    }

    /** A new {@code double[][]} with the elements. */
    public double[][] toArray() {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows && cols > 0; i++) {
            System.arraycopy(data, offset + i * ld, a[i], 0, cols);
        }
        return a;
    }

    /** The first (row, column) holding a NaN or infinity, or null when all entries are finite. */
    public int[] firstNonFinite() {
        // x − x is 0 for finite x and NaN otherwise: four independent sums per block of rows test
        // the block at the speed of a read pass, and only a block whose sum is not 0 is searched
        int blockRows = Math.max(1, 4096 / Math.max(1, cols));
        for (int r0 = 0; r0 < rows; r0 += blockRows) {
            int r1 = Math.min(rows, r0 + blockRows);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = r0; i < r1; i++) {
                int base = offset + i * ld;
                int j = 0;
                for (; j + 3 < cols; j += 4) {
                    double a0 = data[base + j], a1 = data[base + j + 1];
                    double a2 = data[base + j + 2], a3 = data[base + j + 3];
                    s0 += a0 - a0;
                    s1 += a1 - a1;
                    s2 += a2 - a2;
                    s3 += a3 - a3;
                }
                for (; j < cols; j++) {
                    double a = data[base + j];
                    s0 += a - a;
                }
            }
            if (s0 + s1 + s2 + s3 != 0) {
                for (int i = r0; i < r1; i++) {
                    int base = offset + i * ld;
                    for (int j = 0; j < cols; j++) {
                        if (!Double.isFinite(data[base + j])) {
                            return new int[] {i, j};
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether the two views may share storage: the same array and overlapping index ranges. This is
     * conservative (interleaved strided views that never touch the same element still count).
     */
    public boolean mayOverlap(DenseMatrix o) {
        if (o.data != data || rows == 0 || cols == 0 || o.rows == 0 || o.cols == 0) {
            return false;
        }
        long a0 = offset;
        long a1 = offset + (long) (rows - 1) * ld + cols;
        long b0 = o.offset;
        long b1 = o.offset + (long) (o.rows - 1) * o.ld + o.cols;
        return a0 < b1 && b0 < a1;
    }

    private void checkElement(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + "x" + cols);
        }
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + "x" + cols + ", ld=" + ld + ", offset=" + offset + "]";
    }
}
