package akr.kernels.driver;

/**
 * The blocking parameters of the BLIS-style GEMM driver ({@link BlockedGemm}), derived in this one
 * place from the micro-kernel's register tile and the cache sizes.
 *
 * <ul>
 *   <li>{@code mr × nr}: the micro-kernel's register tile (fixed by the tier: the SIMD tier uses
 *       8 × 2·lanes with AVX-512, else 6 × 2·lanes; the scalar tier 4 × 4).</li>
 *   <li>{@code kc}: depth of one rank-kc update. A packed kc×nr micro-panel of B stays in L1 (or
 *       close to it) while the micro-kernel streams the mr×kc micro-panels of A past it:
 *       kc·nr·8 bytes ≈ L1. This is twice the textbook half of L1: each micro-kernel call adds its
 *       tile to C once, so a deeper kc reads and writes C (which is not in cache) half as often and
 *       pays the call's fixed cost over twice the FMAs (measurements:
 *       bench/notes/2026-12-01-level3-gemm-syrk-trsm.md).</li>
 *   <li>{@code mc}: rows of the packed mc×kc block of A, which stays in L2: mc·kc·8 ≈ 3/4 of L2
 *       (smaller blocks give more tasks on two threads; see
 *       bench/notes/2026-12-01-level3-gemm-syrk-trsm.md).</li>
 *   <li>{@code nc}: columns of the packed kc×nc block of B, which stays in L3.</li>
 * </ul>
 * Cache sizes default to 32 KiB / 1 MiB / 16 MiB (one core's share of a Zen 4 or a recent Intel
 * core) and can be overridden by {@code -Dakr.cache.l1}, {@code -Dakr.cache.l2},
 * {@code -Dakr.cache.l3} (bytes); the block sizes themselves by {@code -Dakr.gemm.kc},
 * {@code -Dakr.gemm.mc}, {@code -Dakr.gemm.nc}, or per instance with
 * {@link BlockedGemm#withBlocking(GemmBlocking)}. mc is rounded up to a multiple of mr and nc to a
 * multiple of nr.
 */
public record GemmBlocking(int mr, int nr, int kc, int mc, int nc) {

    /** Canonical constructor: checks positivity and rounds mc, nc to whole micro-panels. */
    public GemmBlocking {
        if (mr < 1 || nr < 1 || kc < 1 || mc < 1 || nc < 1) {
            throw new IllegalArgumentException("blocking: all of mr=" + mr + ", nr=" + nr + ", kc=" + kc + ", mc="
                    + mc + ", nc=" + nc + " must be >= 1");
        }
        mc = roundUp(mc, mr);
        nc = roundUp(nc, nr);
    }

    /** The default blocking for a micro-kernel of {@code mr × nr}, from the cache sizes and properties. */
    public static GemmBlocking forMicroKernel(int mr, int nr) {
        long l1 = longProperty("akr.cache.l1", 32L << 10);
        long l2 = longProperty("akr.cache.l2", 1L << 20);
        long l3 = longProperty("akr.cache.l3", 16L << 20);
        int kc = (int) clamp(l1 / (8L * nr) / 8 * 8, 64, 512);
        kc = (int) longProperty("akr.gemm.kc", kc);
        int mc = (int) clamp(l2 * 3 / 4 / (8L * kc), mr, 4096);
        mc = (int) longProperty("akr.gemm.mc", mc);
        int nc = (int) clamp(l3 / 4 / (8L * kc), nr, 1 << 14);
        nc = (int) longProperty("akr.gemm.nc", nc);
        return new GemmBlocking(mr, nr, kc, mc, nc);
    }

    /**
     * Rows of A per slab of the unpacked tall SYRK (AᵀA for A with d ≤ 128 columns): as many rows of d
     * doubles as fill the L1 data cache ({@code -Dakr.cache.l1}, 64 rows for d = 64 with the default
     * 32 KiB), a multiple of 8 between 16 and 256; {@code -Dakr.syrk.slab} overrides. Every register
     * tile of the upper triangle reads the whole slab, so a slab that stays in L1 serves all of them
     * from there (see bench/notes/2026-12-01-tall-syrk-trsm.md).
     */
    public static int syrkSlabRows(int d) {
        long l1 = longProperty("akr.cache.l1", 32L << 10);
        long rows = clamp(l1 / (8L * Math.max(1, d)) / 8 * 8, 16, 256);
        return (int) longProperty("akr.syrk.slab", rows);
    }

    /** The same micro-kernel with other cache blocks (for tuning and for tests of the block edges). */
    public GemmBlocking withBlocks(int kc, int mc, int nc) {
        return new GemmBlocking(mr, nr, kc, mc, nc);
    }

    private static int roundUp(int v, int m) {
        long r = ((long) v + m - 1) / m * m;
        return (int) Math.min(r, Integer.MAX_VALUE / 2);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long longProperty(String name, long dflt) {
        String p = System.getProperty(name);
        if (p == null || p.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(p.trim());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + "=" + p + " is not a positive integer");
        }
    }
}
