package akr.kernels.triangular;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.SingularMatrixException;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.driver.BlockedTriangular;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static akr.kernels.TestTiers.U;
import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of {@link Triangular} must satisfy; subclassed once per tier. */
abstract class TriangularContract {

    private final Gemm refGemm = Gemm.of(Tier.REFERENCE);
    private final Triangular ref = Triangular.of(Tier.REFERENCE);

    abstract Tier tier();

    Triangular k() {
        return Triangular.of(tier());
    }

    @Provide
    Arbitrary<Integer> orders() {
        return Sizes.positiveUpTo(100);
    }

    @Provide
    Arbitrary<Integer> widths() {
        return Sizes.upTo(80);
    }

    @Provide
    Arbitrary<Double> alphas() {
        return Arbitraries.of(1.0, -1.0, 0.5, -2.25, 0.0);
    }

    /**
     * A random n×n matrix whose {@code uplo} triangle is a reasonably conditioned triangular matrix
     * (diagonal ±[1, 2], off-diagonal uniform in ±1/√n) and whose other triangle holds NaN, so a
     * kernel that reads outside its triangle fails.
     */
    static DenseMatrix triangle(long seed, int n, Uplo uplo, int offset) {
        DenseMatrix t = RandomData.matrix(seed, n, n, offset, 1);
        Random r = new Random(seed + 99);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = uplo == Uplo.LOWER ? j <= i : j >= i;
                if (!inside) {
                    t.set(i, j, Double.NaN);
                } else if (i == j) {
                    t.set(i, i, (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble()));
                } else {
                    t.set(i, j, t.get(i, j) / Math.sqrt(n));
                }
            }
        }
        return t;
    }

    /** op(T) as a dense packed matrix with zeros outside the triangle (unit diagonal if asked). */
    static DenseMatrix denseOp(DenseMatrix t, Uplo uplo, Op op, Diag diag) {
        int n = t.rows();
        DenseMatrix m = DenseMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = uplo == Uplo.LOWER ? j <= i : j >= i;
                double v = !inside ? 0 : (i == j && diag == Diag.UNIT) ? 1 : t.get(i, j);
                if (op == Op.N) {
                    m.set(i, j, v);
                } else {
                    m.set(j, i, v);
                }
            }
        }
        return m;
    }

    static double normInf(DenseMatrix m) {
        double best = 0;
        for (int i = 0; i < m.rows(); i++) {
            double s = 0;
            for (int j = 0; j < m.cols(); j++) {
                s += Math.abs(m.get(i, j));
            }
            best = Math.max(best, s);
        }
        return best;
    }

    static double maxAbs(DenseMatrix m) {
        double best = 0;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                best = Math.max(best, Math.abs(m.get(i, j)));
            }
        }
        return best;
    }

    /** κ∞(M) = ‖M‖∞·‖M⁻¹‖∞, the inverse by the reference solver. */
    double condition(DenseMatrix dense) {
        int n = dense.rows();
        DenseMatrix inv = DenseMatrix.identity(n);
        // dense is triangular (either kind); solve with whichever triangle holds it
        boolean lower = true;
        for (int i = 0; i < n && lower; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dense.get(i, j) != 0) {
                    lower = false;
                    break;
                }
            }
        }
        ref.trsm(Side.LEFT, lower ? Uplo.LOWER : Uplo.UPPER, Op.N, Diag.NON_UNIT, 1.0, dense, inv);
        return normInf(dense) * normInf(inv);
    }

    /** Builds B from a known X (B = op(T)·X or X·op(T), divided by α), solves, and compares with X. */
    @Property(tries = 200)
    void recoversTheSolutionToConditionTimesRoundoff(@ForAll("orders") int n, @ForAll("widths") int w,
                                                     @ForAll Side side, @ForAll Uplo uplo, @ForAll Op op,
                                                     @ForAll Diag diag, @ForAll("alphas") double alpha,
                                                     @ForAll @IntRange(max = 5) int offset, @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, offset);
        DenseMatrix dense = denseOp(t, uplo, op, diag);
        int rows = side == Side.LEFT ? n : w;
        int cols = side == Side.LEFT ? w : n;
        DenseMatrix x = RandomData.matrix(seed + 1, rows, cols, 0, 0);
        DenseMatrix b = RandomData.matrix(seed + 2, rows, cols, offset, 2);
        if (side == Side.LEFT) {
            refGemm.gemm(Op.N, Op.N, alpha == 0 ? 1 : 1 / alpha, dense, x, 0.0, b);
        } else {
            refGemm.gemm(Op.N, Op.N, alpha == 0 ? 1 : 1 / alpha, x, dense, 0.0, b);
        }
        k().trsm(side, uplo, op, diag, alpha, t, b);
        if (alpha == 0) {
            assertEquals(0.0, maxAbs(b));
            return;
        }
        double kappa = condition(dense);
        double tol = 8 * (n + 2) * U * kappa * Math.max(1, maxAbs(x));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(x.get(i, j), b.get(i, j), tol, "(" + i + ", " + j + ") " + side + " " + uplo + " " + op
                        + " " + diag + " n=" + n + " w=" + w + " κ=" + kappa);
            }
        }
    }

    @Property(tries = 100)
    void trsmMatchesReference(@ForAll("orders") int n, @ForAll("widths") int w, @ForAll Side side,
                              @ForAll Uplo uplo, @ForAll Op op, @ForAll Diag diag, @ForAll("alphas") double alpha,
                              @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, 2);
        int rows = side == Side.LEFT ? n : w;
        int cols = side == Side.LEFT ? w : n;
        DenseMatrix b0 = RandomData.matrix(seed + 2, rows, cols, 1, 1);
        DenseMatrix want = b0.copy();
        DenseMatrix got = b0.copy();
        ref.trsm(side, uplo, op, diag, alpha, t, want);
        k().trsm(side, uplo, op, diag, alpha, t, got);
        double tol = 8 * (n + 2) * U * condition(denseOp(t, uplo, op, diag)) * Math.max(1, maxAbs(want));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(want.get(i, j), got.get(i, j), tol, "(" + i + ", " + j + ")");
            }
        }
    }

    @Provide
    Arbitrary<Integer> ordersAroundTheFusedLimit() {
        int f = BlockedTriangular.FUSED_MAX_ORDER;
        return Arbitraries.oneOf(Arbitraries.of(f - 31, f - 1, f, f + 1, f + 31, f + 32, f + 33),
                Arbitraries.integers().between(f - 40, f + 80));
    }

    /**
     * The right side on both sides of the order where the one-pass row-group solve hands over to
     * the block-column GEMM solve, with row counts below, at and above the register tile's rows.
     */
    @Property(tries = 40)
    void rightSideMatchesReferenceAroundTheFusedLimit(@ForAll("ordersAroundTheFusedLimit") int n,
                                                      @ForAll @IntRange(min = 1, max = 40) int w,
                                                      @ForAll Uplo uplo, @ForAll Op op, @ForAll Diag diag,
                                                      @ForAll @IntRange(max = 3) int offset, @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, offset);
        DenseMatrix got = RandomData.matrix(seed + 2, w, n, offset, 3); // a strided view, NaN around it
        DenseMatrix want = got.copy();
        ref.trsm(Side.RIGHT, uplo, op, diag, -0.5, t, want);
        k().trsm(Side.RIGHT, uplo, op, diag, -0.5, t, got);
        double tol = 8 * (n + 2) * U * condition(denseOp(t, uplo, op, diag)) * Math.max(1, maxAbs(want));
        for (int i = 0; i < w; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(want.get(i, j), got.get(i, j), tol, "(" + i + ", " + j + ") n=" + n + " w=" + w);
            }
        }
        int inside = 0;
        for (double v : got.data()) {
            inside += Double.isNaN(v) ? 0 : 1;
        }
        assertEquals(w * n, inside, "elements outside the view of B were written");
    }

    @Property(tries = 150)
    void trsvLeavesASmallResidual(@ForAll("orders") int n, @ForAll Uplo uplo, @ForAll Op op, @ForAll Diag diag,
                                  @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, 3);
        DenseMatrix dense = denseOp(t, uplo, op, diag);
        double[] b = RandomData.vector(seed + 1, n + 3);
        double[] x = b.clone();
        double[] want = b.clone();
        k().trsv(uplo, op, diag, t, x, 3);
        ref.trsv(uplo, op, diag, t, want, 3);
        for (int i = 0; i < n; i++) {
            double r = b[3 + i];
            double abs = Math.abs(b[3 + i]);
            for (int j = 0; j < n; j++) {
                r -= dense.get(i, j) * x[3 + j];
                abs += Math.abs(dense.get(i, j) * x[3 + j]);
            }
            // substitution is backward stable: |b − op(T)x̂| ≤ γ_n |op(T)||x̂|
            assertEquals(0.0, r, 2 * gamma(n + 2) * abs, "residual row " + i);
            double tol = 8 * (n + 2) * U * condition(dense) * Math.max(1, Math.abs(want[3 + i]));
            assertEquals(want[3 + i], x[3 + i], tol);
        }
        assertEquals(b[0], x[0]);
        assertEquals(b[2], x[2]);
    }

    @Property(tries = 4)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 1, max = 100) int n,
                                            @ForAll @IntRange(min = 3000, max = 9000) int rows, @ForAll Uplo uplo,
                                            @ForAll Op op, @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, 0);
        DenseMatrix b = RandomData.matrix(seed + 1, rows, n, 0, 0);
        DenseMatrix bl = RandomData.matrix(seed + 2, n, rows, 0, 0);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            DenseMatrix[] right = new DenseMatrix[3];
            DenseMatrix[] left = new DenseMatrix[3];
            ParallelExecutor[] ex = {one, two, three};
            for (int i = 0; i < 3; i++) {
                right[i] = b.copy();
                left[i] = bl.copy();
                Triangular.of(tier(), ex[i]).trsm(Side.RIGHT, uplo, op, Diag.NON_UNIT, 1.0, t, right[i]);
                Triangular.of(tier(), ex[i]).trsm(Side.LEFT, uplo, op, Diag.NON_UNIT, 1.0, t, left[i]);
            }
            for (int i = 1; i < 3; i++) {
                assertArrayEquals(right[0].data(), right[i].data(), "right side, " + (i + 1) + " threads");
                assertArrayEquals(left[0].data(), left[i].data(), "left side, " + (i + 1) + " threads");
            }
        }
    }

    @Property(tries = 30)
    void aZeroOrNonFiniteDiagonalIsAnErrorNamingItsIndex(@ForAll @IntRange(min = 1, max = 70) int n,
                                                         @ForAll Uplo uplo, @ForAll Side side, @ForAll long seed) {
        DenseMatrix t = triangle(seed, n, uplo, 0);
        int bad = (int) Math.floorMod(seed, (long) n);
        double[] poison = {0.0, Double.NaN, Double.POSITIVE_INFINITY};
        t.set(bad, bad, poison[(int) Math.floorMod(seed >>> 3, 3L)]);
        DenseMatrix b = RandomData.matrix(seed + 1, n, n, 0, 0);
        DenseMatrix before = b.copy();
        SingularMatrixException e = assertThrows(SingularMatrixException.class,
                () -> k().trsm(side, uplo, Op.N, Diag.NON_UNIT, 1.0, t, b));
        assertEquals(bad, e.index());
        assertArrayEquals(before.data(), b.copy().data());
        double[] x = new double[n];
        SingularMatrixException e2 = assertThrows(SingularMatrixException.class,
                () -> k().trsv(uplo, Op.T, Diag.NON_UNIT, t, x, 0));
        assertEquals(bad, e2.index());
        // the unit diagonal is not read
        k().trsm(side, uplo, Op.N, Diag.UNIT, 1.0, t, b);
        assertTrue(b.firstNonFinite() == null);
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        DenseMatrix t = DenseMatrix.wrap(new double[] {2, 0, 1, 3}, 2, 2);
        DenseMatrix b = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertThrows(IllegalArgumentException.class,
                () -> k().trsm(Side.LEFT, Uplo.LOWER, Op.N, Diag.NON_UNIT, 1, t, b));
        assertThrows(IllegalArgumentException.class,
                () -> k().trsm(Side.RIGHT, Uplo.LOWER, Op.N, Diag.NON_UNIT, 1, DenseMatrix.zeros(2, 3), b));
        assertThrows(IllegalArgumentException.class,
                () -> k().trsm(null, Uplo.LOWER, Op.N, Diag.NON_UNIT, 1, t, b));
        assertThrows(IllegalArgumentException.class,
                () -> k().trsm(Side.RIGHT, Uplo.LOWER, Op.N, Diag.NON_UNIT, 1, t, t));
        assertThrows(IllegalArgumentException.class, () -> k().trsv(Uplo.LOWER, Op.N, Diag.NON_UNIT, t, new double[1], 0));
        assertThrows(IllegalArgumentException.class, () -> k().trsv(Uplo.LOWER, Op.N, Diag.NON_UNIT, t, t.data(), 1));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.data());
        assertArrayEquals(new double[] {2, 0, 1, 3}, t.data());
    }
}
