package akr.kernels.qr;

import akr.kernels.Kernels;
import akr.kernels.DenseMatrix;
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

/** What {@link PivotedHouseholderQr} must satisfy with every kernel tier; subclassed once per tier. */
abstract class PivotedHouseholderQrContract {

    abstract Tier tier();

    @Provide
    Arbitrary<Integer> dims() {
        return Sizes.upTo(40);
    }

    private static DenseMatrix permuted(DenseMatrix a, int[] p) {
        DenseMatrix ap = DenseMatrix.zeros(a.rows(), a.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                ap.set(i, j, a.get(i, p[j]));
            }
        }
        return ap;
    }

    private void assertPivotedFactorisation(DenseMatrix a, PivotedHouseholderQr qr) {
        int m = a.rows();
        int n = a.cols();
        int[] p = qr.permutation();
        int[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        for (int j = 0; j < n; j++) {
            assertEquals(j, sorted[j], "not a permutation");
        }
        DenseMatrix q = qr.thinQ();
        DenseMatrix r = qr.r();
        double tol = 10.0 * (m + 1) * (n + 1) * U;
        assertTrue(QrTestMath.frobeniusDistance(QrTestMath.multiply(q, r), permuted(a, p))
                <= tol * QrTestMath.frobenius(a), "QR != AP");
        assertTrue(QrTestMath.orthogonalityError(q) <= tol, "Q not orthogonal");
        assertEquals(0.0, QrTestMath.belowDiagonal(r));
        for (int i = 1; i < r.rows(); i++) {
            assertTrue(Math.abs(r.get(i, i)) <= Math.abs(r.get(i - 1, i - 1)) * (1 + 1e-10) + tol * QrTestMath.frobenius(a),
                    "diagonal of R not non-increasing at " + i);
        }
    }

    @Property(tries = 60)
    void pivotedFactorisationHolds(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll long seed) {
        DenseMatrix a = QrTestMath.random(seed, m, n);
        double[] before = a.data().clone();
        PivotedHouseholderQr qr = PivotedHouseholderQr.factor(a, Kernels.of(tier()));
        assertArrayEquals(before, a.data(), "input modified");
        assertPivotedFactorisation(a, qr);
    }

    @Property(tries = 30)
    void revealsTheRankOfRankDeficientMatrices(@ForAll @IntRange(min = 2, max = 50) int m,
                                               @ForAll @IntRange(min = 2, max = 30) int n,
                                               @ForAll @IntRange(min = 1, max = 29) int rank0, @ForAll long seed) {
        int rank = Math.min(rank0, Math.min(m, n) - 1);
        DenseMatrix a = QrTestMath.multiply(QrTestMath.random(seed, m, rank), QrTestMath.random(seed + 1, rank, n));
        PivotedHouseholderQr qr = PivotedHouseholderQr.factor(a, Kernels.of(tier()));
        assertPivotedFactorisation(a, qr);
        assertEquals(rank, qr.rank(1e-10));
    }

    @Example
    void badInputAndEmptyMatrices() {
        assertThrows(IllegalArgumentException.class, () -> PivotedHouseholderQr.factor(null, Kernels.of(tier())));
        assertThrows(IllegalArgumentException.class,
                () -> PivotedHouseholderQr.factor(DenseMatrix.of(new double[][] {{Double.NaN}}), Kernels.of(tier())));
        assertEquals(0, PivotedHouseholderQr.factor(DenseMatrix.zeros(3, 0), Kernels.of(tier())).rank(0));
        assertEquals(0, PivotedHouseholderQr.factor(DenseMatrix.zeros(0, 3), Kernels.of(tier())).r().rows());
        assertThrows(IllegalArgumentException.class,
                () -> PivotedHouseholderQr.factor(DenseMatrix.identity(2), Kernels.of(tier())).rank(-1));
    }
}
