package akr.solvers.power;

import java.util.Locale;

/**
 * How the power problems are solved; {@link PowerRoutes#of} makes the route of each. All sketch
 * methods share one sketch and one R_s = R(S·A).
 *
 * <ul>
 *   <li>{@link #GD}: the paper's route: preconditioned gradient descent (Richardson; step 1 in the
 *       paper, here 2/(σ_min² + σ_max²) of A·R_s⁻¹, see {@link PowerRoutes#gradientDescent()})
 *       z ← z + R_s⁻¹R_s⁻ᵀAᵀ(b − Az) from the sketch-and-solve start for least squares, and the
 *       same preconditioned iteration y ← y + R_s⁻¹R_s⁻ᵀ(c − AᵀAy) for each (AᵀA)⁻¹ stage.</li>
 *   <li>{@link #LSQR} and {@link #PCG} (synonyms): LSQR on min ‖A R_s⁻¹ w − r‖ with iterative
 *       refinement for the least-squares stage, PCG with preconditioner R_s⁻¹R_s⁻ᵀ for the (AᵀA)⁻¹
 *       stages.</li>
 *   <li>{@link #CHOLQR}: randomised Cholesky-QR: Q₁ = A R_s⁻¹, Q₁ᵀQ₁ = R₂ᵀR₂, R = R₂R_s is the R
 *       factor of A (Q₁ is formed a row block at a time and never stored); least squares by the
 *       semi-normal equations RᵀRz = Aᵀb, then corrections z ← z + R⁻¹R⁻ᵀAᵀ(b − Az), one pass
 *       over A each, until they stop shrinking (corrected semi-normal equations: κ(A·R⁻¹) ≈ 1, so
 *       two or three corrections reach Householder-QR accuracy); every (AᵀA)⁻¹ = R⁻¹R⁻ᵀ costs two
 *       triangular solves.</li>
 *   <li>{@link #NORMAL}: the normal equations: AᵀA by SYRK, its Cholesky factor R, then
 *       R⁻¹R⁻ᵀ for each power. Backward stable for gram-power, whose data is AᵀA. For least squares
 *       the semi-normal solution R⁻¹R⁻ᵀAᵀb is corrected as in CHOLQR; each correction contracts the
 *       error by about κ(A)²u/10, so up to the refusal limit the result is as accurate as
 *       Householder QR's (if the corrections stagnate, the converged flag says so). Refused (rank
 *       deficient) when κ(A)² exceeds 1/(100u), κ(A) ≈ 9.5·10⁶.</li>
 *   <li>{@link #DIRECT}: Householder QR of A (the reference).</li>
 *   <li>{@link #AUTO}: see {@link PowerSolver#resolve}.</li>
 * </ul>
 */
public enum Method {
    AUTO, GD, LSQR, PCG, CHOLQR, NORMAL, DIRECT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the method draws a sketch (NORMAL and DIRECT work on A alone; AUTO resolves first). */
    public boolean usesSketch() {
        return this == GD || this == LSQR || this == PCG || this == CHOLQR;
    }

    public static Method parse(String s) {
        for (Method m : values()) {
            if (m.key().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("method '" + s + "' is not one of auto, gd, lsqr, pcg, cholqr, normal, direct");
    }
}
