package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.SingularMatrixException;
import akr.kernels.qr.HouseholderQr;
import akr.kernels.sketch.Sketch;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Uplo;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.RankDeficientException;
import akr.solvers.power.SketchKind;

/**
 * The power problems of {@link PowerSolver} for a tall A distributed over a Spark cluster as
 * {@link RowBlocks}: gram-power min ‖(AᵀA)ʲx − c‖ (c ∈ ℝᵈ on the driver) and lstsq-power
 * min ‖A(AᵀA)ʲx − b‖ (b carried with the rows).
 *
 * <p><b>Routes</b> (the one-machine routes of the same name, with every pass over A
 * distributed and everything d×d on the driver):
 * <ul>
 *   <li>{@link Method#CHOLQR}: S·A by {@link DistributedSketch} (the same S as one
 *       machine, and bit-identical SA for any partitioning), R_s = R(S·A) by Householder QR
 *       on the driver, one pass for G = (A·R_s⁻¹)ᵀ(A·R_s⁻¹) and Aᵀb, R₂ = chol(G), R = R₂R_s
 *       (randomised Cholesky-QR);</li>
 *   <li>{@link Method#NORMAL}: one pass for AᵀA and Aᵀb, R = chol(AᵀA) (fastest; needs
 *       κ(A) below about 10⁷ like one machine's);</li>
 *   <li>{@link Method#AUTO}: NORMAL, and CHOLQR when the normal equations are declined
 *       ({@link #resolve}). One machine's AUTO falls back to Householder QR for lstsq-power with
 *       d ≤ 128; that route is not distributed, so here the fallback is always CHOLQR.</li>
 * </ul>
 * then, for lstsq-power, the corrected semi-normal equations RᵀR·z = Aᵀb,
 * z ← z + R⁻¹R⁻ᵀAᵀ(b − Az) with the distributed, compensated Aᵀ(b − Az) (one pass each, until a
 * correction stops halving or drops below u‖z‖), then j stages y ← R⁻¹R⁻ᵀy on the driver, then
 * the residuals recomputed with the exact operator (j + 1 passes for lstsq-power, more for the
 * normal-equation residual). Traffic per pass: d or d² doubles per partition to the driver and the
 * d-vector z to every task. Other methods throw {@link UnsupportedOperationException}.
 *
 * <p><b>Agreement with one machine.</b> The route's arithmetic per block is the one-machine
 * kernels'; sums over partitions are tree-reduced (Grams) or compensated (gradients), so x and the
 * residuals agree with {@code PowerSolver} on the same route to the problem's conditioning times a
 * few ulps (the tests hold them to 10⁻¹² on well-conditioned problems).
 */
public final class SparkPowerSolver {

    private static final double U = 0x1.0p-53;

    private SparkPowerSolver() {
    }

    /** lstsq-power: min ‖A(AᵀA)ʲx − b‖, b carried by the blocks; j = 0 is least squares. */
    public static SparkPowerResult lstsqPower(RowBlocks blocks, int j, PowerOptions options) {
        return lstsqPower(blocks, j, options, DistributedSketch.Assembly.EXACT);
    }

    /**
     * As {@link #lstsqPower(RowBlocks, int, PowerOptions)}, with the sketch's split chunks
     * assembled as given: REASSOCIATED saves the extra jobs EXACT runs when partitions split the
     * sketch's chunks (many partitions per chunk on a large cluster), at the price of an S·A equal
     * to one machine's only up to rounding.
     */
    public static SparkPowerResult lstsqPower(RowBlocks blocks, int j, PowerOptions options,
                                              DistributedSketch.Assembly assembly) {
        check(blocks, j, options, true);
        if (!blocks.hasB()) {
            throw new IllegalArgumentException("lstsq-power needs b: the row blocks carry none");
        }
        return solve(blocks, null, j, options, assembly);
    }

    /** gram-power: min ‖(AᵀA)ʲx − c‖ for j ≥ 1, c ∈ ℝᵈ on the driver (any b in the blocks is ignored). */
    public static SparkPowerResult gramPower(RowBlocks blocks, double[] c, int j, PowerOptions options) {
        return gramPower(blocks, c, j, options, DistributedSketch.Assembly.EXACT);
    }

