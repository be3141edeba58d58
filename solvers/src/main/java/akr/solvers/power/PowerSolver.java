package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.Lsqr;
import akr.solvers.iterative.Pcg;
import akr.solvers.iterative.ProgressListener;

/**
 * Solvers for the two power problems of DESIGN §1, for A (n×d, n ≥ d, full column rank):
 * <ul>
 *   <li>gram-power (P1): min ‖(AᵀA)ʲx − b‖, b ∈ ℝᵈ, j ≥ 1; x* = (AᵀA)⁻ʲb;</li>
 *   <li>lstsq-power (P2): min ‖A(AᵀA)ʲx − b‖, b ∈ ℝⁿ, j ≥ 0; x* = (AᵀA)⁻ʲz*, z* = argmin ‖Az − b‖.</li>
 * </ul>
 *
 * <p><b>Algorithm</b> (DESIGN §2). One sketch S (m×n) and one R_s = R(S·A) serve every stage. For
 * lstsq-power, [A | b] is sketched together and the R factor of [SA | Sb] gives both R_s and
 * Q_sᵀSb, hence the sketch-and-solve start z₀ = R_s⁻¹Q_sᵀSb. The least-squares stage then runs
 * LSQR on min ‖A R_s⁻¹w − r‖ (two sweeps: solve, then one refinement on the recomputed residual,
 * in the spirit of Epperly–Meier–Nakatsukasa's sketch-and-precondition with iterative refinement),
 * or the paper's preconditioned gradient descent (with the step 2/(σ_min² + σ_max²) of A·R_s⁻¹
 * measured from the Cholesky-QR factor below: the paper's step 1 assumes an ε-embedding with
 * small ε, and diverges when σ_max(A·R_s⁻¹)² > 2, which a 4d-row sketch can produce), or the
 * randomised Cholesky-QR semi-normal equations RᵀRz = Aᵀb followed by corrections
 * z ← z + R⁻¹R⁻ᵀAᵀ(b − Az) until they stop shrinking (corrected semi-normal equations; κ(A·R⁻¹) ≈ 1,
 * so each correction gains about −log₁₀(κ(A)·u) digits, and each is one fused pass over A; a single
 * correction is not enough at κ(A) = 10¹⁰). Each of the j stages y_k = (AᵀA)⁻¹y_{k−1} runs PCG (or
 * preconditioned Richardson for GD) with preconditioner R_s⁻¹R_s⁻ᵀ, or two triangular solves
 * with the Cholesky-QR factor R.
 *
 * <p><b>Inner tolerances.</b> If stage k leaves the residual e_k = AᵀAy_k − y_{k−1}, then
 * (AᵀA)ʲy_j − y_0 = Σ_k (AᵀA)^{k−1}e_k: the error of stage k is amplified by up to σ_max^{2(k−1)}.
 * Stage k is therefore asked for ‖e_k‖ ≤ τ‖y_0‖/((j+1)·σ_max^{2(k−1)}) for gram-power, and for
 * lstsq-power (whose normal-equation residual weighs e_k by σ_max^{2k−1}/(‖M‖‖r‖))
 * ‖e_k‖ ≤ τ·max(‖r‖, τ‖b‖)/((j+1)·σ_max^{2k−1}), with σ_max estimated from the Cholesky-QR
 * factor. Tolerances below 4u are raised to 4u; the recomputed residual decides convergence.
 *
 * <p><b>Accuracy of the corrections.</b> Every correction's gradient Aᵀ(b − Az) is summed in
 * compensated arithmetic ({@link akr.kernels.gemv.Gemv#gemvThenTransposedCompensated}): with a
 * plain sum over 10⁶ rows its rounding, amplified by κ(A), set the corrections' noise floor several
 * times above Householder QR's forward error.
 *
 * <p><b>Non-finite input.</b> A is not scanned up front: the first pass of every method over A
 * (SYRK, the sketch, the Householder QR) turns a NaN or infinity into a non-finite result, and only
 * then is A searched, to name the entry. A finite A whose AᵀA or sketch overflows is reported as
 * such (AUTO declines the normal equations instead).
 *
 * <p><b>Diagnostics.</b> Every sketch method also computes the randomised Cholesky-QR factor
 * R = R₂R_s (one blocked pass over A), which gives κ(A) ≈ κ(R), κ(A R_s⁻¹) = κ(R₂) and σ_max(A).
 */
public final class PowerSolver {

