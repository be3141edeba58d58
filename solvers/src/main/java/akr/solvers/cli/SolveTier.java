package akr.solvers.cli;

import akr.kernels.KernelProvider;
import akr.kernels.Kernels;
import akr.kernels.Tier;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The kernel tier of one command-line solve. A {@code ./akr} process is a fresh JVM: the SIMD
 * tier's vector loops run boxed until C2 has compiled them, and compiling them costs most of a
 * second of CPU, so below {@value #SIMD_MIN_FLOPS} flops of estimated work the scalar tier finishes
 * first (bench/notes/2026-12-05-first-call.md). {@code --tier auto} (the default) chooses by that
 * rule; {@code --tier simd|scalar|reference}, like {@code -Dakr.kernels}, is obeyed as asked.
 */
final class SolveTier {

    /** Estimated flops from which the SIMD tier pays for its compilation in a fresh JVM. */
    static final double SIMD_MIN_FLOPS = 2e10;

    /** The tier and why it was chosen, as the report prints it. */
    record Choice(Tier tier, String reason) {
        /** This tier on the shared pool, or on a private pool of {@code threads} threads. */
        Kernels kernels(OptionalInt threads) {
            Kernels k = Kernels.of(tier); // not Kernels.defaults(): the scalar tier then needs no Vector API probe
            return threads.isPresent() ? k.withThreads(threads.getAsInt()) : k;
        }
    }

    private SolveTier() {
    }

    /** Rejects a bad {@code --tier} before any work is done. */
    static void check(String option) {
        if (option != null && !option.equalsIgnoreCase("auto")) {
            choose(option, 0);
        }
    }

    /**
     * @param option the {@code --tier} value, or null for {@code auto}
     * @param flops  the solve's estimated work
     * @throws IllegalArgumentException for an unknown tier, or simd when the Vector API is unavailable
     */
    static Choice choose(String option, double flops) {
        String forced = System.getProperty(KernelProvider.TIER_PROPERTY);
        if ((option == null || option.equalsIgnoreCase("auto")) && (forced == null || forced.isBlank())
                && flops < SIMD_MIN_FLOPS) { // scalar whatever the default tier: no need to probe the Vector API
            return new Choice(Tier.SCALAR, String.format(Locale.ROOT,
                    "auto: about %.1e flops, too few to pay for compiling the SIMD kernels in a fresh JVM", flops));
        }
        KernelProvider.Selection sel = KernelProvider.selection();
        if (option != null && !option.equalsIgnoreCase("auto")) {
            Tier t = Tier.parse(option);
            if (t == Tier.SIMD && !sel.simdAvailable()) {
                throw new IllegalArgumentException("--tier simd: the Vector API is unavailable ("
                        + sel.simdUnavailableReason() + ")");
            }
            return new Choice(t, "--tier " + t.key());
        }
        if (sel.forced() || sel.tier() != Tier.SIMD) {
            return new Choice(sel.tier(), sel.reason());
        }
        if (flops < SIMD_MIN_FLOPS) {
            return new Choice(Tier.SCALAR, String.format(Locale.ROOT,
                    "auto: about %.1e flops, too few to pay for compiling the SIMD kernels in a fresh JVM", flops));
        }
        return new Choice(Tier.SIMD, String.format(Locale.ROOT, "auto: about %.1e flops", flops));
    }

    /** Work of a power solve: the SYRK or QR of A (n·d²) and about ten passes over A per stage. */
    static double powerFlops(int n, int d, int power) {
        return (double) n * d * d + 20.0 * n * d * (power + 2);
    }

    /**
     * Work of an attention solve: each product with K costs 2n²d, and an iterative solve makes a
     * few dozen of them (the direct route's n³/3 Cholesky is of the same order at the sizes it is
     * chosen for).
     */
    static double attentionFlops(int n, int d) {
        return 50.0 * 2 * n * (double) n * d;
    }
}
