package akr.kernels.expgram;

import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static akr.kernels.TestTiers.U;
import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every tier of {@link ExpGram} must satisfy; subclassed once per tier.
 *
 * <p>Tolerances. An entry's argument (a d-term dot product, minus h_i + h_j in the Gaussian form)
 * has absolute error ≤ γ_{d+3}·c_ij with c_ij = Σ_k |b_ik a_jk| + h_i + h_j + ‖b_i − a_j‖²/2 (the last
 * term covers the reference's direct squared-difference form); exp turns it into the same relative
 * error, plus ≤ 2 ulp of the exp itself on each side. Sums of n terms add γ_{n+1}·Σ_j |w_ij x_j| on
 * each side. The asserted bound is that first-order bound for both computations (ours and the
 * reference's), hence the factor 2.
 */
abstract class ExpGramContract {

    private final ExpGram ref = ExpGram.of(Tier.REFERENCE);

    abstract Tier tier();

    ExpGram k() {
        return ExpGram.of(tier());
    }

    @Provide
    Arbitrary<Integer> points() {
        return Sizes.upTo(200);
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 130),
                Arbitraries.integers().between(1, 130));
    }

    @Provide
    Arbitrary<Integer> rhs() {
        return Arbitraries.of(1, 2, 3, 8);
    }

    @Provide
    Arbitrary<Double> radii() {
        return Arbitraries.of(0.1, 1.0, 2.5);
    }

    /** n×d points whose squared norms are about radius² (at most 3·radius²), with NaN padding. */
    static DenseMatrix points(long seed, int n, int d, double radius, int offset, int pad) {
        DenseMatrix a = RandomData.matrix(seed, n, d, offset, pad);
        double scale = radius * Math.sqrt(3.0 / Math.max(1, d));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                a.set(i, k, a.get(i, k) * scale);
            }
        }
        return a;
    }

    static DenseMatrix block(long seed, int n, int r) {
        return DenseMatrix.wrap(RandomData.vector(seed, n * r), n, r);
    }

    /** The first-order error bound of element (i, c) of exp(B·Aᵀ)·X (or its Gaussian form), doubled. */
    static double bound(DenseMatrix b, int i, DenseMatrix a, DenseMatrix x, int c, Form form) {
        int d = a.cols();
        int n = a.rows();
        double hi = 0.5 * sq(b, i);
        double total = 0;
        double weighted = 0;
        for (int j = 0; j < n; j++) {
            double w = ReferenceExpGram.entry(b, i, a, j, form);
            double cij = 0;
            double diff = 0;
            for (int k = 0; k < d; k++) {
                cij += Math.abs(b.get(i, k) * a.get(j, k));
                double t = b.get(i, k) - a.get(j, k);
                diff += t * t;
            }
            if (form == Form.GAUSSIAN) {
                cij += hi + 0.5 * sq(a, j) + 0.5 * diff;
            }
            double term = Math.abs(w * x.get(j, c));
            total += term;
            weighted += term * (gamma(d + 3) * cij + 2 * U);
        }
        return 2 * (weighted + gamma(n + 1) * total) + Double.MIN_NORMAL;
    }

    static double sq(DenseMatrix a, int i) {
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
            s += a.get(i, k) * a.get(i, k);
        }
        return s;
    }

    @Property(tries = 60)
    void productMatchesReference(@ForAll("points") int n, @ForAll("dims") int d, @ForAll("rhs") int r,
                                 @ForAll Form form, @ForAll("radii") double radius, @ForAll boolean shifted,
                                 @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int pad,
                                 @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, radius, offset, pad);
        DenseMatrix x = block(seed + 1, n, r);
        double shift = shifted ? 0.75 : 0.0;
        DenseMatrix want = DenseMatrix.zeros(n, r);
        DenseMatrix got = DenseMatrix.zeros(n, r);
        got.fill(Double.NaN);
        ref.multiply(a, form, shift, x, want);
        k().multiply(a, form, shift, x, got);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < r; c++) {
                double tol = bound(a, i, a, x, c, form) + 2 * U * Math.abs(shift * x.get(i, c));
                assertEquals(want.get(i, c), got.get(i, c), tol, "(" + i + ", " + c + ") n=" + n + " d=" + d + " " + form);
            }
        }
    }

    @Property(tries = 40)
    void crossProductMatchesReference(@ForAll("points") int m, @ForAll("points") int n, @ForAll("dims") int d,
                                      @ForAll("rhs") int r, @ForAll Form form, @ForAll("radii") double radius,
                                      @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, radius, 2, 1);
        DenseMatrix b = points(seed + 7, m, d, radius, 1, 2);
        DenseMatrix x = block(seed + 1, n, r);
        DenseMatrix want = DenseMatrix.zeros(m, r);
        DenseMatrix got = DenseMatrix.zeros(m, r);
        got.fill(Double.NaN);
        ref.multiplyCross(b, a, form, x, want);
        k().multiplyCross(b, a, form, x, got);
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < r; c++) {
                assertEquals(want.get(i, c), got.get(i, c), bound(b, i, a, x, c, form), "(" + i + ", " + c + ")");
            }
        }
    }

    @Property(tries = 40)
    void columnsAndDiagonalMatchReference(@ForAll("points") int n, @ForAll("dims") int d, @ForAll Form form,
                                          @ForAll("radii") double radius, @ForAll @IntRange(min = 1, max = 110) int q,
                                          @ForAll long seed) {
        if (n == 0) {
            return;
        }
        DenseMatrix a = points(seed, n, d, radius, 3, 1);
        int[] cols = new int[q];
        for (int t = 0; t < q; t++) {
            cols[t] = (int) Math.floorMod(seed * 31 + 17L * t * t, (long) n);
        }
        DenseMatrix got = DenseMatrix.zeros(n, q);
        k().columns(a, form, cols, got);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < q; t++) {
                int j = cols[t];
                double want = ReferenceExpGram.entry(a, i, a, j, form);
                double c = 0;
                double diff = 0;
                for (int kk = 0; kk < d; kk++) {
                    c += Math.abs(a.get(i, kk) * a.get(j, kk));
                    diff += (a.get(i, kk) - a.get(j, kk)) * (a.get(i, kk) - a.get(j, kk));
                }
                if (form == Form.GAUSSIAN) {
                    c += 0.5 * sq(a, i) + 0.5 * sq(a, j) + 0.5 * diff;
                }
                double tol = 2 * want * (gamma(d + 3) * c + 2 * U);
                assertEquals(want, got.get(i, t), tol, "entry (" + i + ", " + j + ")");
            }
        }
        double[] diag = new double[n + 1];
        diag[n] = -1;
        k().diagonal(a, form, diag, 0);
        for (int i = 0; i < n; i++) {
            double want = ReferenceExpGram.entry(a, i, a, i, form);
            assertEquals(want, diag[i], 2 * want * (gamma(d + 1) * sq(a, i) + U), "diagonal " + i);
        }
        assertEquals(-1, diag[n]);
    }

    @Property(tries = 20)
    void blockOfRightHandSidesEqualsSeparateProducts(@ForAll("points") int n, @ForAll("dims") int d,
                                                     @ForAll Form form, @ForAll @IntRange(min = 2, max = 9) int r,
                                                     @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, 1.0, 0, 0);
        DenseMatrix x = block(seed + 1, n, r);
        DenseMatrix y = DenseMatrix.zeros(n, r);
        k().multiply(a, form, 0.0, x, y);
        for (int c = 0; c < r; c++) {
            DenseMatrix yc = DenseMatrix.zeros(n, 1);
            k().multiply(a, form, 0.0, x.cols(c, 1).copy(), yc);
            for (int i = 0; i < n; i++) {
                assertEquals(yc.get(i, 0), y.get(i, c), 0.0, "column " + c + " row " + i);
            }
        }
    }

    @Property(tries = 25)
    void symmetricAndPositiveSemidefinite(@ForAll("points") int n, @ForAll("dims") int d, @ForAll Form form,
                                          @ForAll("radii") double radius, @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, radius, 1, 1);
        ExpGramOperator op = ExpGramOperator.of(a, k());
        double[] x = RandomData.vector(seed + 1, n);
        double[] z = RandomData.vector(seed + 2, n);
        double[] kx = form == Form.EXP ? op.multiply(x) : op.multiplyGaussian(x);
        double[] kz = form == Form.EXP ? op.multiply(z) : op.multiplyGaussian(z);
        double xkz = 0, zkx = 0, xkx = 0, scale = 0;
        for (int i = 0; i < n; i++) {
            xkz += x[i] * kz[i];
            zkx += z[i] * kx[i];
            xkx += x[i] * kx[i];
        }
        double[] diag = form == Form.EXP ? op.diagonal() : null;
        for (int i = 0; i < n; i++) {
            // |K_ij| ≤ sqrt(K_ii K_jj) ≤ max diagonal entry: Σ_ij |x_i||K_ij||z_j| ≤ max K_ii ‖x‖₁‖z‖₁
            scale = Math.max(scale, diag == null ? 1.0 : diag[i]);
        }
        double l1x = Arrays.stream(x).map(Math::abs).sum();
        double l1z = Arrays.stream(z).map(Math::abs).sum();
        double tol = 4 * (gamma(2 * n + d + 3) * (1 + 3 * radius * radius) + 4 * U) * scale * (l1x * l1z + l1x * l1x);
        assertEquals(xkz, zkx, tol, "x'Kz vs z'Kx");
        assertTrue(xkx >= -tol, "x'Kx = " + xkx + " < -" + tol);
    }

    @Property(tries = 25)
    void gaussianFormIsTheScaledExpForm(@ForAll("points") int n, @ForAll("dims") int d,
                                        @ForAll("radii") double radius, @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, radius, 0, 2);
        ExpGramOperator op = ExpGramOperator.of(a, k());
        double[] h = op.logScaling();
        double[] x = RandomData.vector(seed + 1, n);
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] * Math.exp(-h[i]);
        }
        double[] kdx = op.multiply(dx);
        double[] gx = op.multiplyGaussian(x);
        DenseMatrix xm = DenseMatrix.wrap(x, n, 1);
        for (int i = 0; i < n; i++) {
            double scaled = Math.exp(-h[i]) * kdx[i];
            // both sides: argument errors γ_{d+3}(|a_i||a_j| + h_i + h_j), exps, the scaling exps, sums
            double tol = 2 * bound(a, i, a, xm, 0, Form.GAUSSIAN) + 8 * U * Math.abs(gx[i])
                    + 2 * gamma(n + d + 3) * (1 + 3 * radius * radius) * Arrays.stream(x).map(Math::abs).sum();
            assertEquals(scaled, gx[i], tol, "row " + i);
        }
    }

    @Property(tries = 6)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 150, max = 650) int n,
                                            @ForAll @IntRange(min = 1, max = 40) int d, @ForAll Form form,
                                            @ForAll @IntRange(min = 1, max = 3) int r, @ForAll long seed) {
        DenseMatrix a = points(seed, n, d, 1.0, 0, 1);
        DenseMatrix b = points(seed + 3, n / 2 + 5, d, 1.0, 0, 0);
        DenseMatrix x = block(seed + 1, n, r);
        int[] cols = {0, n / 3, n - 1, 7};
        double[][] sym = new double[3][];
        double[][] cross = new double[3][];
        double[][] col = new double[3][];
        int t = 0;
        for (int threads : new int[] {1, 2, 3}) {
            try (ParallelExecutor ex = ParallelExecutor.create(threads)) {
                ExpGram kernel = ExpGram.of(tier(), ex);
                DenseMatrix y = DenseMatrix.zeros(n, r);
                kernel.multiply(a, form, 0.25, x, y);
                DenseMatrix z = DenseMatrix.zeros(b.rows(), r);
                kernel.multiplyCross(b, a, form, x, z);
                DenseMatrix c = DenseMatrix.zeros(n, cols.length);
                kernel.columns(a, form, cols, c);
                sym[t] = y.data();
                cross[t] = z.data();
                col[t] = c.data();
                t++;
            }
        }
        for (int i = 1; i < 3; i++) {
            assertArrayEquals(sym[0], sym[i]);
            assertArrayEquals(cross[0], cross[i]);
            assertArrayEquals(col[0], col[i]);
        }
    }

    @Example
    void overflowNamesTheOffendingRows() {
        int n = 40;
        int d = 5;
        DenseMatrix a = points(11, n, d, 1.0, 0, 0);
        for (int k = 0; k < d; k++) {
            a.set(3, k, 13.0); // ‖a_3‖² = 845 > 709.78
            a.set(17, k, -12.5); // ‖a_17‖² = 781.25
        }
        ExpGramOperator op = ExpGramOperator.of(a, k());
        double[] x = RandomData.vector(5, n);
        ExpGramOverflowException e = assertThrows(ExpGramOverflowException.class, () -> op.multiply(x));
        assertArrayEquals(new int[] {3, 17}, e.rows());
        assertTrue(e.getMessage().contains("[3, 17]"), e.getMessage());
        double[] gx = op.multiplyGaussian(x);
        for (double v : gx) {
            assertTrue(Double.isFinite(v));
        }
        ExpGramOverflowException c = assertThrows(ExpGramOverflowException.class, () -> op.column(3));
        assertEquals(3, c.rows()[0]);
        assertEquals(3, c.column());
        for (double v : op.gaussianColumn(3)) {
            assertTrue(Double.isFinite(v) && v >= 0 && v <= 1);
        }
        // cross kernel: row 2 of B has ⟨b_2, a_3⟩ = 5·13·12 = 780
        DenseMatrix b = points(12, 4, d, 1.0, 0, 0);
        for (int k = 0; k < d; k++) {
            b.set(2, k, 12.0);
        }
        ExpGramOverflowException p = assertThrows(ExpGramOverflowException.class, () -> op.predict(b, x));
        assertArrayEquals(new int[] {2}, p.rows());
        assertEquals(3, p.column());
        // no entry overflows, but the sum does: 40 entries e^{700}·1e300
        DenseMatrix big = DenseMatrix.zeros(n, 1);
        big.fill(Math.sqrt(700));
        double[] huge = new double[n];
        Arrays.fill(huge, 1e300);
        ExpGramOverflowException s = assertThrows(ExpGramOverflowException.class,
                () -> ExpGramOperator.of(big, k()).multiply(huge));
        assertEquals(-1, s.column());
        assertEquals(0, s.rows()[0]);
    }

    @Example
    void operatorConveniencesAgreeWithTheKernel() {
        int n = 53;
        DenseMatrix a = points(21, n, 11, 1.0, 0, 0);
        ExpGramOperator op = ExpGramOperator.of(a, k());
        double[] x = RandomData.vector(22, n);
        DenseMatrix y = DenseMatrix.zeros(n, 1);
        k().multiply(a, Form.EXP, 0.0, DenseMatrix.wrap(x, n, 1), y);
        assertArrayEquals(y.data(), op.multiply(x));
        k().multiply(a, Form.EXP, 2.5, DenseMatrix.wrap(x, n, 1), y);
        assertArrayEquals(y.data(), op.multiplyShifted(2.5, x));
        k().multiply(a, Form.GAUSSIAN, 0.5, DenseMatrix.wrap(x, n, 1), y);
        assertArrayEquals(y.data(), op.multiplyGaussianShifted(0.5, x));
        DenseMatrix c = op.columns(Form.EXP, 4, 9);
        double[] c9 = op.column(9);
        double[] diag = op.diagonal();
        for (int i = 0; i < n; i++) {
            assertEquals(c.get(i, 1), c9[i]);
            assertEquals(c.get(4, 0), op.column(4)[4]);
        }
        assertEquals(diag[4], c.get(4, 0), 4 * gamma(14) * diag[4] * (1 + 3));
        assertEquals(1.0, op.gaussianColumn(7)[7], 4 * gamma(14) * 3);
        assertEquals(n, op.size());
        assertEquals(11, op.dimension());
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        DenseMatrix x = DenseMatrix.wrap(new double[] {1, 1, 1}, 3, 1);
        DenseMatrix y = DenseMatrix.wrap(new double[] {7, 8, 9}, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> k().multiply(null, Form.EXP, 0, x, y));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(a, null, 0, x, y));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(a, Form.EXP, Double.NaN, x, y));
        assertThrows(IllegalArgumentException.class,
                () -> k().multiply(a, Form.EXP, 0, DenseMatrix.zeros(2, 1), y));
        assertThrows(IllegalArgumentException.class,
                () -> k().multiply(a, Form.EXP, 0, x, DenseMatrix.zeros(3, 2)));
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(a, Form.EXP, 0, x, x));
        assertTrue(alias.getMessage().contains("x"), alias.getMessage());
        DenseMatrix nanX = DenseMatrix.wrap(new double[] {1, Double.NaN, 1}, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> k().multiply(a, Form.GAUSSIAN, 0, nanX, y));
        DenseMatrix infA = DenseMatrix.wrap(new double[] {1, 2, Double.POSITIVE_INFINITY, 4, 5, 6}, 3, 2);
        IllegalArgumentException ia = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(infA, Form.GAUSSIAN, 0, x, y));
        assertTrue(ia.getMessage().startsWith("a"), ia.getMessage());
        DenseMatrix hugeA = DenseMatrix.wrap(new double[] {1e200, 0, 0, 0, 0, 0}, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> k().multiply(hugeA, Form.GAUSSIAN, 0, x, y));
        assertThrows(IllegalArgumentException.class,
                () -> k().multiplyCross(DenseMatrix.zeros(2, 3), a, Form.EXP, x, DenseMatrix.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> k().columns(a, Form.EXP, new int[] {3}, DenseMatrix.zeros(3, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> k().columns(a, Form.EXP, new int[] {0}, DenseMatrix.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> k().diagonal(a, Form.EXP, new double[2], 0));
        assertThrows(IllegalArgumentException.class, () -> ExpGramOperator.of(a, k()).multiply(new double[2]));
        assertArrayEquals(new double[] {7, 8, 9}, y.data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }
}
