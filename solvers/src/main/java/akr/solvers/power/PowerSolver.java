package akr.solvers.power;

import akr.kernels.DenseMatrix;

/**
 * The entry points for the two power problems
 * (docs/problems.md#p1-and-p2-powers-of-the-gram-matrix), for A (n×d, n ≥ d, full column rank):
 * <ul>
 *   <li>gram-power (P1): min ‖(AᵀA)ʲx − b‖, b ∈ ℝᵈ, j ≥ 1; x* = (AᵀA)⁻ʲb;</li>
 *   <li>lstsq-power (P2): min ‖A(AᵀA)ʲx − b‖, b ∈ ℝⁿ, j ≥ 0; x* = (AᵀA)⁻ʲz*, z* = argmin ‖Az − b‖.</li>
 * </ul>
 *
 * <p><b>Algorithm</b> (docs/algorithms.md#the-sketch-preconditioner and
 * docs/algorithms.md#iterative-and-direct-methods-for-p1-and-p2; the choice of route:
 * docs/routes.md#what-auto-does-and-why). Every route first factors A (or a sketch of it) and
 * solves the least-squares problem for z (lstsq-power), then runs j stages
 * y_k = (AᵀA)⁻¹y_{k−1} with tolerances set from the target (see {@code StagedRoute}), then
 * recomputes the residuals with the exact operator. The routes, one class each, are made by
 * {@link PowerRoutes} for the {@link Method} in the options; all of a solve's kernels run on
 * {@link PowerOptions#kernels()}:
 * <ul>
 *   <li>NORMAL ({@code NormalRoute}): SYRK and Cholesky of AᵀA, corrected semi-normal equations;</li>
 *   <li>CHOLQR ({@code CholQrRoute}): sketch, R_s = R(S·A), randomised Cholesky-QR R = R₂R_s,
 *       corrected semi-normal equations;</li>
 *   <li>LSQR/PCG ({@code LsqrRoute}): sketch-preconditioned LSQR with one refinement, PCG stages;</li>
 *   <li>GD ({@code GradientDescentRoute}): the paper's preconditioned gradient descent;</li>
 *   <li>DIRECT ({@code DirectRoute}): Householder QR of [A | b];</li>
 *   <li>AUTO ({@code AutoRoute}): NORMAL, or {@link #fallback} when it is declined.</li>
 * </ul>
 *
 * <p><b>Non-finite input.</b> A is not scanned up front: the first pass of every route over A
 * (SYRK, the sketch, the Householder QR) turns a NaN or infinity into a non-finite result, and only
 * then is A searched, to name the entry. A finite A whose AᵀA or sketch overflows is reported as
 * such (AUTO declines the normal equations instead).
 */
public final class PowerSolver {

    /** Widest A for which AUTO's fallback solves least squares by Householder QR (see {@link #fallback}). */
    public static final int DIRECT_MAX_COLS = 128;

    /** Largest power accepted: beyond it σ^{2j} leaves the double range for any sensible A. */
    public static final int MAX_POWER = 64;

    private PowerSolver() {
    }

    /** P1: min ‖(AᵀA)ʲx − b‖ for j ≥ 1, b of length d. */
    public static PowerResult gramPower(DenseMatrix a, double[] b, int j, PowerOptions options) {
        return solve(PowerProblem.gramPower(a, b, j), options);
    }

    /** P2: min ‖A(AᵀA)ʲx − b‖ for j ≥ 0, b of length n; j = 0 is ordinary least squares. */
    public static PowerResult lstsqPower(DenseMatrix a, double[] b, int j, PowerOptions options) {
        return solve(PowerProblem.lstsqPower(a, b, j), options);
    }

    /** P1 with A given block by block: see {@link RowSource}. */
    public static PowerResult gramPower(RowSource a, double[] b, int j, PowerOptions options) {
        return solve(new PowerProblem(a, b, j, false), options);
    }

    /** P2 with A given block by block: see {@link RowSource}. */
    public static PowerResult lstsqPower(RowSource a, double[] b, int j, PowerOptions options) {
        return solve(new PowerProblem(a, b, j, true), options);
    }

    /** Solves {@code problem} by the route of {@code options.method()}. */
    public static PowerResult solve(PowerProblem problem, PowerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options: null");
        }
        return PowerRoutes.of(options.method()).solve(problem, options);
    }

    /**
     * The method AUTO tries first: NORMAL (SYRK, Cholesky), the fastest route at every measured
     * shape (docs/routes.md#what-auto-does-and-why; bench/notes/2026-12-01-power-solvers.md). AUTO
     * keeps it unless the Cholesky factorisation of AᵀA breaks down, κ(R)² exceeds 1/(100u) (R its
     * Cholesky factor), or AᵀA overflows although A is finite; then it declines it and runs
     * {@link #fallback}, and the declined attempt's time is reported in the factor and total times.
     * <ul>
     *   <li>gram-power: each (AᵀA)⁻¹ stage is refined with AᵀA·y summed in compensated
     *       arithmetic (one pass over A per correction, one or two per stage), which brings the
     *       Cholesky factor's κ(A)²u error down to the κ(A)u of a QR of A.</li>
     *   <li>lstsq-power: the semi-normal solution RᵀRz = Aᵀb is corrected by
     *       z ← z + R⁻¹R⁻ᵀAᵀ(b − Az) with Aᵀ(b − Az) summed in compensated arithmetic. Each correction
     *       contracts the error by about κ(A)²u/10, so up to the limit (κ(A) ≈ 9.5·10⁶) a few passes
     *       reach the accuracy of Householder QR, also with a large residual
     *       (bench/notes/2026-12-01-power-solvers.md#least-squares-by-corrected-normal-equations-autos-first-choice).</li>
     * </ul>
     */
    public static Method resolve(Method m) {
        return m == Method.AUTO ? Method.NORMAL : m;
    }

    /**
     * The method AUTO runs when it declines the normal equations, from the measured crossovers
     * (docs/routes.md#what-auto-does-and-why; bench/notes/2026-12-01-power-solvers.md):
     * <ul>
     *   <li>gram-power: CHOLQR.</li>
     *   <li>lstsq-power: DIRECT (Householder QR; the tall-skinny QR reads A once) when
     *       d ≤ {@value #DIRECT_MAX_COLS} or n &lt; 4d (a sketch would not be smaller than A);
     *       otherwise CHOLQR (sketch, randomised Cholesky-QR, corrected semi-normal equations),
     *       whose flops are GEMM-shaped while the Householder QR of a wide A runs at level-2
     *       speed. CHOLQR's forward error stays within a small factor of Householder QR's up to
     *       κ(A) = 10¹⁰.</li>
     * </ul>
     */
    public static Method fallback(boolean lstsq, int n, int d) {
        if (!lstsq) {
            return Method.CHOLQR;
        }
        return n < 4L * d || d <= DIRECT_MAX_COLS ? Method.DIRECT : Method.CHOLQR;
    }
}
