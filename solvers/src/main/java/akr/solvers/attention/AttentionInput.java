package akr.solvers.attention;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks every solve makes before any work: shapes, finiteness, rows whose scaling e^{‖a_i‖²}
 * overflows, and (with λ = 0) duplicate rows, which make K exactly singular.
 */
final class AttentionInput {

    private AttentionInput() {
    }

    /**
     * @throws IllegalArgumentException on null, empty, mismatched or non-finite input and on rows
     *                                  with ‖a_i‖² ≥ ln(MAX_VALUE), naming them
     * @throws SingularKernelException  with λ = 0 when two rows of A are equal, naming the pair
     */
    static void validate(DenseMatrix a, double[] b, AttentionOptions o) {
        if (b == null) {
            throw new IllegalArgumentException("b: null");
        }
        validateShape(a, o);
        if (b.length != a.rows()) {
            throw new IllegalArgumentException("b has length " + b.length + ", expected " + a.rows() + " (the rows of A)");
        }
        Checks.finite("b", b);
        validatePoints(a, o);
    }

    /** As {@link #validate(DenseMatrix, double[], AttentionOptions)} for an n×r block of right-hand sides. */
    static void validate(DenseMatrix a, DenseMatrix b, AttentionOptions o) {
        if (b == null) {
            throw new IllegalArgumentException("B: null");
        }
        validateShape(a, o);
        if (b.rows() != a.rows() || b.cols() < 1) {
            throw new IllegalArgumentException("B is " + b.rows() + "x" + b.cols() + ", expected " + a.rows()
                    + " rows (those of A) and at least one column");
        }
        Checks.finite("B", b);
        validatePoints(a, o);
    }

    private static void validateShape(DenseMatrix a, AttentionOptions o) {
        if (a == null) {
            throw new IllegalArgumentException("A: null");
        }
        if (o == null) {
            throw new IllegalArgumentException("options: null");
        }
        if (a.rows() < 1 || a.cols() < 1) {
            throw new IllegalArgumentException("A is " + a.rows() + "x" + a.cols() + ": it needs at least one row and column");
        }
    }

    private static void validatePoints(DenseMatrix a, AttentionOptions o) {
        int n = a.rows();
        Checks.finite("A", a);
        List<Integer> bad = new ArrayList<>();
        double[] h = ExpGram.halfSquaredNorms(a);
        for (int i = 0; i < n; i++) {
            if (2 * h[i] >= ExpGram.LOG_MAX) {
                bad.add(i);
            }
        }
        if (!bad.isEmpty()) {
            int first = bad.get(0);
            throw new IllegalArgumentException(bad.size() + " row(s) of A " + listed(bad) + " have ‖a_i‖² >= ln(MAX_VALUE) = "
                    + String.format(Locale.ROOT, "%.2f", ExpGram.LOG_MAX) + " (‖a_" + first + "‖² = "
                    + 2 * h[first] + "): K_ii = exp(‖a_i‖²) and the scaling D² overflow a double; rescale A");
        }
        if (o.ridge() == 0) {
            int[] dup = duplicateRows(a);
            if (dup != null) {
                throw new SingularKernelException("rows " + dup[0] + " and " + dup[1] + " of A are equal, so K = exp(A·Aᵀ)"
                        + " is singular and (K + λI)x = b with λ = 0 has no unique solution; remove duplicates or"
                        + " use a ridge λ > 0", dup);
            }
        }
    }

    /** A pair of equal rows (i &lt; j), or null. O(n·d) expected time. */
    static int[] duplicateRows(DenseMatrix a) {
        int n = a.rows();
        int d = a.cols();
        Map<Integer, Integer> firstByHash = new HashMap<>();
        Map<Integer, List<Integer>> more = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int hash = 1;
            for (int j = 0; j < d; j++) {
                double v = a.get(i, j);
                hash = 31 * hash + Double.hashCode(v == 0 ? 0.0 : v); // -0.0 equals 0.0
            }
            Integer prev = firstByHash.putIfAbsent(hash, i);
            if (prev != null) {
                List<Integer> candidates = more.computeIfAbsent(hash, k -> new ArrayList<>(List.of(prev)));
                for (int c : candidates) {
                    if (equalRows(a, c, i)) {
                        return new int[] {c, i};
                    }
                }
                candidates.add(i);
            }
        }
        return null;
    }

    private static boolean equalRows(DenseMatrix a, int i, int j) {
        for (int k = 0; k < a.cols(); k++) {
            if (a.get(i, k) != a.get(j, k)) {
                return false;
            }
        }
        return true;
    }

    private static String listed(List<Integer> rows) {
        List<Integer> head = rows.subList(0, Math.min(10, rows.size()));
        String s = head.toString();
        return rows.size() > 10 ? s.substring(0, s.length() - 1) + ", …]" : s;
    }
}
