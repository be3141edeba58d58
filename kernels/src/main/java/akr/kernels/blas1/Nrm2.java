package akr.kernels.blas1;

/**
 * The two-pass safe Euclidean norm shared by the scalar and SIMD tiers.
 *
 * <p>Pass 1 sums the squares directly. The result is accepted when it is finite and at least
 * 2⁻⁹⁹⁰: then no square overflowed, and the squares that underflowed (each below 2⁻¹⁰²², absolute
 * error ≤ 2⁻¹⁰⁷⁴ each) change the sum, for n < 2³¹, by less than 2⁻¹⁰⁴³ ≤ u·2⁻⁹⁹⁰ relatively. Otherwise
 * pass 2 finds max|x_i| (NaN or ∞ decide the result at once) and sums the squares of x_i·2⁻ᵉ, with
 * 2ᵉ the power of two of the maximum, which is exact scaling; the result is scaled back by 2ᵉ.
 */
public final class Nrm2 {

    /** Smallest unscaled sum of squares pass 1 accepts. */
    public static final double MIN_ACCEPTED = 0x1.0p-990;

    private Nrm2() {
    }

    /** Whether pass 1's sum of squares {@code s} is the answer's square. */
    public static boolean accept(double s) {
        return s >= MIN_ACCEPTED && s <= Double.MAX_VALUE;
    }

    /**
     * The power of two by which to scale x given max|x_i| (finite, &gt; 0), so that the largest
     * scaled magnitude lies in [1, 2).
     */
    public static double scaleFor(double max) {
        return Math.scalb(1.0, -Math.getExponent(max));
    }
}
