package akr.solvers.io;

import akr.kernels.DenseMatrix;
import akr.solvers.power.RowSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A 2-D {@code .npy} file in C order (float64 or float32) as a {@link RowSource}: each pass reads the
 * file again, {@link #blockRows()} rows at a time into one reused block, so a solve by the normal
 * equations holds O(block + d²) of A instead of n·d (and the file is read while it is summed, with no
 * first touch of n·d fresh doubles). Every block is checked for NaN and ±∞ as it is read, until one
 * pass has read the whole file ({@link MatrixFormatException} naming the file and the entry); later
 * passes trust it. {@link #matrix()} reads the whole file once, for a route that needs A whole.
 *
 * <p>The file must not change while a solve reads it.
 */
public final class NpyRows implements RowSource {

    /** Bytes of one block of rows (at least one row). */
    static final int BLOCK_BYTES = 4 << 20;
    /** Bytes of the file mapped at a time (whole blocks; at least one). */
    static final long MAP_WINDOW_BYTES = 1L << 30;

    private final Path file;
    private final Npy.Layout layout;
    private final int rows;
    private final int cols;
    private final int blockRows;
    private DenseMatrix whole;
    /** Whether a pass has read (and checked) every block. */
    private volatile boolean checked;

    private NpyRows(Path file, Npy.Layout layout, int blockRows) {
        this.file = file;
        this.layout = layout;
        this.rows = (int) layout.rows();
        this.cols = (int) layout.cols();
        this.blockRows = blockRows;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws NoSuchFileException   when there is no such file
     * @throws MatrixFormatException when it is not a 2-D float64/float32 C-order {@code .npy} array
     *                               (a Fortran-order one is read whole by {@link Npy#read}), or has more
     *                               than 2³¹ − 1 rows
     */
    public static NpyRows open(Path file) throws IOException {
        return open(file, 0);
    }

    /** As {@link #open(Path)}, with blocks of {@code blockRows} rows (0: {@value #BLOCK_BYTES} bytes' worth). */
    static NpyRows open(Path file, int blockRows) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Npy.Layout h = Npy.layout(file, ch);
            if (h.shape().length != 2 || !h.rowMajor()) {
                throw new MatrixFormatException(file + ": block-by-block reading needs a 2-D C-order array"
                        + " (shape " + java.util.Arrays.toString(h.shape()) + (h.fortran() ? ", Fortran order" : "") + ")");
            }
            if (h.rows() > Integer.MAX_VALUE || h.cols() > Integer.MAX_VALUE) {
                throw new MatrixFormatException(file + ": " + h.rows() + "x" + h.cols() + " is beyond 2^31 - 1 rows or columns");
            }
            int rowsPerBlock = blockRows > 0 ? blockRows
                    : (int) Math.max(1, Math.min(h.rows(), BLOCK_BYTES / Math.max(1, 8 * h.cols())));
            return new NpyRows(file, h, rowsPerBlock);
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** The rows of every block but the last. */
    public int blockRows() {
        return blockRows;
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        if (whole != null) {
            visitor.accept(0, whole);
            return;
        }
        boolean check = !checked;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            DenseMatrix block = DenseMatrix.zeros(Math.min(blockRows, Math.max(rows, 1)), cols);
            float[] floats = layout.itemSize() == 4 ? new float[block.rows() * cols] : null;
            long rowBytes = (long) cols * layout.itemSize();
            // mapped windows of whole blocks: one copy from the page cache into the block, not two
            int windowBlocks = (int) Math.max(1, MAP_WINDOW_BYTES / Math.max(1, blockRows * rowBytes));
            for (int w0 = 0; w0 < rows; w0 += windowBlocks * blockRows) {
                int wRows = (int) Math.min((long) windowBlocks * blockRows, rows - w0);
                java.nio.MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY,
                        layout.dataOffset() + w0 * rowBytes, wRows * rowBytes);
                map.order(layout.order());
                for (int r0 = w0; r0 < w0 + wRows; r0 += blockRows) {
                    int m = Math.min(blockRows, rows - r0);
                    DenseMatrix b = m == block.rows() ? block : block.rows(0, m);
                    int at = (r0 - w0) * cols;
                    if (floats == null) {
                        map.asDoubleBuffer().get(at, b.data(), 0, m * cols);
                    } else {
                        map.asFloatBuffer().get(at, floats, 0, m * cols);
                        for (int i = 0; i < m * cols; i++) {
                            b.data()[i] = floats[i];
                        }
                    }
                    if (check) {
                        MatrixFiles.requireFinite(file, b, r0);
                    }
                    visitor.accept(r0, b);
                }
            }
            checked = true; // a file that does not change needs no second search
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DenseMatrix matrix() {
        if (whole == null) {
            try {
                DenseMatrix m = Npy.read(file);
                MatrixFiles.requireFinite(file, m);
                whole = m;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
        return whole;
    }

    @Override
    public boolean inMemory() {
        return whole != null;
    }
}
