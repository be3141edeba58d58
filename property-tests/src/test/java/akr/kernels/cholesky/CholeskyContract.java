package akr.kernels.cholesky;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.SingularMatrixException;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular.Uplo;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of {@link Cholesky} must satisfy; subclassed once per tier. */
abstract class CholeskyContract {

    abstract Tier tier();

    Cholesky k() {
        return Cholesky.of(tier());
    }

    @Provide
    Arbitrary<Integer> orders() {
        return Sizes.upTo(160);
    }

    /** A = MᵀM + I/10 with M random (n+3)×n: SPD, in a padded view at an offset. */
    static DenseMatrix spd(long seed, int n) {
        DenseMatrix m = RandomData.matrix(seed, n + 3, n, 0, 0);
        DenseMatrix g = Gemm.of(Tier.REFERENCE).gram(Op.T, m);
        DenseMatrix a = RandomData.matrix(seed + 1, n, n, 2, 3);
        a.copyFrom(g);
        for (int i = 0; i < n; i++) {
            a.set(i, i, a.get(i, i) + 0.1);
        }
        return a;
    }

    /** Writes NaN over the strict triangle that {@code uplo} says is not read. */
    static void poisonOtherTriangle(DenseMatrix a, Uplo uplo) {
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                if (uplo == Uplo.LOWER ? j > i : j < i) {
                    a.set(i, j, Double.NaN);
                }
            }
        }
    }

    /** (i, j) of FᵀF (UPPER) or FFᵀ (LOWER), with |F||Fᵀ| alongside. */
    static double[] product(DenseMatrix f, Uplo uplo, int i, int j) {
        double s = 0, abs = 0;
        for (int p = 0; p < f.rows(); p++) {
            double x = uplo == Uplo.LOWER ? f.get(i, p) * f.get(j, p) : f.get(p, i) * f.get(p, j);
            s += x;
            abs += Math.abs(x);
        }
        return new double[] {s, abs};
    }

    @Property(tries = 60)
    void factorReproducesTheMatrix(@ForAll("orders") int n, @ForAll Uplo uplo, @ForAll long seed) {
        DenseMatrix a = spd(seed, n);
        DenseMatrix a0 = a.copy();
        poisonOtherTriangle(a, uplo);
        k().factor(uplo, a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean other = uplo == Uplo.LOWER ? j > i : j < i;
                if (other) {
                    assertEquals(0.0, a.get(i, j), "other triangle at (" + i + ", " + j + ")");
                }
            }
            assertTrue(a.get(i, i) > 0, "diagonal " + i);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] p = product(a, uplo, i, j);
                // Higham Thm 10.3: |A − L̂L̂ᵀ| ≤ γ_{n+1}|L̂||L̂ᵀ|
                assertEquals(a0.get(i, j), p[0], 2 * gamma(n + 1) * p[1], "(" + i + ", " + j + ") n=" + n);
            }
        }
    }

    @Property(tries = 40)
    void matchesTheReferenceFactor(@ForAll("orders") int n, @ForAll Uplo uplo, @ForAll long seed) {
        DenseMatrix a = spd(seed, n);
        DenseMatrix want = a.copy();
        Cholesky.of(Tier.REFERENCE).factor(uplo, want);
        k().factor(uplo, a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // both factors are backward stable; they differ by at most κ(A)-scaled rounding, and
                // A here has κ ≤ ~10⁴·n, so compare at a loose but size-aware level
                assertEquals(want.get(i, j), a.get(i, j), 1e-9 * n * Math.max(1, Math.abs(want.get(i, j))));
            }
        }
    }

    @Property(tries = 40)
    void solveLeavesABackwardStableResidual(@ForAll("orders") int n, @ForAll @IntRange(min = 0, max = 9) int w,
                                            @ForAll Uplo uplo, @ForAll long seed) {
        DenseMatrix a = spd(seed, n);
        DenseMatrix f = a.copy();
        k().factor(uplo, f);
        DenseMatrix b = RandomData.matrix(seed + 5, n, w, 1, 1);
        DenseMatrix x = b.copy();
        k().solve(uplo, f, x);
        double[] v = RandomData.vector(seed + 6, n);
        double[] xv = v.clone();
        k().solve(uplo, f, xv, 0);
        for (int c = 0; c <= w; c++) {
            for (int i = 0; i < n; i++) {
                double r = c < w ? b.get(i, c) : v[i];
                double bound = 0;
                for (int j = 0; j < n; j++) {
                    double xj = c < w ? x.get(j, c) : xv[j];
                    r -= a.get(i, j) * xj;
                    bound += product(f, uplo, i, j)[1] * Math.abs(xj);
                }
                // (A + ΔA)x̂ = b with |ΔA| ≤ γ_{3n+1}|L̂||L̂ᵀ|
                assertEquals(0.0, r, 2 * gamma(3 * n + 2) * bound, "residual row " + i + " column " + c);
            }
        }
    }

    @Property(tries = 40)
    void aNonPositivePivotIsReportedWithItsIndex(@ForAll @IntRange(min = 1, max = 150) int n, @ForAll Uplo uplo,
                                                 @ForAll long seed) {
        DenseMatrix a = spd(seed, n);
        int bad = (int) Math.floorMod(seed, (long) n);
        // make pivot `bad` equal to −1: a_jj ← Σ_{p<j} l_jp² − 1, using the reference factor of A
        DenseMatrix l = a.copy();
        Cholesky.of(Tier.REFERENCE).factor(Uplo.LOWER, l);
        double s = 0;
        for (int p = 0; p < bad; p++) {
            s += l.get(bad, p) * l.get(bad, p);
        }
        a.set(bad, bad, s - 1);
        SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> k().factor(uplo, a));
        assertEquals(bad, e.index(), e.getMessage());
        DenseMatrix nan = spd(seed, n);
        nan.set(bad, bad, Double.NaN);
        assertEquals(bad, assertThrows(SingularMatrixException.class, () -> k().factor(uplo, nan)).index());
    }

    @Property(tries = 3)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 100, max = 300) int n, @ForAll Uplo uplo,
                                            @ForAll long seed) {
        DenseMatrix a = spd(seed, n);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            DenseMatrix f1 = a.copy();
            DenseMatrix f2 = a.copy();
            DenseMatrix f3 = a.copy();
            Cholesky.of(tier(), one).factor(uplo, f1);
            Cholesky.of(tier(), two).factor(uplo, f2);
            Cholesky.of(tier(), three).factor(uplo, f3);
            assertArrayEquals(f1.data(), f2.data());
            assertArrayEquals(f1.data(), f3.data());
        }
    }

    @Example
    void badArgumentsAreRejected() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {4, 2, 2, 3, 1, 1}, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> k().factor(Uplo.LOWER, a));
        assertThrows(IllegalArgumentException.class, () -> k().factor(null, DenseMatrix.identity(2)));
        assertThrows(IllegalArgumentException.class, () -> k().factor(Uplo.LOWER, null));
        DenseMatrix f = DenseMatrix.identity(2);
        assertThrows(IllegalArgumentException.class, () -> k().solve(Uplo.LOWER, f, DenseMatrix.zeros(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> k().solve(Uplo.LOWER, f, new double[1], 0));
        assertArrayEquals(new double[] {4, 2, 2, 3, 1, 1}, a.data());
    }
}