    /** As {@link #gramPower(RowBlocks, double[], int, PowerOptions)}, with the given sketch assembly. */
    public static SparkPowerResult gramPower(RowBlocks blocks, double[] c, int j, PowerOptions options,
                                             DistributedSketch.Assembly assembly) {
        check(blocks, j, options, false);
        if (c == null || c.length != blocks.cols()) {
            throw new IllegalArgumentException("c: " + (c == null ? "null" : "length " + c.length) + ", expected d = "
                    + blocks.cols());
        }
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("c[" + i + "] is not finite: " + c[i]);
            }
        }
        return solve(blocks, c.clone(), j, options, assembly);
    }

    /**
     * The method that runs first for an option: AUTO is NORMAL, as on one machine
     * ({@link PowerSolver#resolve}), and falls back to CHOLQR when the normal equations are
     * declined (Cholesky breakdown, κ(R)² beyond 1/(100u), AᵀA overflowing); the declined
     * attempt's time counts in the factor and total times.
     */
    public static Method resolve(Method m) {
        return switch (m) {
            case AUTO, NORMAL -> Method.NORMAL;
            case CHOLQR -> Method.CHOLQR;
            default -> throw new UnsupportedOperationException("method " + m.key()
                    + " is not distributed: akr-spark runs cholqr (default) and normal");
        };
    }

    private static void check(RowBlocks blocks, int j, PowerOptions options, boolean lstsq) {
        if (blocks == null || options == null) {
            throw new IllegalArgumentException("blocks and options must not be null");
        }
        int lo = lstsq ? 0 : 1;
        if (j < lo || j > PowerSolver.MAX_POWER) {
            throw new IllegalArgumentException("j: " + j + " (must be in [" + lo + ", " + PowerSolver.MAX_POWER + "])");
        }
        if (blocks.rows() < blocks.cols()) {
            throw new IllegalArgumentException("A is " + blocks.rows() + "x" + blocks.cols() + ": needs n >= d");
        }
        resolve(options.method());
    }

    private static SparkPowerResult solve(RowBlocks blocks, double[] c, int j, PowerOptions o,
                                          DistributedSketch.Assembly assembly) {
        if (assembly == null) {
            throw new IllegalArgumentException("assembly: null");
        }
        long t0 = System.nanoTime();
        if (o.method() != Method.AUTO) {
            return solve(blocks, c, j, o, resolve(o.method()), assembly, t0);
        }
        try {
            return solve(blocks, c, j, o, Method.NORMAL, assembly, t0);
        } catch (ArithmeticException e) { // RankDeficientException is not one: caught below
            return solve(blocks, c, j, o, Method.CHOLQR, assembly, t0);
        } catch (RankDeficientException e) {
            return solve(blocks, c, j, o, Method.CHOLQR, assembly, t0);
        }
    }

    private static SparkPowerResult solve(RowBlocks blocks, double[] c, int j, PowerOptions o, Method method,
                                          DistributedSketch.Assembly assembly, long t0) {
        boolean lstsq = c == null;
        Kernels k = o.kernels();
        Triangular tri = k.triangular();
        int n = blocks.rows();
        int d = blocks.cols();
        int passes = 0;

        long t = System.nanoTime();
        DenseMatrix rs = null;
        boolean bitIdentical = false;
        if (method == Method.CHOLQR) {
            DistributedSketch.Result sk = DistributedSketch.sketch(blocks, kernelKind(o.sketch()), o.sketchRows(n, d), o.seed(),
                    assembly);
            passes++;
            if (sk.sa().firstNonFinite() != null) {
                throw new ArithmeticException("the sketch S·A overflows although A is finite: scale A");
            }
            bitIdentical = sk.bitIdentical();
            rs = HouseholderQr.rFactor(sk.sa(), null,
                    HouseholderQr.Options.defaults().withKernels(k).withNonNegativeDiagonal(true)).view(0, 0, d, d).copy();
            checkRank("R_s (the R factor of the sketch S·A)", rs, tri, false);
        }
        double sketchSeconds = seconds(t);
        double priorSeconds = seconds(t0) - sketchSeconds; // a declined NORMAL attempt of AUTO

        t = System.nanoTime();
        double[] gAtb = DistributedOps.gramAndAtb(blocks, rs);
        passes++;
        DenseMatrix g = DenseMatrix.wrap(java.util.Arrays.copyOf(gAtb, d * d), d, d);
        double[] atb = java.util.Arrays.copyOfRange(gAtb, d * d, d * d + d);
        double bnorm = Math.sqrt(gAtb[d * d + d]);
        if (g.firstNonFinite() != null) {
            throw new ArithmeticException(rs == null ? "AᵀA is not finite: scale A" : "(A·R_s⁻¹)ᵀ(A·R_s⁻¹) is not finite");
        }
        try {
            k.cholesky().factor(Uplo.UPPER, g);
        } catch (SingularMatrixException e) {
            throw new RankDeficientException((rs == null ? "AᵀA" : "(A·R_s⁻¹)ᵀ(A·R_s⁻¹)") + " (Cholesky breakdown at pivot "
                    + e.index() + ")", Double.POSITIVE_INFINITY);
        }
        zeroLower(g);
        double kappaPre = Double.NaN;
        DenseMatrix r = g;
        if (rs != null) {
            kappaPre = Spectral.sigmaMax(g, tri) / Spectral.sigmaMin(g, tri);
            r = upperProduct(g, rs); // R = R₂·R_s
        }
        checkRank(rs == null ? "AᵀA (from its Cholesky factor)" : "R (the Cholesky-QR factor of A)", r, tri, rs == null);
        double factorSeconds = seconds(t);

        t = System.nanoTime();
        double[] y;
        int corrections = 0;
        if (lstsq) {
            y = atb.clone();
            solveGram(tri, r, y);
            double[] dz;
            double previous = Double.POSITIVE_INFINITY;
            for (int it = 1; it <= o.maxIterations(); it++) {
                double[] gr = DistributedOps.residualAndGradient(blocks, y);
                passes++;
                dz = java.util.Arrays.copyOf(gr, d);
                solveGram(tri, r, dz);
                double size = norm(dz);
                double znorm = norm(y);
                corrections = it;
                if (size > 0.5 * previous) {
                    break; // stagnated: the smaller correction was already applied
                }
                for (int i = 0; i < d; i++) {
                    y[i] += dz[i];
                }
                if (size <= U * znorm) {
                    break;
                }
                previous = size;
            }
        } else {
            y = c.clone();
        }
        double sigmaMax = Spectral.sigmaMax(r, tri);
        double kappaA = sigmaMax / Spectral.sigmaMin(r, tri);
        for (int s = 0; s < j; s++) {
            double[] cs = y.clone();
            solveGram(tri, r, y); // (AᵀA)⁻¹ = R⁻¹R⁻ᵀ
            if (rs == null) { // R from the rounded AᵀA: refined to QR-of-A accuracy, as on one machine
                passes += refineStage(blocks, tri, r, cs, y, kappaA, o.maxIterations());
            }
        }
        double iterateSeconds = seconds(t);

        double[] v = y.clone();
        for (int s = 0; s < j; s++) {
            v = DistributedOps.gram(blocks, v);
            passes++;
        }
        double relative;
        double normal = Double.NaN;
        if (!lstsq) {
            double[] e = new double[d];
            for (int i = 0; i < d; i++) {
                e[i] = v[i] - c[i];
            }
            double cn = norm(c);
            relative = cn == 0 ? norm(e) : norm(e) / cn;
        } else {
            double[] gr = DistributedOps.residualAndGradient(blocks, v);
            passes++;
            double rnorm = Math.sqrt(gr[d]);
            double[] gv = java.util.Arrays.copyOf(gr, d);
            for (int s = 0; s < j; s++) {
                gv = DistributedOps.gram(blocks, gv);
                passes++;
            }
            relative = bnorm == 0 ? rnorm : rnorm / bnorm;
            normal = rnorm == 0 ? 0 : norm(gv) / (Math.pow(sigmaMax, 2 * j + 1) * rnorm);
        }
        double tol = o.tolerance();
        boolean converged = relative <= tol || (lstsq && normal <= tol);
        PowerResult.Timings times = new PowerResult.Timings(sketchSeconds, priorSeconds + factorSeconds, iterateSeconds,
                seconds(t0));
        return new SparkPowerResult(y, relative, normal, corrections, converged, method, times, kappaPre, kappaA,
                bitIdentical, passes);
    }

    /** The kernels' sketch kind of a solver option. */
    public static Sketch.Kind kernelKind(SketchKind k) {
        return switch (k) {
            case SRHT -> Sketch.Kind.SRHT;
            case SPARSE_SIGN -> Sketch.Kind.SPARSE_SIGN;
            case COUNTSKETCH -> Sketch.Kind.COUNT_SKETCH;
            case GAUSSIAN -> Sketch.Kind.GAUSSIAN;
        };
    }

    /** Rank check as one machine's: κ(R) (κ(R)² for a Cholesky factor of AᵀA) beyond 1/(100u) is rank deficient. */
    private static void checkRank(String what, DenseMatrix r, Triangular tri, boolean ofGram) {
        double k = Spectral.sigmaMax(r, tri) / Spectral.sigmaMin(r, tri);
        double kk = ofGram ? k * k : k;
        if (!(kk <= RankDeficientException.THRESHOLD)) {
            throw new RankDeficientException(what, kk);
        }
    }

    /**
     * The one-machine normal route's stage refinement: y ← y + (RᵀR)⁻¹(c − AᵀA·y), AᵀA·y summed in
     * compensated arithmetic, until the next correction (about κ(A)²u times this one) would fall
     * below κ(A)·u·‖y‖, or a correction stops halving. Returns the passes over A it made.
     */
    private static int refineStage(RowBlocks blocks, Triangular tri, DenseMatrix r, double[] c, double[] y,
                                   double kappa, int maxIterations) {
        int d = y.length;
        double k = Math.max(1, kappa);
        double floor = k * U;
        double previous = Double.POSITIVE_INFINITY;
        int passes = 0;
        for (int it = 1; it <= maxIterations; it++) {
            double[] dy = DistributedOps.gram(blocks, y, true);
            passes++;
            for (int i = 0; i < d; i++) {
                dy[i] = c[i] - dy[i];
            }
            solveGram(tri, r, dy);
            double size = norm(dy);
            double ynorm = norm(y);
            if (size > 0.5 * previous) {
                break;
            }
            for (int i = 0; i < d; i++) {
                y[i] += dy[i];
            }
            if (size * k * k * U <= floor * ynorm) {
                break;
            }
            previous = size;
        }
        return passes;
    }

    /** v ← (RᵀR)⁻¹v = R⁻¹R⁻ᵀv. */
    private static void solveGram(Triangular tri, DenseMatrix r, double[] v) {
        tri.trsv(Uplo.UPPER, Op.T, Diag.NON_UNIT, r, v, 0);
        tri.trsv(Uplo.UPPER, Op.N, Diag.NON_UNIT, r, v, 0);
    }

    /** The product of two upper-triangular d×d matrices. */
    private static DenseMatrix upperProduct(DenseMatrix a, DenseMatrix b) {
        int d = a.rows();
        DenseMatrix out = DenseMatrix.zeros(d, d);
        for (int i = 0; i < d; i++) {
            for (int kk = i; kk < d; kk++) {
                double s = 0;
                for (int p = i; p <= kk; p++) {
                    s += a.get(i, p) * b.get(p, kk);
                }
                out.set(i, kk, s);
            }
        }
        return out;
    }

    /** The Cholesky kernel leaves the strict lower triangle as it was: clear it so R is upper triangular. */
    private static void zeroLower(DenseMatrix m) {
        for (int i = 1; i < m.rows(); i++) {
            for (int jj = 0; jj < i; jj++) {
                m.set(i, jj, 0.0);
            }
        }
    }

    /** ‖v‖₂ on the driver (the library's overflow-safe nrm2). */
    static double norm(double[] v) {
        return Kernels.defaults().blas1().nrm2(v);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }
}
