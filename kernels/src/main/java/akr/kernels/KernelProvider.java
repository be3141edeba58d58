package akr.kernels;

import akr.kernels.parallel.ParallelExecutor;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one place that decides which kernel tier runs and loads its implementations.
 *
 * <p><b>Naming convention.</b> A kernel family is an abstract façade class {@code akr.kernels.F.Name}
 * (for example {@code akr.kernels.gemv.Gemv}). Its tiers are the classes
 * {@code akr.kernels.F.ReferenceName}, {@code akr.kernels.F.ScalarName} and
 * {@code akr.kernels.simd.SimdName}, each with a constructor taking a {@link ParallelExecutor} (the
 * first two are package-private, the SIMD one public in a package the module does not export). Only
 * the last one may touch {@code jdk.incubator.vector}; it is loaded
 * by name here, so a JVM without that module never links it.
 *
 * <p><b>Default tier.</b> {@code -Dakr.kernels=reference|scalar|simd} forces a tier; asking for
 * {@code simd} when the Vector API is unavailable is an error, not a silent fallback. Without the
 * property, the SIMD tier is used when {@code jdk.incubator.vector} is readable (the JVM was started
 * with {@code --add-modules jdk.incubator.vector}), and otherwise the scalar tier, with exactly one
 * warning on the {@code akr.kernels} logger.
 */
public final class KernelProvider {

    /** System property that forces a tier. */
    public static final String TIER_PROPERTY = "akr.kernels";


    private static final String SIMD_PACKAGE = "akr.kernels.simd.";
    private static final String SIMD_PROBE = SIMD_PACKAGE + "SimdSupport";

    private static final ConcurrentHashMap<String, Object> DEFAULTS = new ConcurrentHashMap<>();

    private KernelProvider() {
    }

    /** The selection, made on first use: probing the Vector API costs a cold JVM tens of ms. */
    private static final class Probe {
        static final Selection SELECTION = select();
    }

    /**
     * The tier chosen at start-up and the reason, as reported by {@code akr info}; {@code forced}
     * when {@code -Dakr.kernels} named it.
     */
    public record Selection(Tier tier, String reason, boolean simdAvailable, String simdUnavailableReason,
                            boolean forced) {
    }

    /** The tier kernels use unless a caller asks for another. */
    public static Tier defaultTier() {
        return Probe.SELECTION.tier();
    }

    /** The tier in use, why it was chosen and whether the SIMD tier could run at all. */
    public static Selection selection() {
        return Probe.SELECTION;
    }

    /** Whether the Vector API can be used in this JVM. */
    public static boolean simdAvailable() {
        return Probe.SELECTION.simdAvailable();
    }

    /**
     * A short description of the SIMD tier's vector species and lane counts, or why it is
     * unavailable.
     */
    public static String simdDescription() {
        if (!Probe.SELECTION.simdAvailable()) {
            return "unavailable: " + Probe.SELECTION.simdUnavailableReason();
        }
        try {
            Class<?> c = Class.forName(SIMD_PROBE);
            return (String) c.getMethod("describe").invoke(null);
        } catch (ReflectiveOperationException e) {
            return "unavailable: " + e;
        }
    }

    /**
     * The kernel family {@code family} in the default tier on the library's shared executor. The
     * instance is cached: kernels are stateless apart from reusable scratch space they manage
     * themselves in a thread-safe way.
     */
    public static <T> T get(Class<T> family) {
        Object o = DEFAULTS.computeIfAbsent(family.getName(),
                k -> load(family, Probe.SELECTION.tier(), ParallelExecutor.shared()));
        return family.cast(o);
    }

    /**
     * Asking for a tier this JVM cannot run is an error, not a silent fallback.
     *
     * @throws IllegalArgumentException if {@code tier} is SIMD and the Vector API is unavailable
     */
    static void requireAvailable(Tier tier) {
        if (tier == Tier.SIMD && !Probe.SELECTION.simdAvailable()) { // other tiers need no probe
            throw new IllegalArgumentException("kernel tier simd requested but the Vector API is unavailable: "
                    + Probe.SELECTION.simdUnavailableReason());
        }
    }

    /**
     * A new instance of kernel family {@code family} in tier {@code tier} running its parallel
     * loops on {@code executor}.
     *
     * @throws IllegalArgumentException if {@code tier} is SIMD and the Vector API is unavailable
     */
    public static <T> T load(Class<T> family, Tier tier, ParallelExecutor executor) {
        if (family == null || tier == null || executor == null) {
            throw new IllegalArgumentException("family, tier and executor must not be null");
        }
        requireAvailable(tier);
        String simple = family.getSimpleName();
        String pkg = family.getPackageName() + ".";
        String className = switch (tier) {
            case REFERENCE -> pkg + "Reference" + simple;
            case SCALAR -> pkg + "Scalar" + simple;
            case SIMD -> SIMD_PACKAGE + "Simd" + simple;
        };
        try {
            Class<?> impl = Class.forName(className, true, family.getClassLoader());
            Constructor<?> ctor = impl.getDeclaredConstructor(ParallelExecutor.class);
            ctor.setAccessible(true); // the reference and scalar tiers are package-private
            return family.cast(ctor.newInstance(executor));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create " + className + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load kernel " + className + " for tier " + tier.key()
                    + ": " + e, e);
        }
    }

    private static Selection select() {
        String why = probeSimd();
        boolean simd = why == null;
        String forced = System.getProperty(TIER_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            Tier t = Tier.parse(forced);
            if (t == Tier.SIMD && !simd) {
                throw new IllegalStateException("-D" + TIER_PROPERTY + "=simd but the Vector API is unavailable: " + why);
            }
            return new Selection(t, "forced by -D" + TIER_PROPERTY + "=" + forced.trim().toLowerCase(Locale.ROOT), simd, why,
                    true);
        }
        if (simd) {
            return new Selection(Tier.SIMD, "jdk.incubator.vector is available", true, null, false);
        }
        Logger.getLogger("akr.kernels").warning("akr: the Vector API (jdk.incubator.vector) is unavailable (" + why
                + "); using the scalar kernels. Start the JVM with --add-modules jdk.incubator.vector for SIMD.");
        return new Selection(Tier.SCALAR, "Vector API unavailable: " + why, false, why, false);
    }

    /** Returns null when the SIMD tier can run, otherwise the reason it cannot. */
    private static String probeSimd() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return "module jdk.incubator.vector is not in the boot layer (missing --add-modules jdk.incubator.vector)";
        }
        try {
            Class<?> c = Class.forName(SIMD_PROBE);
            Object ok = c.getMethod("probe").invoke(null);
            return ok == null ? null : ok.toString();
        } catch (InvocationTargetException e) {
            return "Vector API probe failed: " + e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "Vector API cannot be linked: " + e;
        }
    }
}
