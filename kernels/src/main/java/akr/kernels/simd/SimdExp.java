package akr.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lanewise e^x for the exp-Gram kernels: a polynomial implementation built from FMAs only, and the
 * Vector API's {@code lanewise(EXP)} for comparison.
 *
 * <p><b>Polynomial exp.</b> x = n·ln2 + r with n = round(x·log₂e) (by adding and subtracting
 * 1.5·2⁵²) and r = (x − n·ln2_hi) − n·ln2_lo (Cody–Waite, two FMAs; ln2_hi has 32 significant bits so
 * n·ln2_hi is exact for |n| ≤ 2²⁰), so |r| ≤ ln2/2 + 2⁻⁴⁰. Then e^x = 2^{n−1}·2·P(r) with
 * P the degree-13 Taylor polynomial of e^r, evaluated by Horner's rule with coefficients 2/k!; the
 * factor 2^{n−1} is built in the exponent field, which stays normal for n ∈ [−1021, 1024].
 * <ul>
 *   <li>Truncation: |r|¹⁴/14!·e^{|r|}/e^r ≤ 0.3466¹⁴/14!·2 ≈ 8·10⁻¹⁸ ≈ 0.08u relative.</li>
 *   <li>Reduction: r carries a relative error ≤ u, so e^r a relative error ≤ u·|r| ≤ 0.35u.</li>
 *   <li>Horner with |r| ≤ 0.35: the terms decrease by ≥ 2.9× per degree, so the rounding errors sum
 *       to ≤ u·(1 + 0.35 + 0.35² + …)·(1 + …) ≈ 1.6u relative; the final scaling is exact.</li>
 * </ul>
 * In total ≤ 2.1u, i.e. at most 2 ulp (the property tests check ≤ 2 ulp against
 * {@link StrictMath#exp}). Edge cases: x &gt; ln(MAX_VALUE) gives +∞; x &lt; −708 gives 0 (the true
 * value is below 3.3·10⁻³⁰⁸: subnormal results are flushed to zero); NaN gives NaN.
 *
 * <p><b>Why the polynomial is the default.</b> It uses only operations with exactly specified IEEE
 * results (add, multiply, FMA, compare, blend, bit shifts), so the interpreter, C1 and C2 all compute
 * the same bits. {@code lanewise(EXP)} is an SVML-style stub in C2-compiled code but
 * {@link Math#exp} per lane in the interpreter and C1; the two differ in the last bit, which would
 * make kernel results depend on the JIT's state (the determinism tests caught it). Costs of both:
 * {@code ExpBench}, bench/notes/2026-11-29-expgram.md.
 * {@code -Dakr.simd.exp=lanewise} selects the intrinsic (for measurements only).
 */
public final class SimdExp {

    /** Property choosing the exp of the SIMD kernels: {@code polynomial} (default) or {@code lanewise}. */
    public static final String EXP_PROPERTY = "akr.simd.exp";
    /** Whether the kernels use {@link #polynomial} rather than {@link #lanewise}. */
    public static final boolean USE_POLYNOMIAL = !"lanewise".equals(System.getProperty(EXP_PROPERTY));

    /** ln(Double.MAX_VALUE): larger arguments overflow. */
    public static final double OVERFLOW = 709.782712893384;
    /** Arguments below this give 0. */
    public static final double FLUSH = -708.0;

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SHIFTER = 0x1.8p52;
    private static final long EXPONENT_BIAS_MINUS_ONE = 1022;
    private static final int DEGREE = 13;
    private static final double[] C = new double[DEGREE + 1];

    static {
        double f = 1;
        for (int k = 0; k <= DEGREE; k++) {
            f = k == 0 ? 1 : f * k;
            C[k] = 2.0 / f;
        }
    }

    private static final double C0 = C[0], C1 = C[1], C2 = C[2], C3 = C[3], C4 = C[4], C5 = C[5], C6 = C[6];
    private static final double C7 = C[7], C8 = C[8], C9 = C[9], C10 = C[10], C11 = C[11], C12 = C[12], C13 = C[13];

    private SimdExp() {
    }

    /** e^x lanewise with the kernels' choice of implementation (species {@link SimdSupport#DOUBLE}). */
    public static DoubleVector exp(DoubleVector x) {
        return USE_POLYNOMIAL ? polynomial(x) : lanewise(x);
    }

    /** The Vector API's intrinsic: {@code x.lanewise(VectorOperators.EXP)}. */
    public static DoubleVector lanewise(DoubleVector x) {
        return x.lanewise(VectorOperators.EXP);
    }

    /** The polynomial e^x described above (≤ 2 ulp, flushes results below e^{−708} to 0). */
    public static DoubleVector polynomial(DoubleVector x) {
        VectorMask<Double> low = x.compare(VectorOperators.LT, FLUSH);
        VectorMask<Double> high = x.compare(VectorOperators.GT, OVERFLOW);
        DoubleVector xc = x.blend(FLUSH, low).blend(OVERFLOW, high);
        DoubleVector kd = xc.fma(LOG2E, SHIFTER);
        DoubleVector n = kd.sub(SHIFTER);
        DoubleVector r = n.fma(DoubleVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector p = horner(r);
        LongVector bits = kd.reinterpretAsLongs().add(EXPONENT_BIAS_MINUS_ONE).lanewise(VectorOperators.LSHL, 52);
        DoubleVector y = p.mul(bits.reinterpretAsDoubles());
        return y.blend(0.0, low).blend(Double.POSITIVE_INFINITY, high);
    }

    /**
     * 2·Σ_{k ≤ 13} r^k/k! by Horner's rule. A method of its own so that both halves of
     * {@link #polynomial} stay below C2's inlining size limit (a Vector API value passed to a call
     * that is not inlined is boxed, which is slower by an order of magnitude).
     */
    private static DoubleVector horner(DoubleVector r) {
        DoubleVector p = r.fma(DoubleVector.broadcast(S, C13), DoubleVector.broadcast(S, C12));
        p = p.fma(r, DoubleVector.broadcast(S, C11));
        p = p.fma(r, DoubleVector.broadcast(S, C10));
        p = p.fma(r, DoubleVector.broadcast(S, C9));
        p = p.fma(r, DoubleVector.broadcast(S, C8));
        p = p.fma(r, DoubleVector.broadcast(S, C7));
        p = p.fma(r, DoubleVector.broadcast(S, C6));
        p = p.fma(r, DoubleVector.broadcast(S, C5));
        p = p.fma(r, DoubleVector.broadcast(S, C4));
        p = p.fma(r, DoubleVector.broadcast(S, C3));
        p = p.fma(r, DoubleVector.broadcast(S, C2));
        p = p.fma(r, DoubleVector.broadcast(S, C1));
        p = p.fma(r, DoubleVector.broadcast(S, C0));
        return p;
    }
}
