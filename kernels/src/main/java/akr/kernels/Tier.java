package akr.kernels;

/**
 * The three implementations every kernel family provides, all with the same signatures.
 *
 * <ul>
 *   <li>{@link #REFERENCE}: naive, obviously correct loops. The oracle of the property tests; never
 *       fast, never blocked.</li>
 *   <li>{@link #SCALAR}: the production fallback in plain Java, with the same blocking and the same
 *       parallel decomposition as the SIMD tier. Used when {@code jdk.incubator.vector} is absent.</li>
 *   <li>{@link #SIMD}: hand-written {@code jdk.incubator.vector} kernels. All Vector API code lives in
 *       {@code akr.kernels.simd} and is loaded reflectively by {@link KernelProvider}.</li>
 * </ul>
 */
public enum Tier {
    REFERENCE,
    SCALAR,
    SIMD;

    /** The lower-case name used by {@code -Dakr.kernels=...} and the command line. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code reference}, {@code scalar} or {@code simd} (case-insensitive). */
    public static Tier parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("kernel tier: null (expected reference, scalar or simd)");
        }
        for (Tier t : values()) {
            if (t.key().equalsIgnoreCase(key.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "kernel tier: '" + key + "' is not one of reference, scalar, simd");
    }
}
