package akr.solvers.power;

/**
 * Makes the {@link PowerRoute} of each {@link Method} (after EJML's {@code LinearSolverFactory_DDRM}).
 * Routes are stateless: each method returns one shared instance.
 */
public final class PowerRoutes {

    private static final NormalRoute NORMAL = new NormalRoute();
    private static final PowerRoute AUTO = new AutoRoute(NORMAL);
    private static final PowerRoute CHOLQR = new CholQrRoute();
    private static final PowerRoute LSQR = new LsqrRoute(Method.LSQR);
    private static final PowerRoute PCG = new LsqrRoute(Method.PCG);
    private static final PowerRoute GD = new GradientDescentRoute();
    private static final PowerRoute DIRECT = new DirectRoute();

    private PowerRoutes() {
    }

    /** The route of {@code m}; its {@link PowerRoute#method()} is {@code m}. */
    public static PowerRoute of(Method m) {
        if (m == null) {
            throw new IllegalArgumentException("method: null");
        }
        return switch (m) {
            case AUTO -> auto();
            case NORMAL -> normal();
            case CHOLQR -> cholQr();
            case LSQR -> lsqr();
            case PCG -> pcg();
            case GD -> gradientDescent();
            case DIRECT -> direct();
        };
    }

    /** {@link Method#AUTO}: the normal equations, or the documented fallback ({@link PowerSolver#fallback}). */
    public static PowerRoute auto() {
        return AUTO;
    }

    /** {@link Method#NORMAL}: SYRK and Cholesky of AᵀA, corrected semi-normal equations for least squares. */
    public static PowerRoute normal() {
        return NORMAL;
    }

    /** {@link Method#CHOLQR}: sketch, randomised Cholesky-QR, corrected semi-normal equations. */
    public static PowerRoute cholQr() {
        return CHOLQR;
    }

    /** {@link Method#LSQR}: sketch-preconditioned LSQR with one refinement, PCG for the powers. */
    public static PowerRoute lsqr() {
        return LSQR;
    }

    /** {@link Method#PCG}: the same route as {@link #lsqr()}, reported as PCG. */
    public static PowerRoute pcg() {
        return PCG;
    }

    /** {@link Method#GD}: the paper's sketch-preconditioned gradient descent. */
    public static PowerRoute gradientDescent() {
        return GD;
    }

    /** {@link Method#DIRECT}: Householder QR of [A | b]. */
    public static PowerRoute direct() {
        return DIRECT;
    }
}