    /** Widest A for which AUTO's fallback solves least squares by Householder QR (see {@link #fallback}). */
    public static final int DIRECT_MAX_COLS = 128;

    /** Largest power accepted: beyond it σ^{2j} leaves the double range for any sensible A. */
    public static final int MAX_POWER = 64;
    private static final double U = 0x1.0p-53;

    private PowerSolver() {
    }

    /** P1: min ‖(AᵀA)ʲx − b‖ for j ≥ 1, b of length d. */
    public static PowerResult gramPower(DenseMatrix a, double[] b, int j, PowerOptions options) {
        return solve(false, a, b, j, options);
    }

    /** P2: min ‖A(AᵀA)ʲx − b‖ for j ≥ 0, b of length n; j = 0 is ordinary least squares. */
    public static PowerResult lstsqPower(DenseMatrix a, double[] b, int j, PowerOptions options) {
        return solve(true, a, b, j, options);
    }

    /**
     * The method AUTO tries first: NORMAL (SYRK, Cholesky), the fastest route at every shape
     * measured (bench/README.md). AUTO keeps it unless the Cholesky factorisation of AᵀA breaks
     * down, κ(R)² exceeds 1/(100u) (R its Cholesky factor), or AᵀA overflows although A is finite;
     * then it declines it and runs {@link #fallback}, and the declined attempt's time is reported in
     * the factor and total times.
     * <ul>
     *   <li>gram-power: the problem is posed in AᵀA, so forming it costs no accuracy beyond the
     *       problem's own κ(A)^{2j}.</li>
     *   <li>lstsq-power: the semi-normal solution RᵀRz = Aᵀb is corrected by
     *       z ← z + R⁻¹R⁻ᵀAᵀ(b − Az) with Aᵀ(b − Az) summed in compensated arithmetic. Each correction
     *       contracts the error by about κ(A)²u/10, so up to the limit (κ(A) ≈ 9.5·10⁶) a few passes
     *       reach an accuracy that matched or beat akr's Householder QR at n = 2·10⁴, d = 64 for
     *       κ(A) from 10⁴ to 9·10⁶ and relative residuals 0, 10⁻³ and 0.5 (bench/README.md,
     *       "Power solvers").</li>
     * </ul>
     */
    public static Method resolve(Method m) {
        return m == Method.AUTO ? Method.NORMAL : m;
    }

    /**
     * The method AUTO runs when it declines the normal equations, from the crossovers measured on
     * the benchmark machine (bench/README.md):
     * <ul>
     *   <li>gram-power: CHOLQR.</li>
     *   <li>lstsq-power: DIRECT (Householder QR; the tall-skinny QR reads A once) when
     *       d ≤ {@value #DIRECT_MAX_COLS} or n &lt; 4d (a sketch would not be smaller than A);
     *       otherwise CHOLQR (sketch, randomised Cholesky-QR, corrected semi-normal equations),
     *       whose flops are GEMM-shaped while the Householder QR of a wide A runs at level-2
     *       speed. Measured at n = 10⁵: the two tie at d = 64, DIRECT is 1.3× faster at d = 128,
     *       CHOLQR 2.2× faster at d = 256 and 2.3× at d = 512. CHOLQR's forward error stays within
     *       a small factor of Householder QR's up to κ(A) = 10¹⁰.</li>
     * </ul>
     */
    public static Method fallback(boolean lstsq, int n, int d) {
        if (!lstsq) {
            return Method.CHOLQR;
        }
        return n < 4L * d || d <= DIRECT_MAX_COLS ? Method.DIRECT : Method.CHOLQR;
    }

