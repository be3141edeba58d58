package akr.spark;

import akr.kernels.DenseMatrix;

import java.io.Serializable;

/**
 * A contiguous block of rows of A (and of b): rows [rowOffset, rowOffset + rows) of the global
 * n×d matrix, row-major. The unit a partition of a {@link RowBlocks} holds; the global row offset
 * is what keys the counter-based randomness of the sketches, so a block is sketched the same on
 * whichever executor it lands.
 *
 * @param rowOffset the global index of the block's first row
 * @param rows      rows in the block (≥ 1)
 * @param cols      d, the columns of A
 * @param a         the rows of A, row-major, length rows·cols
 * @param b         the entries of b for these rows (length rows), or null when the problem has no
 *                  per-row right-hand side (gram-power, or A alone)
 */
public record RowBlock(int rowOffset, int rows, int cols, double[] a, double[] b) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates the shapes (not the values: finiteness is checked once, in {@link RowBlocks}). */
    public RowBlock {
        if (rowOffset < 0) {
            throw new IllegalArgumentException("rowOffset: " + rowOffset + " (must be >= 0)");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("block " + rows + "x" + cols + " (both must be >= 1)");
        }
        if (a == null || a.length != (long) rows * cols) {
            throw new IllegalArgumentException("a: " + (a == null ? "null" : "length " + a.length) + ", expected "
                    + (long) rows * cols + " for " + rows + "x" + cols);
        }
        if (b != null && b.length != rows) {
            throw new IllegalArgumentException("b: length " + b.length + ", expected " + rows);
        }
    }

    /** The block as a DenseMatrix view of {@link #a()} (no copy). */
    public DenseMatrix matrix() {
        return DenseMatrix.wrap(a, rows, cols);
    }

    /** The first global row after the block. */
    public int endRow() {
        return rowOffset + rows;
    }
}
