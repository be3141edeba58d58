package akr.kernels.random;

/**
 * Counter-based random numbers: every value is a pure function of {@code (seed, stream, index)}.
 *
 * <p>Sketches draw the sign, row or sample for row {@code i} of A as a function of {@code i}, so the
 * same seed gives the same sketch however the rows are split across threads or blocks.
 *
 * <p><b>Generator.</b> {@code bits(seed, stream, index)} is two rounds of the SplitMix64 finaliser
 * (Stafford's "Mix13": xor-shift 30, multiply, xor-shift 27, multiply, xor-shift 31) over a key
 * built from the three inputs:
 * <pre>
 *   k = mix(seed + GOLDEN * (stream + 1))          // per-(seed, stream) key
 *   bits = mix(k ^ mix(index * GOLDEN + ODD))       // per-index value
 * </pre>
 * with GOLDEN = 0x9E3779B97F4A7C15 (2⁶⁴/φ) and ODD = 0xD1B54A32D192ED03. SplitMix64 passes BigCrush
 * as a sequence generator (Steele, Lea, Flood 2014); the extra outer round decorrelates streams and
 * nearby seeds. It is not cryptographic. Derived values:
 * <ul>
 *   <li>{@link #uniform}: the top 53 bits scaled to [0, 1);</li>
 *   <li>{@link #sign}: ±1 from the top bit;</li>
 *   <li>{@link #below}: an integer in [0, bound) by Lemire's multiply-high (bias ≤ bound/2⁶⁴);</li>
 *   <li>{@link #gaussian}: standard normal by Box–Muller from two uniforms at indices 2i, 2i+1 of a
 *       derived stream.</li>
 * </ul>
 */
public final class CounterRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long ODD = 0xD1B54A32D192ED03L;
    private static final double TWO_POW_M53 = 0x1.0p-53;
    /** The bits of 1.0; with the sign bit set, of −1.0. */
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    private CounterRandom() {
    }

    /** The SplitMix64 finaliser (Mix13). A bijection on 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key for a (seed, stream) pair; {@link #bitsWithKey} with it equals {@link #bits}. */
    public static long key(long seed, long stream) {
        return mix(seed + GOLDEN * (stream + 1));
    }

    /** 64 random bits for {@code index} under a precomputed {@link #key}. */
    public static long bitsWithKey(long key, long index) {
        return mix(key ^ mix(index * GOLDEN + ODD));
    }

    /** 64 random bits, a pure function of the three arguments. */
    public static long bits(long seed, long stream, long index) {
        return bitsWithKey(key(seed, stream), index);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public static double uniform(long seed, long stream, long index) {
        return (bits(seed, stream, index) >>> 11) * TWO_POW_M53;
    }

    /** +1.0 or −1.0 with equal probability. */
    public static double sign(long seed, long stream, long index) {
        return bits(seed, stream, index) < 0 ? -1.0 : 1.0;
    }

    /** +1.0 or −1.0 under a precomputed key. */
    public static double signWithKey(long key, long index) {
        return bitsWithKey(key, index) < 0 ? -1.0 : 1.0;
    }

    /**
     * +1.0 if the lowest bit of w is 0, −1.0 if it is 1: the bits of 1.0 with that bit as the sign
     * bit, so a random sign costs no (mispredicted) branch.
     */
    public static double signOfLowestBit(long w) {
        return Double.longBitsToDouble(ONE_BITS | (w << 63));
    }

    /** An integer uniform on [0, bound), bound ≥ 1. */
    public static int below(long seed, long stream, long index, int bound) {
        return belowWithKey(key(seed, stream), index, bound);
    }

    /** An integer uniform on [0, bound) under a precomputed key. */
    public static int belowWithKey(long key, long index, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound: " + bound + " (must be >= 1)");
        }
        return (int) Math.multiplyHigh(bitsWithKey(key, index) >>> 1, (long) bound << 1);
    }

    /** A standard normal variate (Box–Muller on two uniforms of a derived stream). */
    public static double gaussian(long seed, long stream, long index) {
        long k = key(seed, stream ^ 0x5DEECE66DL);
        double u1 = ((bitsWithKey(k, 2 * index) >>> 11) + 1) * TWO_POW_M53; // (0, 1]
        double u2 = (bitsWithKey(k, 2 * index + 1) >>> 11) * TWO_POW_M53;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
