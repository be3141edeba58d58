package akr.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every SIMD kernel uses, and the probe {@code KernelProvider} calls.
 *
 * <p>{@link #DOUBLE} is {@code DoubleVector.SPECIES_PREFERRED} unless the test-only property
 * {@code -Dakr.simd.bits=128|256|512} forces a width, so that the 128- and 256-bit code paths (lane
 * counts 2 and 4) are exercised on an AVX-512 machine. It is a {@code static final} constant so that
 * C2 specialises every loop on it.
 */
public final class SimdSupport {

    /** Property that forces the vector width in bits (testing and benchmarking only). */
    public static final String BITS_PROPERTY = "akr.simd.bits";

    /** The double-precision species of all SIMD kernels. */
    public static final VectorSpecies<Double> DOUBLE = chooseSpecies();

    /** Lanes of {@link #DOUBLE}. */
    public static final int LANES = DOUBLE.length();

    private SimdSupport() {
    }

    private static VectorSpecies<Double> chooseSpecies() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return DoubleVector.SPECIES_PREFERRED;
        }
        switch (bits.trim()) {
            case "128":
                return DoubleVector.SPECIES_128;
            case "256":
                return DoubleVector.SPECIES_256;
            case "512":
                return DoubleVector.SPECIES_512;
            default:
                throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + " (expected 128, 256 or 512)");
        }
    }

    /**
     * Returns null when the Vector API can run accelerated here, otherwise why not. Called
     * reflectively by {@code KernelProvider}; linking this class fails when the module is absent.
     */
    public static String probe() {
        int lanes = DoubleVector.SPECIES_PREFERRED.length();
        if (lanes < 2) {
            return "the preferred double vector has " + lanes + " lane (no SIMD support in this JVM/CPU)";
        }
        // A tiny computation, so a broken intrinsic shows up as a probe failure rather than later.
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        double s = DoubleVector.fromArray(DoubleVector.SPECIES_128, a, 0)
                .mul(DoubleVector.fromArray(DoubleVector.SPECIES_128, a, 2)).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        if (s != 1 * 3 + 2 * 4) {
            return "Vector API self-test returned " + s;
        }
        return null;
    }

    /**
     * The lanes of v summed left to right, through {@code scratch} (at least {@link #LANES} long).
     *
     * <p>Every SIMD kernel sums lanes with this, never with {@code reduceLanes(ADD)}: the order of
     * that reduction is unspecified and differs between the C2 intrinsic and the Java fallback the
     * interpreter and C1 run (observed on JDK 25), so a result would depend on which code the JIT
     * happens to be running — and with it on the thread count and the call history.
     */
    public static double sumLanes(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        double s = scratch[0];
        for (int k = 1; k < LANES; k++) {
            s += scratch[k];
        }
        return s;
    }

    /** Species and lane counts, for {@code akr info}. */
    public static String describe() {
        return "double species " + DOUBLE + " (" + DOUBLE.vectorBitSize() + " bits, " + LANES + " lanes"
                + (System.getProperty(BITS_PROPERTY) != null ? ", forced by -D" + BITS_PROPERTY : "") + "); "
                + "preferred: double " + DoubleVector.SPECIES_PREFERRED.length() + " lanes, float "
                + FloatVector.SPECIES_PREFERRED.length() + " lanes, max shape " + VectorShape.preferredShape();
    }
}
