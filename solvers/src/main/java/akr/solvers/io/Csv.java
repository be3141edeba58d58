package akr.solvers.io;

import akr.kernels.DenseMatrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Text matrices: one row per line, numbers separated by commas and/or white space. Blank lines and
 * lines starting with {@code #} are skipped; a first line that does not parse as numbers is taken
 * as a header and skipped. Every row must have the same number of entries.
 */
public final class Csv {

    private Csv() {
    }

    public static DenseMatrix read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        int lineNo = 0;
        boolean first = true;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("[,\\s]+");
                double[] row = new double[parts.length];
                boolean ok = true;
                for (int j = 0; j < parts.length; j++) {
                    try {
                        row[j] = Double.parseDouble(parts[j]);
                    } catch (NumberFormatException e) {
                        ok = false;
                        if (!first) {
                            throw new MatrixFormatException(file + ": line " + lineNo + ", entry " + (j + 1)
                                    + ": '" + parts[j] + "' is not a number");
                        }
                        break;
                    }
                }
                boolean header = first && !ok;
                first = false;
                if (header) {
                    continue;
                }
                if (cols < 0) {
                    cols = row.length;
                } else if (row.length != cols) {
                    throw new MatrixFormatException(file + ": line " + lineNo + " has " + row.length
                            + " entries, earlier rows have " + cols);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new MatrixFormatException(file + ": no numeric rows");
        }
        DenseMatrix m = DenseMatrix.zeros(rows.size(), cols);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, m.data(), i * cols, cols);
        }
        return m;
    }
}
