package akr.solvers.io;

import akr.kernels.DenseMatrix;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files: reading float64 and float32 arrays of one or two dimensions, in C or
 * Fortran order, little- or big-endian, format versions 1.0, 2.0 and 3.0; writing float64 C-order
 * version 1.0 (2.0 when the header needs it).
 *
 * <p>A 1-D array of length n reads as an n×1 matrix. Any other dtype, a dimension count other than
 * 1 or 2, a truncated file or a malformed header is a {@link MatrixFormatException} naming the file
 * and the problem.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a 1-D or 2-D float64/float32 array as a matrix (1-D: n×1). */
    public static DenseMatrix read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout h = layout(file, ch);
            if ((long) h.rows * h.cols > Integer.MAX_VALUE - 8) {
                throw new MatrixFormatException(file + ": " + h.rows + "x" + h.cols + " elements do not fit one Java array");
            }
            DenseMatrix m = DenseMatrix.zeros((int) h.rows, (int) h.cols);
            readData(file, ch, h, m);
            return m;
        }
    }

    /**
     * The layout of an open {@code .npy} file: element type, order, shape (rows × cols, a 1-D array
     * n×1) and where the data start; checks that the file holds all the data the header promises.
     */
    static Layout layout(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(0);
        readFully(ch, pre, file, "the preamble");
        pre.flip();
        for (byte b : MAGIC) {
            if (pre.get() != b) {
                throw new MatrixFormatException(file + ": not a .npy file (bad magic string)");
            }
        }
        int major = pre.get() & 0xff;
        pre.get(); // minor
        long headerLen;
        int preamble;
        if (major == 1) {
            headerLen = pre.getShort() & 0xffff;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            headerLen = pre.getInt() & 0xffffffffL;
            preamble = 12;
        } else {
            throw new MatrixFormatException(file + ": unsupported .npy format version " + major);
        }
        if (preamble + headerLen > size) {
            throw new MatrixFormatException(file + ": truncated .npy header");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        ch.position(preamble);
        readFully(ch, hb, file, "the header");
        String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(file, header);
        long count = 1;
        for (long d : h.shape) {
            count = Math.multiplyExact(count, d);
        }
        long rows = h.shape.length == 0 ? 1 : h.shape[0];
        long cols = h.shape.length == 2 ? h.shape[1] : 1;
        long need = count * h.itemSize;
        long have = size - preamble - headerLen;
        if (have < need) {
            throw new MatrixFormatException(file + ": truncated data: " + have + " bytes, the header promises " + need);
        }
        return new Layout(h.order, h.itemSize, h.fortran, h.shape, rows, cols, preamble + headerLen);
    }

    /**
     * Reads all the data into {@code out} (rows × cols, contiguous rows), transposing a Fortran-order
     * array, with bulk copies out of a direct buffer: no per-element loop waiting for the JIT in a
     * cold JVM for float64 in row order.
     */
    private static void readData(Path file, FileChannel ch, Layout h, DenseMatrix out) throws IOException {
        ByteBuffer data = ByteBuffer.allocateDirect(1 << 20).order(h.order);
        boolean rowMajor = h.rowMajor();
        boolean direct = h.itemSize == 8 && rowMajor;
        double[] dst = out.data();
        double[] chunk = direct ? null : new double[data.capacity() / h.itemSize];
        float[] floats = h.itemSize == 4 ? new float[chunk.length] : null;
        long count = h.rows * h.cols;
        long pos = h.dataOffset;
        int idx = 0;
        while (idx < count) {
            data.clear();
            long remaining = (count - idx) * h.itemSize;
            data.limit((int) Math.min(data.capacity(), remaining));
            ch.position(pos);
            readFully(ch, data, file, "the data");
            pos += data.limit();
            data.flip();
            int k = data.remaining() / h.itemSize;
            if (direct) {
                data.asDoubleBuffer().get(dst, idx, k);
                idx += k;
                continue;
            }
            if (floats != null) {
                data.asFloatBuffer().get(floats, 0, k);
                for (int i = 0; i < k; i++) {
                    chunk[i] = floats[i];
                }
            } else {
                data.asDoubleBuffer().get(chunk, 0, k);
            }
            for (int i = 0; i < k; i++, idx++) {
                dst[rowMajor ? idx : (int) (idx % h.rows) * (int) h.cols + (int) (idx / h.rows)] = chunk[i];
            }
        }
    }

    /**
     * The layout of a {@code .npy} file's data.
     *
     * @param rows       rows (a 1-D array's length)
     * @param cols       columns (1 for a 1-D array)
     * @param dataOffset the byte offset of the first element
     */
    record Layout(ByteOrder order, int itemSize, boolean fortran, long[] shape, long rows, long cols,
                  long dataOffset) {

        /** Whether rows are stored one after another (C order, or one dimension). */
        boolean rowMajor() {
            return !fortran || shape.length < 2;
        }
    }

    private record Header(ByteOrder order, int itemSize, boolean fortran, long[] shape) {
    }

    private static Header parseHeader(Path file, String header) {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new MatrixFormatException(file + ": malformed .npy header: " + header.trim());
        }
        String descr = d.group(1);
        ByteOrder order;
        int itemSize;
        switch (descr) {
            case "<f8", "=f8" -> { order = ByteOrder.LITTLE_ENDIAN; itemSize = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; itemSize = 8; }
            case "<f4", "=f4" -> { order = ByteOrder.LITTLE_ENDIAN; itemSize = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; itemSize = 4; }
            default -> throw new MatrixFormatException(file + ": dtype '" + descr
                    + "' is not supported (float64 or float32 only)");
        }
        List<Long> dims = new ArrayList<>();
        for (String p : s.group(1).split(",")) {
            if (!p.isBlank()) {
                try {
                    dims.add(Long.parseLong(p.trim()));
                } catch (NumberFormatException e) {
                    throw new MatrixFormatException(file + ": malformed shape (" + s.group(1) + ")");
                }
            }
        }
        if (dims.size() > 2) {
            throw new MatrixFormatException(file + ": " + dims.size() + "-dimensional array (1 or 2 dimensions expected)");
        }
        if (dims.isEmpty()) {
            throw new MatrixFormatException(file + ": 0-dimensional array (1 or 2 dimensions expected)");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new Header(order, itemSize, f.group(1).equals("True"), shape);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, Path file, String what) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new MatrixFormatException(file + ": truncated .npy file while reading " + what);
            }
        }
    }

    /**
     * Writes a float64 C-order array: shape (rows,) when {@code asVector}, else (rows, cols). The
     * file appears atomically: data go to a temporary file in the same directory, which is then
     * renamed over {@code file}, so a failure never leaves a partial result.
     */
    public static void write(Path file, DenseMatrix m, boolean asVector) throws IOException {
        if (asVector && m.cols() != 1) {
            throw new IllegalArgumentException("a vector must have one column, got " + m.cols());
        }
        String shape = asVector ? "(" + m.rows() + ",)" : "(" + m.rows() + ", " + m.cols() + ")";
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int major = dict.length() + 11 > 65535 ? 2 : 1;
        int preamble = major == 1 ? 10 : 12;
        int total = preamble + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ByteBuffer pre = ByteBuffer.allocate(preamble).order(ByteOrder.LITTLE_ENDIAN);
                pre.put(MAGIC).put((byte) major).put((byte) 0);
                if (major == 1) {
                    pre.putShort((short) header.length());
                } else {
                    pre.putInt(header.length());
                }
                out.write(pre.array());
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                ByteBuffer row = ByteBuffer.allocate(8 * Math.max(1, m.cols())).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < m.rows(); i++) {
                    row.clear();
                    for (int j = 0; j < m.cols(); j++) {
                        row.putDouble(m.get(i, j));
                    }
                    out.write(row.array(), 0, row.position());
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a vector as a 1-D float64 array, atomically. */
    public static void write(Path file, double[] v) throws IOException {
        write(file, DenseMatrix.wrap(v, v.length, 1), true);
    }
}
