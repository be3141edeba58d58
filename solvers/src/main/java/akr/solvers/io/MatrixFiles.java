package akr.solvers.io;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads matrices and vectors from {@code .npy} or {@code .csv}/text files, chosen by extension. */
public final class MatrixFiles {

    private MatrixFiles() {
    }

    /** A matrix from a {@code .npy} file or a text file (any other extension). */
    public static DenseMatrix readMatrix(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") ? Npy.read(file) : Csv.read(file);
    }

    /**
     * A vector: a 1-D array, or a matrix with one column (or one row). Anything else is a
     * {@link MatrixFormatException}.
     */
    public static double[] readVector(Path file) throws IOException {
        DenseMatrix m = readMatrix(file);
        if (m.cols() == 1) {
            return m.copy().data();
        }
        if (m.rows() == 1) {
            return m.copy().data();
        }
        throw new MatrixFormatException(file + ": a " + m.rows() + "x" + m.cols() + " matrix is not a vector");
    }

    /**
     * Rejects NaN and infinities, naming the file and the first offending entry.
     */
    public static void requireFinite(Path file, DenseMatrix m) {
        requireFinite(file, m, 0);
    }

    /** {@link #requireFinite(Path, DenseMatrix)} for the rows of the file's matrix from {@code firstRow} on. */
    static void requireFinite(Path file, DenseMatrix m, long firstRow) {
        try {
            Checks.finite(file.toString(), m, firstRow);
        } catch (IllegalArgumentException e) {
            throw new MatrixFormatException(e.getMessage());
        }
    }
}
