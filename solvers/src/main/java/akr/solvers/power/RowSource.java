package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * A tall matrix A (n×d) given as consecutive blocks of rows, so that a route which only makes passes
 * over A (the normal equations: AᵀA, Aᵀb and the refinement passes) never needs it whole in memory.
 * A route that needs A whole (QR, sketches, LSQR) asks for {@link #matrix()}.
 *
 * <p>{@link #of(DenseMatrix)} is a matrix in memory: one block, the matrix itself, so a solve from it
 * runs exactly the kernels, and gives the bits, of a solve from the {@code DenseMatrix}. A file read
 * block by block ({@code akr.solvers.io.NpyRows}) is read again for every pass; its blocks' sums are
 * added in block order, so its results are deterministic (and independent of the thread count) but
 * differ from the in-memory solve's in the last bits.
 */
public interface RowSource {

    /** n, the rows of A. */
    int rows();

    /** d, the columns of A. */
    int cols();

    /**
     * Calls {@code visitor} with every block of rows in order. A block is valid only during its call
     * (its storage may be reused for the next). A source that reads A checks each block as it reads
     * it and throws IllegalArgumentException naming the first NaN or ±∞; a matrix in memory is handed
     * out as it is (the solver searches it only when a pass turns out non-finite).
     *
     * @throws java.io.UncheckedIOException when A cannot be read
     */
    void forEachBlock(BlockVisitor visitor);

    /** A whole in memory (a file is read once, on the first call). */
    DenseMatrix matrix();

    /** Whether {@link #matrix()} is already in memory (no read needed). */
    boolean inMemory();

    /** Receives one block: rows [firstRow, firstRow + block.rows()) of A. */
    @FunctionalInterface
    interface BlockVisitor {
        void accept(int firstRow, DenseMatrix block);
    }

    /** The matrix {@code a} in memory, as a single block. */
    static RowSource of(DenseMatrix a) {
        if (a == null) {
            throw new IllegalArgumentException("A: null");
        }
        return new RowSource() {
            @Override
            public int rows() {
                return a.rows();
            }

            @Override
            public int cols() {
                return a.cols();
            }

            @Override
            public void forEachBlock(BlockVisitor visitor) {
                visitor.accept(0, a);
            }

            @Override
            public DenseMatrix matrix() {
                return a;
            }

            @Override
            public boolean inMemory() {
                return true;
            }
        };
    }
}
