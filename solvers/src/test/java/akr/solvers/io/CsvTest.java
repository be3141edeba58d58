package akr.solvers.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void readsCommasWhitespaceHeadersAndComments() throws IOException {
        Path p = dir.resolve("a.csv");
        Files.writeString(p, "x,y\n# comment\n1, 2\n\n3\t4\n-5e-1 6.25\n");
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {-0.5, 6.25}}, MatrixFiles.readMatrix(p).toArray());
        Path v = dir.resolve("v.txt");
        Files.writeString(v, "1 2 3\n");
        assertArrayEquals(new double[] {1, 2, 3}, MatrixFiles.readVector(v));
    }

    @Test
    void raggedRowsAndBadNumbersNameTheLine() throws IOException {
        Path p = dir.resolve("r.csv");
        Files.writeString(p, "1,2\n3\n");
        MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> MatrixFiles.readMatrix(p));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(p, "1,2\n3,abc\n");
        e = assertThrows(MatrixFormatException.class, () -> MatrixFiles.readMatrix(p));
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
        Files.writeString(p, "\n");
        assertThrows(MatrixFormatException.class, () -> MatrixFiles.readMatrix(p));
        Files.writeString(p, "1,2\n3,4\n");
        assertThrows(MatrixFormatException.class, () -> MatrixFiles.readVector(p));
    }
}
