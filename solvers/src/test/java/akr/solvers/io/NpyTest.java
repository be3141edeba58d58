package akr.solvers.io;

import akr.kernels.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {

    @TempDir
    Path dir;

    /** Builds a .npy file byte by byte, as numpy writes it. */
    static byte[] npy(int major, String descr, boolean fortran, String shape, double[] values) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int pre = major == 1 ? 10 : 12;
        int pad = (64 - (pre + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        boolean big = descr.startsWith(">");
        int item = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(pre + header.length() + item * values.length);
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (item == 8) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsEveryLayoutByteOrderDtypeAndVersion() throws IOException {
        double[][] want = {{1, 2, 3}, {4, 5, 6}};
        for (int major : new int[] {1, 2, 3}) {
            for (String descr : new String[] {"<f8", ">f8", "<f4", ">f4"}) {
                DenseMatrix c = Npy.read(write("c.npy", npy(major, descr, false, "(2, 3)", new double[] {1, 2, 3, 4, 5, 6})));
                assertArrayEquals(want, c.toArray(), major + descr);
                DenseMatrix f = Npy.read(write("f.npy", npy(major, descr, true, "(2, 3)", new double[] {1, 4, 2, 5, 3, 6})));
                assertArrayEquals(want, f.toArray(), "fortran " + major + descr);
            }
        }
        DenseMatrix v = Npy.read(write("v.npy", npy(1, "<f8", false, "(4,)", new double[] {1, 2, 3, 4})));
        assertEquals(4, v.rows());
        assertEquals(1, v.cols());
    }

    @Test
    void arraysLargerThanOneReadChunkKeepEveryElementInPlace() throws IOException {
        int rows = 100_003; // 300 009 elements: several 1 MiB chunks and a partial last one, for both item sizes
        int cols = 3;
        double[] rowMajor = new double[rows * cols];
        double[] colMajor = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = i * cols + j - 150_000.5; // exact in float32 too
                rowMajor[i * cols + j] = v;
                colMajor[j * rows + i] = v;
            }
        }
        String shape = "(" + rows + ", " + cols + ")";
        for (String descr : new String[] {"<f8", ">f8", "<f4", ">f4"}) {
            DenseMatrix c = Npy.read(write("big.npy", npy(1, descr, false, shape, rowMajor)));
            assertArrayEquals(rowMajor, c.copy().data(), descr);
            DenseMatrix f = Npy.read(write("bigf.npy", npy(1, descr, true, shape, colMajor)));
            assertArrayEquals(rowMajor, f.copy().data(), "fortran " + descr);
        }
    }

    @Test
    void roundTripIsExactAndAtomic() throws IOException {
        DenseMatrix m = DenseMatrix.of(new double[][] {{Math.PI, -0.0, 1e-300}, {Double.MAX_VALUE, 7, -8}});
        Path p = dir.resolve("m.npy");
        Npy.write(p, m, false);
        assertArrayEquals(m.toArray(), Npy.read(p).toArray());
        double[] x = {1.5, -2.5, 3.25};
        Npy.write(p, x);
        assertArrayEquals(x, MatrixFiles.readVector(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
        assertEquals(0, (Files.size(p) - 3 * 8) % 64, "header padded to a multiple of 64 bytes");
    }

    @Test
    void badFilesAreClearErrors() throws IOException {
        byte[] good = npy(1, "<f8", false, "(2, 3)", new double[] {1, 2, 3, 4, 5, 6});
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
        MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> Npy.read(write("t.npy", truncated)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(MatrixFormatException.class,
                () -> Npy.read(write("i.npy", npy(1, "<i8", false, "(2,)", new double[] {1, 2}))));
        assertTrue(e.getMessage().contains("dtype"), e.getMessage());
        e = assertThrows(MatrixFormatException.class,
                () -> Npy.read(write("3d.npy", npy(1, "<f8", false, "(1, 1, 2)", new double[] {1, 2}))));
        assertTrue(e.getMessage().contains("3-dimensional"), e.getMessage());
        e = assertThrows(MatrixFormatException.class, () -> Npy.read(write("x.npy", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }
}
