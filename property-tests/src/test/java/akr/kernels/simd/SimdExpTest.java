package akr.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both lanewise exps of the exp-Gram kernels against {@link StrictMath#exp}, at the species in use. */
class SimdExpTest {

    private static final int L = SimdSupport.LANES;

    /** Error in ulps of the correctly rounded neighbourhood: |got − want| / ulp(want). */
    private static double ulps(double got, double want) {
        return Math.abs(got - want) / Math.ulp(want);
    }

    private static double[] apply(boolean polynomial, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i += L) {
            DoubleVector v = DoubleVector.fromArray(SimdSupport.DOUBLE, x, i);
            (polynomial ? SimdExp.polynomial(v) : SimdExp.lanewise(v)).intoArray(y, i);
        }
        return y;
    }

    @Property(tries = 200)
    void polynomialIsWithinTwoUlps(@ForAll @DoubleRange(min = -708, max = 709.78) double x0,
                                   @ForAll @DoubleRange(min = -1, max = 1) double x1) {
        double[] x = new double[8 * L];
        for (int i = 0; i < x.length; i++) {
            // one wide-range point and points near zero and near multiples of ln 2 / 2 (reduction edges)
            x[i] = i == 0 ? x0 : (i % 2 == 0 ? x1 * i / x.length : Math.round(x0 / 0.34657359) * 0.34657359 + x1 * 1e-9 * i);
            x[i] = Math.max(-708, Math.min(709.78, x[i]));
        }
        double[] y = apply(true, x);
        double[] z = apply(false, x);
        for (int i = 0; i < x.length; i++) {
            double want = StrictMath.exp(x[i]);
            assertTrue(ulps(y[i], want) <= 2, "polynomial exp(" + x[i] + ") = " + y[i] + ", want " + want);
            assertTrue(ulps(z[i], want) <= 1, "lanewise exp(" + x[i] + ") = " + z[i] + ", want " + want);
        }
    }

    @Example
    void polynomialEdgeCases() {
        double[] x = new double[2 * L];
        double[] special = {0.0, -0.0, 1.0, SimdExp.OVERFLOW, 709.8, 1e300, Double.POSITIVE_INFINITY, -708.0,
            -708.5, -1e300, Double.NEGATIVE_INFINITY, Double.NaN, -1e-300, 0.5 * Math.log(2), -0.5 * Math.log(2), 1e-20};
        for (int start = 0; start < special.length; start += x.length) {
            int m = Math.min(x.length, special.length - start);
            System.arraycopy(special, start, x, 0, m);
            double[] y = apply(true, x);
            for (int i = 0; i < m; i++) {
                double v = x[i];
                if (Double.isNaN(v)) {
                    assertTrue(Double.isNaN(y[i]));
                } else if (v > SimdExp.OVERFLOW) {
                    assertEquals(Double.POSITIVE_INFINITY, y[i], "exp(" + v + ")");
                } else if (v < SimdExp.FLUSH) {
                    assertEquals(0.0, y[i], "exp(" + v + ")");
                } else {
                    assertTrue(ulps(y[i], StrictMath.exp(v)) <= 2, "exp(" + v + ") = " + y[i]);
                }
            }
        }
        assertEquals(1.0, apply(true, new double[L])[0]);
    }
}
