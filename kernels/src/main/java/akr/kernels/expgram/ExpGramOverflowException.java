package akr.kernels.expgram;

import akr.kernels.DenseMatrix;

import java.util.Arrays;

/**
 * An entry of K = exp(A·Aᵀ) (or of the cross kernel exp(B·Aᵀ)), or an element of a product with it,
 * exceeds the largest double. {@link #rows()} names the rows of the first operand (A, or B for the
 * cross kernel) that are involved; {@link #column()} the row of A of the overflowing entry, or −1 when
 * no single entry overflows (the sum does). The Gaussian form D⁻¹KD⁻¹ avoids the overflow.
 */
public final class ExpGramOverflowException extends ArithmeticException {

    private static final long serialVersionUID = 1L;
    private static final int LISTED = 10;

    private final int[] rows;
    private final int column;

    private ExpGramOverflowException(String message, int[] rows, int column) {
        super(message);
        this.rows = rows.clone();
        this.column = column;
    }

    /** The offending rows (of A, or of B for the cross kernel), in increasing order. */
    public int[] rows() {
        return rows.clone();
    }

    /** The row of A of the overflowing entry, or −1 when only a sum overflows. */
    public int column() {
        return column;
    }

    static ExpGramOverflowException diagonal(int[] rows, DenseMatrix a) {
        int first = rows[0];
        return new ExpGramOverflowException("exp(A·Aᵀ) overflows a double: ‖a_i‖² > ln(MAX_VALUE) = "
                + ExpGram.LOG_MAX + " for " + rows.length + " row(s) " + list(rows) + " (‖a_" + first + "‖² = "
                + ExpGram.squaredNorm(a, first) + "); use the Gaussian-scaled form", rows, first);
    }

    static ExpGramOverflowException entry(int i, int j, DenseMatrix b, DenseMatrix a) {
        return new ExpGramOverflowException("entry (" + i + ", " + j + ") = exp(" + dot(b, i, a, j)
                + ") of the exp kernel overflows a double (rows " + i + " and " + j + ")", new int[] {i}, j);
    }

    /** Diagnoses a non-finite output row i of a product with exp(B·Aᵀ). */
    static ExpGramOverflowException row(int i, DenseMatrix b, DenseMatrix a, ExpGram.Form form) {
        if (form == ExpGram.Form.EXP) {
            int worst = -1;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < a.rows(); j++) {
                double v = dot(b, i, a, j);
                if (v > max) {
                    max = v;
                    worst = j;
                }
            }
            if (worst >= 0 && max > ExpGram.LOG_MAX * (1 - 1e-12)) {
                return entry(i, worst, b, a);
            }
        }
        return new ExpGramOverflowException("row " + i + " of the product with the exp kernel overflows a double "
                + "(no single entry does; scale the right-hand side or use the Gaussian-scaled form)", new int[] {i}, -1);
    }

    private static double dot(DenseMatrix b, int i, DenseMatrix a, int j) {
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
            s = Math.fma(b.get(i, k), a.get(j, k), s);
        }
        return s;
    }

    private static String list(int[] rows) {
        int[] head = Arrays.copyOf(rows, Math.min(rows.length, LISTED));
        String s = Arrays.toString(head);
        return rows.length > LISTED ? s.substring(0, s.length() - 1) + ", …]" : s;
    }
}
