package akr.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tiers the current test JVM can run, and numeric helpers shared by the contracts.
 *
 * <p>The property-test suite runs twice (see property-tests/pom.xml): with
 * {@code --add-modules jdk.incubator.vector} and {@code -Dakr.test.expectSimd=true}, and without
 * the module and {@code -Dakr.test.expectSimd=false}.
 */
public final class TestTiers {

    /** Unit roundoff of double precision, 2⁻⁵³. */
    public static final double U = 0x1.0p-53;

    private TestTiers() {
    }

    /** Whether this JVM was started with the Vector API module (as the surefire execution says). */
    public static boolean expectSimd() {
        return Boolean.parseBoolean(System.getProperty("akr.test.expectSimd", "true"));
    }

    /** The tiers this JVM can run. */
    public static List<Tier> available() {
        List<Tier> t = new ArrayList<>(List.of(Tier.REFERENCE, Tier.SCALAR));
        if (KernelProvider.simdAvailable()) {
            t.add(Tier.SIMD);
        }
        return t;
    }

    /** γ_n = n·u/(1 − n·u), the classic bound factor for n-term sums; generous for small n. */
    public static double gamma(int n) {
        double nu = Math.max(1, n) * U;
        return nu / (1 - nu);
    }
}
