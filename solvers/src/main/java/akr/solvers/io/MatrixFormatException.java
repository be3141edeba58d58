package akr.solvers.io;

/** An input file is not a matrix akr can read; the message names the file and the problem. */
public class MatrixFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MatrixFormatException(String message) {
        super(message);
    }
}
