package akr.solvers.power;

/**
 * A is numerically rank deficient: the estimated condition number of the R factor of its sketch
 * (or of A itself, for the direct method) exceeds 1/(100u) ≈ 9.0·10¹³, beyond which no double
 * precision method can return a meaningful solution of full-rank form.
 */
public class RankDeficientException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The threshold 1/(100u), u = 2⁻⁵³. */
    public static final double THRESHOLD = 1.0 / (100 * 0x1.0p-53);

    private final double condition;

    public RankDeficientException(String what, double condition) {
        super(String.format(java.util.Locale.ROOT,
                "A is numerically rank deficient: the estimated condition number of %s is %.3g, %s the limit 1/(100u) = %.3g",
                what, condition, Double.isInfinite(condition) ? "beyond" : String.format(java.util.Locale.ROOT,
                        "%.3gx", condition / THRESHOLD), THRESHOLD));
        this.condition = condition;
    }

    public double condition() {
        return condition;
    }
}
