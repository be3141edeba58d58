package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attention solver against the direct reference and a naive K formed in the test: both
 * scalings (A = randn·d^{-1/4}, the attention scaling, and randn/√d), λ ∈ {0, 10⁻⁶, 10⁻²}, every
 * preconditioner. Everywhere the converged flag must agree with the independently recomputed
 * residual; where the conditioning allows (listed in {@link #mustConverge}) the solve must converge
 * and agree with the direct solution.
 */
class AttentionSolverTest {

    private static final double TOL = 1e-10;
    private static final int N = 400;
    private static final int D = 16;
    private static final double[] LAMBDAS = {0, 1e-6, 1e-2};
    private static final Map<Boolean, DenseMatrix> POINTS = new ConcurrentHashMap<>();
    private static final Map<String, AttentionResult> DIRECT = new ConcurrentHashMap<>();

    static DenseMatrix points(boolean attention) {
        return POINTS.computeIfAbsent(attention, s -> AttentionProblems.points(N, D, s, 11));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (boolean attention : new boolean[] {true, false}) {
            for (double lambda : LAMBDAS) {
                for (Preconditioner p : new Preconditioner[] {Preconditioner.RPCHOLESKY, Preconditioner.SKETCH,
                    Preconditioner.JACOBI, Preconditioner.NONE, Preconditioner.AUTO}) {
                    out.add(Arguments.of(attention, lambda, Route.MATRIX_FREE, p));
                    if (p != Preconditioner.NONE) { // NONE runs on the unscaled K, which only the fused operator applies
                        out.add(Arguments.of(attention, lambda, Route.MATERIALISED, p));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * Cases whose conditioning allows 1e-10 within the iteration limit: the attention scaling
     * (G close to the identity plus a low-rank part) for every λ with the scaled routes, and
     * randn/√d with λ = 10⁻² for the low-rank preconditioners (Jacobi needs more than 200 iterations
     * there). Plain CG on the unscaled K is never required to converge.
     */
    static boolean mustConverge(boolean attention, double lambda, Preconditioner p) {
        if (p == Preconditioner.NONE) {
            return false;
        }
        return attention || (lambda >= 1e-2 && p.resolve().isLowRank());
    }

    static AttentionResult direct(boolean attention, double lambda) {
        return DIRECT.computeIfAbsent(attention + "/" + lambda, k -> AttentionSolver.solve(points(attention),
                AttentionProblems.gaussian(N, 3), AttentionOptions.builder().ridge(lambda)
                        .route(Route.DENSE).build()));
    }

    @ParameterizedTest(name = "attention={0} lambda={1} {2} {3}")
    @MethodSource("cases")
    void convergedFlagIsHonestAndMatchesTheDirectReference(boolean attention, double lambda, Route route,
                                                           Preconditioner p) {
        DenseMatrix a = points(attention);
        double[] b = AttentionProblems.gaussian(N, 3);
        AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().ridge(lambda).route(route)
                .preconditioner(p).rank(100).maxIterations(200).build());
        assertEquals(Optional.of(p.resolve()), r.preconditioner());
        assertEquals(route, r.route());
        double naive = AttentionProblems.residual(a, lambda, r.x(), b);
        // the reported residual is the exact operator's: it agrees with the naive one to rounding
        assertEquals(naive, r.relativeResidual(), 1e-12 + 1e-6 * naive, "reported vs naive residual");
        assertEquals(r.relativeResidual() <= TOL, r.converged(), "converged flag vs residual " + r.relativeResidual());
        assertTrue(r.iterations() <= 200);
        if (mustConverge(attention, lambda, p)) {
            assertTrue(r.converged(), "did not converge: residual " + r.relativeResidual() + " after "
                    + r.iterations());
            AttentionResult d = direct(attention, lambda);
            assertTrue(d.converged(), "direct: " + d.relativeResidual());
            // forward error ≤ κ(K + λI)·(residuals): both residuals are ≤ 1e-10 here; the attention
            // scaling is well conditioned, randn/√d with λ = 1e-2 has κ(G + λD⁻²) ≲ 1e4
            assertTrue(AttentionProblems.relativeDistance(r.x(), d.x()) < (attention ? 1e-7 : 1e-5),
                    "forward distance to direct " + AttentionProblems.relativeDistance(r.x(), d.x()));
        }
        if (p.resolve().isLowRank()) {
            assertTrue(r.rank() > 0 && r.rank() <= 100 + 1 + D, "rank " + r.rank());
            assertTrue(r.shift() > 0, "shift " + r.shift());
        }
        if (r.iterations() >= 2 && p != Preconditioner.NONE) {
            assertTrue(r.conditionEstimate() >= 1 - 1e-9, "condition estimate " + r.conditionEstimate());
        }
        AttentionResult.Timings t = r.timings();
        assertTrue(t.totalSeconds() >= t.matrixSeconds() + t.preconditionerSeconds() + t.iterateSeconds() - 1e-3);
        assertEquals(route == Route.MATERIALISED, t.matrixSeconds() > 0);
    }

    @Test
    void directReferenceMatchesTheNaiveKernelWhenWellConditioned() {
        for (boolean attention : new boolean[] {true, false}) {
            AttentionResult d = direct(attention, attention ? 0 : 1e-2);
            double naive = AttentionProblems.residual(points(attention), attention ? 0 : 1e-2, d.x(),
                    AttentionProblems.gaussian(N, 3));
            assertTrue(naive < 1e-12, "direct residual " + naive);
            assertTrue(d.converged());
            assertEquals(N, d.rank());
        }
    }

    @Test
    void largerProblemAgainstDirectForBothScalings() {
        int n = 1500;
        for (boolean attention : new boolean[] {true, false}) {
            DenseMatrix a = AttentionProblems.points(n, 32, attention, 21);
            double[] b = AttentionProblems.gaussian(n, 4);
            double lambda = attention ? 0 : 1e-2;
            AttentionOptions o = AttentionOptions.builder().ridge(lambda).build();
            AttentionResult d = AttentionSolver.solve(a, b, o.toBuilder().route(Route.DENSE).build());
            AttentionResult r = AttentionSolver.solve(a, b, o.toBuilder().route(Route.MATERIALISED).rank(256).build());
            assertTrue(d.converged() && r.converged(), d.relativeResidual() + " " + r.relativeResidual());
            // AUTO: the attention scaling's spectrum is flat (its first 32 pivots capture about
            // 32/n of the trace), so Jacobi; randn/√d has a dominant low-rank part, so rpcholesky
            assertEquals(Optional.of(attention ? Preconditioner.JACOBI : Preconditioner.RPCHOLESKY), r.preconditioner());
            assertTrue(AttentionProblems.relativeDistance(r.x(), d.x()) < 1e-5);
        }
    }

    @Test
    void preconditionedOperatorIsSymmetricPositiveDefiniteOnRandomVectors() {
        for (boolean attention : new boolean[] {true, false}) {
            for (double lambda : new double[] {0, 1e-2}) {
                for (Preconditioner p : new Preconditioner[] {Preconditioner.RPCHOLESKY, Preconditioner.SKETCH,
                    Preconditioner.JACOBI}) {
                    BiConsumer<double[], double[]>[] hp = AttentionSolver.scaledOperatorAndPreconditioner(
                            points(attention), AttentionOptions.builder().ridge(lambda).preconditioner(p)
                                    .rank(60).build());
                    for (int t = 0; t < 4; t++) {
                        double[] u = AttentionProblems.gaussian(N, 100 + t);
                        double[] v = AttentionProblems.gaussian(N, 200 + t);
                        double[] pu = apply(hp[1], u);
                        double[] pv = apply(hp[1], v);
                        double[] hu = apply(hp[0], u);
                        double[] hv = apply(hp[0], v);
                        String where = p + " attention=" + attention + " lambda=" + lambda;
                        // P⁻¹ and H symmetric, P⁻¹ and H positive, and so P⁻¹H self-adjoint and positive in ⟨·,·⟩_H
                        assertEquals(dot(u, pv), dot(pu, v), 1e-11 * norm(u) * norm(pv), where);
                        assertEquals(dot(u, hv), dot(hu, v), 1e-11 * norm(u) * norm(hv), where);
                        assertTrue(dot(u, pu) > 0 && dot(u, hu) > 0, where);
                        double[] phu = apply(hp[1], hu);
                        assertTrue(dot(hu, phu) > 0, where);
                        assertEquals(dot(hv, phu), dot(apply(hp[1], hv), hu), 1e-11 * norm(hv) * norm(phu), where);
                    }
                }
            }
        }
    }

    @Test
    void resultIsIdenticalForAnyThreadCount() {
        DenseMatrix a = points(false);
        double[] b = AttentionProblems.gaussian(N, 3);
        for (Route route : Route.values()) {
            for (Preconditioner p : new Preconditioner[] {Preconditioner.RPCHOLESKY, Preconditioner.SKETCH}) {
                AttentionOptions o = AttentionOptions.builder().ridge(1e-2).route(route).preconditioner(p).rank(80)
                        .build();
                AttentionResult one = solveOnThreads(a, b, o, 1);
                AttentionResult two = solveOnThreads(a, b, o, 2);
                AttentionResult three = solveOnThreads(a, b, o, 3);
                assertArrayEquals(one.x(), two.x(), route + " " + p);
                assertArrayEquals(one.x(), three.x(), route + " " + p);
                assertEquals(one.iterations(), three.iterations());
            }
        }
    }

    /**
     * r right-hand sides solved together give, column by column, what solving each alone gives (to
     * the tolerance's forward error), each with its own honest residual; a zero column gives x = 0.
     */
    @Test
    void manyRightHandSidesSolveLikeOneAtATime() {
        DenseMatrix a = points(false);
        int r = 3;
        DenseMatrix bm = DenseMatrix.zeros(N, r);
        for (int c = 0; c < r; c++) {
            double[] col = c == 1 ? new double[N] : AttentionProblems.gaussian(N, 40 + c);
            for (int i = 0; i < N; i++) {
                bm.set(i, c, col[i]);
            }
        }
        for (Route route : new Route[] {Route.DENSE, Route.MATERIALISED, Route.MATRIX_FREE}) {
            AttentionOptions o = AttentionOptions.builder().ridge(1e-2).route(route)
                    .preconditioner(Preconditioner.RPCHOLESKY).rank(80).build();
            AttentionResult block = AttentionSolver.solve(a, bm, o);
            assertEquals(r, block.columns());
            assertEquals(route, block.route());
            assertThrows(IllegalStateException.class, block::x);
            DenseMatrix x = block.solutions();
            assertEquals(N, x.rows());
            assertEquals(r, x.cols());
            double[] residuals = block.relativeResiduals();
            for (int c = 0; c < r; c++) {
                double[] b = new double[N];
                for (int i = 0; i < N; i++) {
                    b[i] = bm.get(i, c);
                }
                double[] xc = block.column(c);
                if (c == 1) {
                    assertArrayEquals(new double[N], xc, route.key());
                    assertEquals(0.0, residuals[c]);
                    continue;
                }
                AttentionResult alone = AttentionSolver.solve(a, b, o);
                assertTrue(AttentionProblems.relativeDistance(xc, alone.x()) < 1e-6, route.key() + " column " + c);
                double naive = AttentionProblems.residual(a, 1e-2, xc, b);
                assertEquals(naive, residuals[c], 1e-12 + 1e-6 * naive, route.key() + " column " + c);
                assertTrue(residuals[c] <= TOL, route.key() + " column " + c + ": " + residuals[c]);
            }
            assertTrue(block.converged());
            assertEquals(block.relativeResidual(), Math.max(residuals[0], residuals[2]), 0.0);
            assertEquals(r, block.iterationsPerColumn().length);
        }
        DenseMatrix wrong = DenseMatrix.zeros(N - 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionSolver.solve(a, wrong, AttentionOptions.defaults()));
        assertTrue(e.getMessage().contains("B is " + (N - 1) + "x2"), e.getMessage());
        DenseMatrix nan = bm.copy();
        nan.set(3, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(a, nan, AttentionOptions.defaults()));
        assertTrue(e.getMessage().contains("B: entry (3, 2)"), e.getMessage());
    }

    @Test
    void notConvergingIsReportedHonestly() {
        DenseMatrix a = points(false);
        double[] b = AttentionProblems.gaussian(N, 3);
        // randn/√d with λ = 0: G is numerically singular; a few iterations cannot reach 1e-10
        AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().route(Route.MATERIALISED)
                .preconditioner(Preconditioner.JACOBI).maxIterations(5).build());
        assertFalse(r.converged());
        assertTrue(r.relativeResidual() > TOL);
        assertEquals(5, r.iterations());
        assertEquals(AttentionProblems.residual(a, 0, r.x(), b), r.relativeResidual(), 1e-6 * r.relativeResidual());
    }

    @Test
    void duplicateRowsWithoutRidgeAreReportedAsSingular() {
        DenseMatrix a = points(true).copy();
        for (int k = 0; k < D; k++) {
            a.set(250, k, a.get(17, k));
        }
        double[] b = AttentionProblems.gaussian(N, 3);
        for (Preconditioner p : Preconditioner.values()) {
            SingularKernelException e = assertThrows(SingularKernelException.class,
                    () -> AttentionSolver.solve(a, b, AttentionOptions.builder().preconditioner(p).build()));
            assertArrayEquals(new int[] {17, 250}, e.rows());
            assertTrue(e.getMessage().contains("rows 17 and 250"), e.getMessage());
        }
        // with a ridge the problem is well posed
        AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().ridge(1e-2).build());
        assertTrue(r.converged(), "" + r.relativeResidual());
    }

    @Test
    void directRouteNeverReturnsASilentGarbageSolutionForANumericallySingularKernel() {
        DenseMatrix a = points(true).copy();
        for (int k = 0; k < D; k++) {
            a.set(250, k, a.get(17, k) * (1 + 1e-13)); // not equal, but numerically identical kernel rows
        }
        double[] b = AttentionProblems.gaussian(N, 3);
        try {
            AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder()
                    .route(Route.DENSE).build());
            // Cholesky got through on rounding: the residual must then tell the truth (x is huge, so
            // the two residual computations agree only in being far above the tolerance)
            double naive = AttentionProblems.residual(a, 0, r.x(), b);
            assertEquals(naive <= TOL, r.relativeResidual() <= TOL, naive + " vs " + r.relativeResidual());
            assertEquals(r.relativeResidual() <= TOL, r.converged());
        } catch (SingularKernelException e) {
            assertTrue(e.getMessage().contains("pivot"), e.getMessage());
        }
    }

    @Test
    void rowsWithLargeNormsGoThroughTheGaussianFormAndAreReportedHonestly() {
        // ‖a_5‖² = 650 > the 600 up to which G·x is evaluated as D⁻¹K D⁻¹x: the Gaussian kernel runs.
        // The original residual weighs row 5 by e^{325} against the scaled one PCG drives down, so the
        // tolerance may be out of reach: the converged flag must say so.
        DenseMatrix a = AttentionProblems.points(200, D, true, 13);
        for (int k = 0; k < D; k++) {
            a.set(5, k, k == 0 ? Math.sqrt(650) : 0.0);
        }
        double[] b = AttentionProblems.gaussian(200, 3);
        for (Route route : Route.values()) {
            for (Preconditioner p : new Preconditioner[] {Preconditioner.RPCHOLESKY, Preconditioner.JACOBI}) {
                AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().ridge(1e-2).route(route)
                        .preconditioner(p).rank(50).build());
                double naive = AttentionProblems.residual(a, 1e-2, r.x(), b);
                // two evaluations of K·x differ by their rounding, up to n·u·‖K|x|‖/‖b‖ (K > 0): with row 5's
                // e^{650} that floor can exceed 1e-6 of a residual made of cancellation (the dense route's)
                double[] absX = r.x();
                for (int i = 0; i < absX.length; i++) {
                    absX[i] = Math.abs(absX[i]);
                }
                double floor = 200 * 0x1.0p-53 * norm(AttentionProblems.kernelTimes(a, 1e-2, absX)) / norm(b);
                assertEquals(naive, r.relativeResidual(), 1e-12 + 1e-6 * naive + floor, route + " " + p.key());
                assertEquals(r.relativeResidual() <= TOL, r.converged(), route + " " + p.key());
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        DenseMatrix a = points(true);
        double[] b = AttentionProblems.gaussian(N, 3);
        AttentionOptions o = AttentionOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(null, b, o));
        assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(a, (double[]) null, o));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionSolver.solve(a, new double[N - 1], o));
        assertTrue(e.getMessage().contains("length " + (N - 1)), e.getMessage());
        DenseMatrix nan = a.copy();
        nan.set(5, 3, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(nan, b, o));
        assertTrue(e.getMessage().contains("A: entry (5, 3)"), e.getMessage());
        double[] inf = b.clone();
        inf[7] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(a, inf, o));
        assertTrue(e.getMessage().contains("b: entry 7 "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> o.toBuilder().ridge(-1e-3));
        assertTrue(e.getMessage().contains("ridge"), e.getMessage());
        DenseMatrix big = a.copy();
        for (int row : new int[] {9, 42}) {
            for (int k = 0; k < D; k++) {
                big.set(row, k, 7.0); // ‖a‖² = 16·49 = 784 > 709.78
            }
        }
        e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(big, b, o));
        assertTrue(e.getMessage().contains("[9, 42]") && e.getMessage().contains("overflow"), e.getMessage());
        for (Route route : new Route[] {Route.DENSE, Route.MATERIALISED}) {
            e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(a, b,
                    o.toBuilder().route(route).memoryLimitBytes(1000).build()));
            assertTrue(e.getMessage().contains("memory budget") && e.getMessage().contains(route.key()), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(a, b,
                o.toBuilder().route(Route.MATERIALISED).preconditioner(Preconditioner.NONE).build()));
        assertTrue(e.getMessage().contains("matrix-free"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Preconditioner.parse("direct"));
        assertTrue(e.getMessage().contains("dense route"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Route.parse("sparse"));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().tolerance(0));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().shift(-1));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().rank(-1));
        assertThrows(IllegalArgumentException.class, () -> Preconditioner.parse("magic"));
    }

    @Test
    void predictionIsExpOfQueriesTimesPointsTransposedTimesX() {
        DenseMatrix a = AttentionProblems.points(50, 6, true, 5);
        DenseMatrix q = AttentionProblems.points(13, 6, true, 6);
        double[] x = AttentionProblems.gaussian(50, 7);
        double[] y = AttentionSolver.predict(a, x, q);
        assertEquals(13, y.length);
        for (int i = 0; i < 13; i++) {
            double s = 0;
            for (int j = 0; j < 50; j++) {
                double dot = 0;
                for (int k = 0; k < 6; k++) {
                    dot += q.get(i, k) * a.get(j, k);
                }
                s += Math.exp(dot) * x[j];
            }
            assertEquals(s, y[i], 1e-12 * Math.max(1, Math.abs(s)) * 50);
        }
        assertThrows(IllegalArgumentException.class, () -> AttentionSolver.predict(a, new double[49], q));
        assertThrows(IllegalArgumentException.class,
                () -> AttentionSolver.predict(a, x, AttentionProblems.points(3, 5, true, 1)));
    }

    @Test
    void sketchFeaturesApproximateTheKernelBetterAsTheSketchGrows() {
        DenseMatrix a = AttentionProblems.points(200, 8, false, 9);
        double[] h = akr.kernels.expgram.ExpGram.halfSquaredNorms(a);
        // G, formed naively
        int n = a.rows();
        double[][] g = new double[n][n];
        double gnorm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < a.cols(); k++) {
                    dot += a.get(i, k) * a.get(j, k);
                }
                g[i][j] = Math.exp(dot - h[i] - h[j]);
                gnorm += g[i][j] * g[i][j];
            }
        }
        gnorm = Math.sqrt(gnorm);
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {4, 16, 64, 256, 1024}) {
            double err = 0;
            for (long seed = 1; seed <= 3; seed++) { // averaged over three fixed seeds
                DenseMatrix f = ExpTaylorFeatures.scaledFeatures(a, h, new int[] {m, m, m}, seed,
                        akr.kernels.Kernels.defaults());
                double e2 = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int k = 0; k < f.cols(); k++) {
                            s += f.get(i, k) * f.get(j, k);
                        }
                        e2 += (g[i][j] - s) * (g[i][j] - s);
                    }
                }
                err += Math.sqrt(e2) / gnorm / 3;
            }
            assertTrue(err < previous, "sketch " + m + ": error " + err + " not below " + previous);
            previous = err;
        }
        // degree 4 truncation with ‖a‖² ≈ 1 leaves ~e^{-2}/120 per entry; the largest sketch gets close
        assertTrue(previous < 0.02, "largest sketch error " + previous);
    }

    @Test
    void sketchRulesAreAsDocumented() {
        double[] small = new double[] {0.5, 0.5, 0.5}; // ‖a‖² = 1
        assertEquals(3, ExpTaylorFeatures.defaultDegree(small)); // P(Poisson(1) > 2) = 0.080, > 3 = 0.019
        assertEquals(ExpTaylorFeatures.DEFAULT_MAX_DEGREE, ExpTaylorFeatures.defaultDegree(new double[] {20}));
        assertArrayEquals(new int[] {150, 150, 149}, ExpTaylorFeatures.sketchSizes(1 + 64 + 449, 64, 4));
        assertArrayEquals(new int[] {15}, ExpTaylorFeatures.sketchSizes(1 + 64 + 15, 64, 4)); // 8 per degree
        assertArrayEquals(new int[0], ExpTaylorFeatures.sketchSizes(10, 64, 4));
    }

    /** A solve on a private pool of the given size, closed afterwards. */
    static AttentionResult solveOnThreads(DenseMatrix a, double[] b, AttentionOptions o, int threads) {
        try (Kernels k = Kernels.defaults().withThreads(threads)) {
            return AttentionSolver.solve(a, b, o.toBuilder().kernels(k).build());
        }
    }

    private static double[] apply(BiConsumer<double[], double[]> f, double[] x) {
        double[] y = new double[x.length];
        f.accept(x, y);
        return y;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }
}
