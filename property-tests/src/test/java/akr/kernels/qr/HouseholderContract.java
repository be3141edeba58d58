package akr.kernels.qr;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static akr.kernels.TestTiers.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of the {@link Householder} kernels must satisfy; subclassed once per tier. */
abstract class HouseholderContract {

    private final Householder ref = Householder.of(Tier.REFERENCE);

    abstract Tier tier();

    Householder k() {
        return Householder.of(tier());
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Sizes.upTo(70);
    }

    /** The full m×m Q of a factored view, as Q·I. */
    private DenseMatrix fullQ(Householder h, DenseMatrix f, double[] tau) {
        DenseMatrix q = DenseMatrix.identity(f.rows());
        h.apply(Op.N, f.view(0, 0, f.rows(), Math.min(f.rows(), f.cols())), tau, 0, q);
        return q;
    }

    private static DenseMatrix upper(DenseMatrix f) {
        DenseMatrix r = DenseMatrix.zeros(f.rows(), f.cols());
        for (int i = 0; i < f.rows(); i++) {
            for (int j = i; j < f.cols(); j++) {
                r.set(i, j, f.get(i, j));
            }
        }
        return r;
    }

    @Property(tries = 120)
    void factorReconstructsAndMatchesReference(@ForAll("dims") int m, @ForAll("dims") int n,
                                               @ForAll @IntRange(max = 7) int offset,
                                               @ForAll @IntRange(max = 5) int padLd, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, m, n, offset, padLd);
        DenseMatrix orig = a.copy();
        int kk = Math.min(m, n);
        double[] tau = new double[kk + 2];
        k().factor(a, tau, 2);
        // padding (NaN) untouched, so no element outside the view was written
        for (int i = 0; i < offset; i++) {
            assertTrue(Double.isNaN(a.data()[i]), "element before the view written");
        }
        double[] tauOnly = java.util.Arrays.copyOfRange(tau, 2, kk + 2);
        DenseMatrix q = fullQ(k(), a, tauOnly);
        double norm = QrTestMath.frobenius(orig);
        double tol = 10.0 * (m + 1) * (n + 1) * U;
        assertTrue(QrTestMath.frobeniusDistance(QrTestMath.multiply(q, upper(a)), orig) <= tol * Math.max(norm, 1e-300),
                "QR != A");
        assertTrue(QrTestMath.orthogonalityError(q) <= tol, "Q not orthogonal");
        for (int j = 0; j < kk; j++) {
            double t = tauOnly[j];
            assertTrue(t == 0 || t >= 1 - 4 * U && t <= 2 + 4 * U, "tau out of [1, 2]: " + t);
        }
        if (m >= 2 * n) { // well conditioned enough to compare entries of R with the reference
            DenseMatrix b = orig.copy();
            double[] tauRef = new double[kk];
            ref.factor(b, tauRef, 0);
            for (int i = 0; i < kk; i++) {
                for (int j = i; j < n; j++) {
                    assertEquals(b.get(i, j), a.get(i, j), 100 * (m + n) * U * Math.max(norm, 1), "R(" + i + "," + j + ")");
                }
            }
        }
    }

    @Property(tries = 80)
    void applyQtThenQReturnsTheInput(@ForAll("dims") int m, @ForAll @IntRange(max = 40) int n,
                                     @ForAll @IntRange(min = 1, max = 12) int p, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, m, Math.min(n, m), 0, 1);
        double[] tau = new double[a.cols()];
        k().factor(a, tau, 0);
        DenseMatrix c = RandomData.matrix(seed + 1, m, p, 3, 2);
        DenseMatrix c0 = c.copy();
        k().apply(Op.T, a, tau, 0, c);
        k().apply(Op.N, a, tau, 0, c);
        assertTrue(QrTestMath.frobeniusDistance(c, c0) <= 10.0 * (m + 1) * (a.cols() + 1) * U * Math.max(1, QrTestMath.frobenius(c0)));
        // Qᵀ preserves column norms
        DenseMatrix d = c0.copy();
        k().apply(Op.T, a, tau, 0, d);
        assertEquals(QrTestMath.frobenius(c0), QrTestMath.frobenius(d), 10.0 * (m + 1) * U * Math.max(1, QrTestMath.frobenius(c0)));
    }

    @Property(tries = 60)
    void stackedTrianglesFactorAndApply(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        DenseMatrix t1 = upper(QrTestMath.random(seed, n, n));
        DenseMatrix t2 = upper(QrTestMath.random(seed + 1, n, n));
        DenseMatrix top = t1.copy();
        DenseMatrix bottom = t2.copy();
        double[] tau = new double[n];
        k().factorStacked(top, bottom, tau, 0);
        DenseMatrix rTop = t1.copy();
        DenseMatrix rBottom = t2.copy();
        double[] tauRef = new double[n];
        ref.factorStacked(rTop, rBottom, tauRef, 0);
        double scale = Math.max(1, QrTestMath.frobenius(t1) + QrTestMath.frobenius(t2));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(rTop.get(i, j), top.get(i, j), 100 * n * U * scale);
                if (j < i) {
                    assertEquals(0.0, top.get(i, j), "top's lower triangle written");
                    assertEquals(0.0, bottom.get(i, j), "bottom's lower triangle written");
                }
            }
        }
        // Qᵀ·[T1; T2] = [R; 0]
        DenseMatrix c1 = t1.copy();
        DenseMatrix c2 = t2.copy();
        k().applyStacked(Op.T, bottom, tau, 0, c1, c2);
        assertTrue(QrTestMath.frobeniusDistance(c1, upper(top)) <= 100 * n * U * scale);
        assertTrue(QrTestMath.frobenius(c2) <= 100 * n * U * scale);
        // and back
        k().applyStacked(Op.N, bottom, tau, 0, c1, c2);
        assertTrue(QrTestMath.frobeniusDistance(c1, t1) + QrTestMath.frobeniusDistance(c2, t2) <= 100 * n * U * scale);
    }

    @Property(tries = 30)
    void extremeScalesDoNotOverflowOrUnderflow(@ForAll @IntRange(min = 1, max = 30) int m,
                                               @ForAll @IntRange(min = 1, max = 10) int n,
                                               @ForAll @IntRange(min = -1000, max = 1000) int exponent,
                                               @ForAll long seed) {
        DenseMatrix a = QrTestMath.random(seed, m, n);
        double s = Math.scalb(1.0, exponent);
        DenseMatrix scaled = a.copy();
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] *= s;
        }
        double[] tau = new double[Math.min(m, n)];
        double[] tauScaled = new double[Math.min(m, n)];
        DenseMatrix f = a.copy();
        k().factor(f, tau, 0);
        k().factor(scaled, tauScaled, 0);
        for (int i = 0; i < Math.min(m, n); i++) {
            for (int j = i; j < n; j++) {
                double want = f.get(i, j);
                double got = scaled.get(i, j) / s;
                assertTrue(Double.isFinite(got), "non-finite R entry at scale 2^" + exponent);
                assertEquals(want, got, 1e3 * (m + n) * U * Math.max(1, QrTestMath.frobenius(a)));
            }
        }
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        double[] before = a.data().clone();
        assertThrows(IllegalArgumentException.class, () -> k().factor(null, new double[2], 0));
        assertThrows(IllegalArgumentException.class, () -> k().factor(a, new double[1], 0));
        assertThrows(IllegalArgumentException.class, () -> k().factor(a, a.data(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> k().apply(Op.T, a, new double[2], 0, DenseMatrix.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> k().apply(Op.T, a, new double[2], 0, a));
        assertThrows(IllegalArgumentException.class,
                () -> k().factorStacked(DenseMatrix.zeros(2, 2), DenseMatrix.zeros(3, 3), new double[2], 0));
        DenseMatrix sq = DenseMatrix.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> k().factorStacked(sq, sq, new double[2], 0));
        assertThrows(IllegalArgumentException.class, () -> k().applyStacked(Op.T, DenseMatrix.zeros(2, 2),
                new double[2], 0, DenseMatrix.zeros(2, 1), DenseMatrix.zeros(2, 2)));
        assertArrayEquals(before, a.data());
    }
}