    private static void validate(boolean lstsq, DenseMatrix a, double[] b, int j, PowerOptions o) {
        if (a == null) {
            throw new IllegalArgumentException("A: null");
        }
        if (b == null) {
            throw new IllegalArgumentException("b: null");
        }
        if (o == null) {
            throw new IllegalArgumentException("options: null");
        }
        int n = a.rows();
        int d = a.cols();
        if (d < 1) {
            throw new IllegalArgumentException("A has no columns");
        }
        if (n < d) {
            throw new IllegalArgumentException("A is " + n + "x" + d + ": n < d, so AᵀA is singular"
                    + " (akr solves the overdetermined case n >= d)");
        }
        int want = lstsq ? n : d;
        if (b.length != want) {
            throw new IllegalArgumentException("b has length " + b.length + ", expected " + want
                    + (lstsq ? " (the rows of A)" : " (the columns of A)"));
        }
        int minJ = lstsq ? 0 : 1;
        if (j < minJ || j > MAX_POWER) {
            throw new IllegalArgumentException("power j = " + j + " is out of range [" + minJ + ", " + MAX_POWER + "]"
                    + (lstsq ? "" : " (j = 0 would make the problem the identity)"));
        }
        // A is not scanned here: every method's first pass over A (SYRK, sketch, QR) turns a
        // non-finite entry into a non-finite result, which Run.requireFiniteA then locates
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("b[" + i + "] = " + b[i] + " is not finite");
            }
        }
        o.sketchRows(n, d); // throws when set outside [d, n]
    }

    private static PowerResult solve(boolean lstsq, DenseMatrix a, double[] b, int j, PowerOptions o) {
        validate(lstsq, a, b, j, o);
        Method m = resolve(o.method());
        if (m != Method.NORMAL || o.method() != Method.AUTO) {
            return new Run(lstsq, a, b, j, o, m, false, 0).run();
        }
        long t0 = System.nanoTime();
        try {
            return new Run(lstsq, a, b, j, o, m, true, 0).run();
        } catch (NormalEquationsDeclined e) {
            // AᵀA numerically singular or overflowing: the attempt's time is reported as factor time
            return new Run(lstsq, a, b, j, o, fallback(lstsq, a.rows(), a.cols()), false, seconds(t0)).run();
        }
    }

    /** One solve's state. */
    private static final class Run {
        final boolean lstsq;
        final double[] b;
        final int j;
        final PowerOptions o;
        final DenseOperator op;
        final ProgressListener listener;
        final Method method;
        final int[] iterations;
        /** Step of the preconditioned gradient iterations: 2/(σ_min² + σ_max²) of A·R_s⁻¹. */
        double gdStep = 1;
        double sketchSeconds;
        double factorSeconds;
        double iterateSeconds;

        /** AUTO's first try: decline (rather than fail) when AᵀA is numerically singular or overflows. */
        final boolean trial;
        /** Time of a declined normal-equations attempt, counted in the factor and total times. */
        final double priorSeconds;

        Run(boolean lstsq, DenseMatrix a, double[] b, int j, PowerOptions o, Method method,
            boolean trial, double priorSeconds) {
            this.trial = trial;
            this.priorSeconds = priorSeconds;
            this.lstsq = lstsq;
            this.b = b;
            this.j = j;
            this.o = o;
            this.op = new DenseOperator(a, o.kernels());
            this.listener = o.listener();
            this.method = method;
            this.iterations = new int[j + 1];
        }

        PowerResult run() {
            long t0 = System.nanoTime();
            double[] y0;          // the right-hand side of the first (AᵀA)⁻¹ stage
            DenseMatrix rs = null; // R_s (sketch methods)
            DenseMatrix r;         // the R factor of A (direct, or Cholesky-QR)
            double kappaPre = Double.NaN;
            if (method == Method.NORMAL) {
                long t = System.nanoTime();
                r = gramCholesky();
                // the matrix factored is AᵀA: its condition κ(R)² is what must stay below 1/(100u)
                double k = SpectralEstimates.condition(r, op.kernels);
                if (!(k * k <= RankDeficientException.THRESHOLD)) {
                    throw failure(new RankDeficientException("AᵀA (from its Cholesky factor)", k * k));
                }
                factorSeconds = seconds(t);
                t = System.nanoTime();
                y0 = lstsq ? refineSemiNormal(r) : b.clone();
                iterateSeconds += seconds(t);
            } else if (method == Method.DIRECT) {
                // Householder QR of [A | b]: its R holds R(A) and, in the last column, Qᵀb, so the
                // least-squares solution needs no second pass over the reflectors
                long t = System.nanoTime();
                DenseMatrix raug;
                try {
                    raug = Factorizations.rFactorAugmented(op.a, lstsq ? b : null, op.kernels);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    requireFiniteA();
                    throw e;
                }
                r = raug.view(0, 0, op.d, op.d).copy();
                checkRank("R (Householder QR of A)", r);
                factorSeconds = seconds(t);
                t = System.nanoTime();
                if (lstsq) {
                    y0 = new double[op.d];
                    for (int i = 0; i < op.d; i++) {
                        y0[i] = raug.get(i, op.d);
                    }
                    op.solveR(r, y0);
                } else {
                    y0 = b.clone();
                }
                iterateSeconds += seconds(t);
            } else {
                long t = System.nanoTime();
                int m = o.sketchRows(op.n, op.d);
                // the sketch-and-solve start needs S·b; Cholesky-QR starts from its own R instead
                boolean sketchB = lstsq && method != Method.CHOLQR;
                DenseMatrix sab = Sketching.sketch(o.sketch(), m, o.seed(), op.a, sketchB ? b : null, op.kernels);
                if (sab.firstNonFinite() != null) {
                    requireFiniteA();
                    throw new ArithmeticException("the sketch S·A overflows although A and b are finite: scale A");
                }
                sketchSeconds = seconds(t);
                t = System.nanoTime();
                DenseMatrix raug = Factorizations.rFactor(sab, op.kernels);
                rs = raug.view(0, 0, op.d, op.d).copy();
                checkRank("R_s (the R factor of the sketch S·A)", rs);
                Factorizations.CholQr cq = Factorizations.randomizedCholeskyQr(op, rs);
                r = cq.r();
                kappaPre = cq.conditionPreconditioned();
                double lo = cq.sigmaMinPreconditioned();
                double hi = cq.sigmaMaxPreconditioned();
                gdStep = 2 / (lo * lo + hi * hi);
                factorSeconds = seconds(t);
                t = System.nanoTime();
                if (lstsq) {
                    double[] z0 = null;
                    if (sketchB) {
                        z0 = new double[op.d];
                        for (int i = 0; i < op.d; i++) {
                            z0[i] = raug.get(i, op.d);
                        }
                        op.solveR(rs, z0);
                    }
                    y0 = leastSquares(rs, r, z0);
                } else {
                    y0 = b.clone();
                }
                iterateSeconds += seconds(t);
            }
            double sigmaMax = SpectralEstimates.sigmaMax(r, op.kernels);
            double kappaA = SpectralEstimates.condition(r, op.kernels);

            long t = System.nanoTime();
            double[] x = powerStages(y0, rs, r, sigmaMax);
            iterateSeconds += seconds(t);

            Residuals res = residuals(x, sigmaMax);
            boolean converged = res.relative <= o.tolerance() || (lstsq && res.normal <= o.tolerance());
            PowerResult.Timings times = new PowerResult.Timings(sketchSeconds, priorSeconds + factorSeconds,
                    iterateSeconds, priorSeconds + seconds(t0));
            return new PowerResult(x, res.relative, lstsq ? res.normal : Double.NaN, iterations, converged, method,
                    times, kappaPre, kappaA);
        }

        /** AᵀA by SYRK and its Cholesky factor; a non-finite AᵀA is traced back to A. */
        private DenseMatrix gramCholesky() {
            try {
                return Factorizations.gramCholesky(op);
            } catch (RankDeficientException e) {
                throw failure(e); // the Cholesky factorisation broke down
            } catch (ArithmeticException e) {
                requireFiniteA();
                throw failure(new ArithmeticException("AᵀA overflows although A is finite (largest |a_ij| too large"
                        + " for its squares to be summed in double precision): scale A, or use method cholqr or direct"));
            }
        }

        /** A failure of the normal equations: AUTO's first try declines them instead. */
        private RuntimeException failure(RuntimeException e) {
            return trial ? new NormalEquationsDeclined() : e;
        }

        /**
         * Called when a pass over A produced a non-finite result: throws naming the first non-finite
         * entry of A, or returns when A is finite (the caller then reports an overflow).
         */
        private void requireFiniteA() {
            int[] at = op.a.firstNonFinite();
            if (at != null) {
                throw new IllegalArgumentException("A(" + at[0] + ", " + at[1] + ") = " + op.a.get(at[0], at[1])
                        + " is not finite");
            }
        }

        private void checkRank(String what, DenseMatrix r) {
            double k = SpectralEstimates.condition(r, op.kernels);
            if (!(k <= RankDeficientException.THRESHOLD)) {
                throw new RankDeficientException(what, k);
            }
        }

        /** The least-squares stage from the sketch-and-solve start z0. */
        private double[] leastSquares(DenseMatrix rs, DenseMatrix r, double[] z0) {
            switch (method) {
                case CHOLQR -> {
                    return refineSemiNormal(r);
                }
                case GD -> {
                    return gradientDescentLs("gd", rs, gdStep, z0);
                }
                default -> {
                    return lsqrWithRefinement(rs, z0);
                }
            }
        }

        private double[] residualLs(double[] z) {
            double[] res = new double[op.n];
            op.times(z, res);
            for (int i = 0; i < op.n; i++) {
                res[i] = b[i] - res[i];
            }
            return res;
        }

        /**
         * Two sweeps of LSQR on min ‖A·P⁻¹w − (b − Az)‖, z ← z + P⁻¹w: the solve and one step of
         * iterative refinement on the recomputed residual (P = R_s, or the Cholesky-QR R).
         */
        private double[] lsqrWithRefinement(DenseMatrix rs, double[] z0) {
            double[] z = z0.clone();
            LinearOperator pre = preconditioned(rs);
            double[] w = new double[op.d];
            for (int sweep = 0; sweep < 2; sweep++) {
                double[] res = residualLs(z);
                // a quarter of the tolerance: LSQR's test is on A·P⁻¹, the reported one on A
                IterationResult it = Lsqr.solve(op.kernels, pre, res, w, o.tolerance() / 4, o.maxIterations(),
                        sweep == 0 ? "lsqr" : "lsqr refinement", listener);
                iterations[0] += it.iterations();
                op.solveR(rs, w);
                for (int i = 0; i < op.d; i++) {
                    z[i] += w[i];
                }
            }
            return z;
        }

        /** M = A·R_s⁻¹ as an operator. */
        private LinearOperator preconditioned(DenseMatrix rs) {
            double[] tmp = new double[op.d];
            return new LinearOperator() {
                public int rows() {
                    return op.n;
                }

                public int cols() {
                    return op.d;
                }

                public void apply(double[] x, double[] y) {
                    System.arraycopy(x, 0, tmp, 0, op.d);
                    op.solveR(rs, tmp);
                    op.times(tmp, y);
                }

                public void applyTranspose(double[] y, double[] x) {
                    op.timesTransposed(y, x);
                    op.solveRt(rs, x);
                }
            };
        }

        /**
         * The semi-normal equations RᵀR·z = Aᵀb with the Cholesky-QR R, refined by
         * z ← z + R⁻¹R⁻ᵀAᵀ(b − Az) (corrected semi-normal equations). A·R⁻¹ is orthonormal to about
         * κ(A)·u, so each correction is that much smaller than the last; the refinement stops when a
         * correction is below u·‖z‖ or no longer halves (the residual's rounding then dominates,
         * which leaves z as accurate as a Householder QR solve), or at the iteration limit. The
         * first solve and each correction cost one pass over A.
         */
        private double[] refineSemiNormal(DenseMatrix r) {
            double[] z = new double[op.d];
            op.timesTransposed(b, z);
            op.solveGram(r, z);
            double[] res = new double[op.n];
            double[] dz = new double[op.d];
            double previous = Double.POSITIVE_INFINITY;
            for (int it = 1; it <= o.maxIterations(); it++) {
                op.residualAndGradient(b, z, res, dz);
                op.solveGram(r, dz);
                double size = norm(dz);
                double znorm = norm(z);
                listener.onIteration(method.key() + " refinement", it, znorm == 0 ? size : size / znorm);
                iterations[0] = it;
                if (size > 0.5 * previous) {
                    break; // stagnated: keep z, the smaller correction was already applied
                }
                for (int i = 0; i < op.d; i++) {
                    z[i] += dz[i];
                }
                if (size <= U * znorm) {
                    break;
                }
                previous = size;
            }
            return z;
        }

        /**
         * The paper's iteration z ← z + step·P⁻¹P⁻ᵀAᵀ(b − Az) until the preconditioned gradient is
         * small (P = R_s, or the Cholesky-QR R with step 1). Each iteration is one pass over A.
         */
        private double[] gradientDescentLs(String phase, DenseMatrix rs, double step, double[] z0) {
            double[] z = z0.clone();
            double[] g = new double[op.d];
            double bnorm = norm(b);
            double[] res = new double[op.n];
            for (int it = 1; it <= o.maxIterations(); it++) {
                op.residualAndGradient(b, z, res, g);
                op.solveRt(rs, g); // preconditioned gradient: ‖R_s⁻ᵀAᵀr‖ ≈ ‖(AR_s⁻¹)ᵀr‖
                double rnorm = norm(res);
                double test = rnorm == 0 ? 0 : Math.min(norm(g) / rnorm, rnorm / bnorm);
                listener.onIteration(phase, it, test);
                iterations[0] = it;
                if (test <= o.tolerance()) {
                    break;
                }
                op.solveR(rs, g);
                for (int i = 0; i < op.d; i++) {
                    z[i] += step * g[i];
                }
            }
            return z;
        }

        /** y_j from y_0 through j solves with AᵀA. */
        private double[] powerStages(double[] y0, DenseMatrix rs, DenseMatrix r, double sigmaMax) {
            double[] y = y0;
            if (j == 0) {
                return y;
            }
            double y0norm = norm(y0);
            double scaleBudget = lstsq ? Math.max(norm(residualLs(y0)), o.tolerance() * norm(b)) : y0norm;
            for (int k = 1; k <= j; k++) {
                double amplification = lstsq ? Math.pow(sigmaMax, 2 * k - 1) : Math.pow(sigmaMax, 2 * (k - 1));
                double absTol = o.tolerance() * scaleBudget / ((j + 1) * amplification);
                double ynorm = norm(y);
                double relTol = ynorm == 0 ? 1 : Math.max(4 * U, Math.min(0.5, absTol / ynorm));
                y = gramSolve(k, y, rs, r, relTol);
            }
            return y;
        }

        /** One stage: solve AᵀA·y = c. */
        private double[] gramSolve(int k, double[] c, DenseMatrix rs, DenseMatrix r, double relTol) {
            double[] y = c.clone();
            if (method == Method.DIRECT || method == Method.CHOLQR || method == Method.NORMAL) {
                op.solveGram(r, y);
                return y;
            }
            op.solveGram(rs, y); // start: the preconditioner applied to c
            String phase = "stage " + k;
            if (method == Method.GD) {
                double[] hy = new double[op.d];
                double[] e = new double[op.d];
                double cnorm = norm(c);
                for (int it = 1; it <= o.maxIterations(); it++) {
                    op.gram(y, hy);
                    for (int i = 0; i < op.d; i++) {
                        e[i] = c[i] - hy[i];
                    }
                    double rel = norm(e) / cnorm;
                    listener.onIteration("gd " + phase, it, rel);
                    iterations[k] = it;
                    if (rel <= relTol) {
                        break;
                    }
                    op.solveGram(rs, e);
                    for (int i = 0; i < op.d; i++) {
                        y[i] += gdStep * e[i];
                    }
                }
                return y;
            }
            IterationResult it = Pcg.solve(op.kernels, LinearOperator.symmetric(op.d, op::gram),
                    LinearOperator.symmetric(op.d, (in, out) -> {
                        System.arraycopy(in, 0, out, 0, op.d);
                        op.solveGram(rs, out);
                    }), c, y, relTol, o.maxIterations(), "pcg " + phase, listener);
            iterations[k] = it.iterations();
            return y;
        }

        private double norm(double[] v) {
            return op.kernels.blas1().nrm2(v);
        }

        private record Residuals(double relative, double normal) {
        }

        /** The residuals of the original problem, recomputed with the exact operator. */
        private Residuals residuals(double[] x, double sigmaMax) {
            double[] v = x.clone();
            double[] w = new double[op.d];
            for (int k = 0; k < j; k++) {
                op.gram(v, w);
                double[] t = v;
                v = w;
                w = t;
            }
            double bnorm = norm(b);
            if (!lstsq) {
                double[] e = new double[op.d];
                for (int i = 0; i < op.d; i++) {
                    e[i] = v[i] - b[i];
                }
                return new Residuals(bnorm == 0 ? norm(e) : norm(e) / bnorm, Double.NaN);
            }
            double[] res = new double[op.n];
            double[] g = new double[op.d];
            op.residualAndGradient(b, v, res, g); // b − Mx and its transposed product: signs do not matter
            double rnorm = norm(res);
            for (int k = 0; k < j; k++) {
                op.gram(g, w);
                System.arraycopy(w, 0, g, 0, op.d);
            }
            double mnorm = Math.pow(sigmaMax, 2 * j + 1);
            double normal = rnorm == 0 ? 0 : norm(g) / (mnorm * rnorm);
            return new Residuals(bnorm == 0 ? rnorm : rnorm / bnorm, normal);
        }
    }

    /** AUTO's signal to leave the normal equations for its fallback method. */
    private static final class NormalEquationsDeclined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NormalEquationsDeclined() {
            super(null, null, false, false);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
