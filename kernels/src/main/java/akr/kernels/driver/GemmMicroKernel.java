package akr.kernels.driver;

import java.util.Arrays;

/**
 * The register tiles a tier supplies to {@link BlockedGemm} (GEMM, SYRK) and to the blocked
 * triangular solve: everything in which the scalar and SIMD tiers differ.
 *
 * <p><b>Contract of every kernel.</b> C ← C + Â·B̂ on one full tile: the kc products of each element
 * are summed in order p = 0, 1, …, kc−1 (fused or not) in registers, starting from zero, and the sum
 * is added to C once. kc ≥ 1. A kernel never sees a partial tile, α or β: the driver folds α into
 * the packing of A, applies β to C once before the first rank-kc update (β = 0 stores zeros, so NaN
 * or ∞ in C does not propagate), and runs edge tiles on a zeroed private scratch tile
 * (ldc = tile columns) whose existing elements it then adds to C. Keeping α, β, masks and branches
 * out of the kernels keeps their compiled loops clean (on JDK 17, a vector merged from two branches
 * is boxed, which costs more than the kc loop).
 */
public interface GemmMicroKernel {

    /** Rows of the packed kernel's tile ({@link #multiplyPacked}). */
    int mr();

    /** Columns of the packed kernel's tile. */
    int nr();

    /** Rows of the tile of the kernels on unpacked operands ({@link #multiplyRows}, {@link #multiplyStrided}). */
    default int tileRows() {
        return mr();
    }

    /** Columns of the tile of the kernels on unpacked operands. */
    default int tileCols() {
        return nr();
    }

    /** Rows of the tall-SYRK tile ({@link #syrkTile}). */
    default int syrkRows() {
        return tileRows();
    }

    /** Columns of the tall-SYRK tile. */
    default int syrkCols() {
        return tileCols();
    }

    /**
     * The packed kernel on one mr×nr tile: Â is a packed mr×kc micro-panel, element (i, p) at
     * {@code a[aOff + p·mr + i]}; B̂ a packed kc×nr micro-panel, element (p, j) at
     * {@code b[bOff + p·nr + j]}; the tile of C is {@code c[cOff + i·ldc + j]}, all of it read and
     * written.
     */
    void multiplyPacked(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc);

    /**
     * The kernel on unpacked operands, one {@link #tileRows} × {@link #tileCols} tile: element (i, p) of
     * Â at {@code a[aOff + p·aStep + i]}, element (p, j) of B̂ at {@code b[bOff + p·bStep + j]}. The
     * tall SYRK reads both operands straight from the rows of A with it (aStep = bStep = the row
     * stride of A).
     */
    void multiplyStrided(int kc, double[] a, int aOff, int aStep, double[] b, int bOff, int bStep, double[] c,
                         int cOff, int ldc);

    /**
     * The kernel on row-major unpacked operands, one {@link #tileRows} × {@link #tileCols} tile: element
     * (i, p) of Â at {@code a[aOff + i·lda + p]}, element (p, j) of B̂ at {@code b[bOff + p·ldb + j]}.
     * The caller guarantees that the whole tile exists; nothing is checked.
     */
    void multiplyRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff,
                      int ldc);

    /**
     * The tall-SYRK tile: T ← Â·B̂ on a full {@link #syrkRows} × {@link #syrkCols} tile of two column
     * blocks of the same rows of A, element (i, p) of Â at {@code a[iOff + p·ld + i]} and element
     * (p, j) of B̂ at {@code a[jOff + p·ld + j]}, summed as in every kernel but written (not added)
     * row-major to {@code t[0 .. syrkRows·syrkCols)}; the driver adds it to C.
     *
     * <p>{@code touch} is a hint: an implementation may read {@code a[touch + 8p]} for p &lt; kc (one
     * element per cache line, ascending; the driver guarantees those indices exist) and store anything
     * derived from them in {@code t[syrkRows·syrkCols]}. The driver points it at the next slab of
     * rows, so that those lines stream in from memory while this slab is computed (Java has no
     * prefetch instruction). The default ignores it and runs {@link #multiplyStrided}.
     */
    default void syrkTile(int kc, double[] a, int iOff, int jOff, int ld, int touch, double[] t) {
        int cols = syrkCols();
        Arrays.fill(t, 0, syrkRows() * cols, 0.0);
        multiplyStrided(kc, a, iOff, ld, a, jOff, ld, t, 0, cols);
    }

    /**
     * Adds the Gram matrix of one slab of A's rows to the upper triangle of a d×d row-major partial
     * by row updates instead of register tiles, or returns false, changing nothing, where the tier
     * has none (the default) or its tiles are faster for this d. For the kb rows, row r at
     * {@code a[rowBase + r·ld]}, and every i ≤ j &lt; d: {@code partial[pOff + i·d + j]} += the
     * slab's Σ_r a_ri·a_rj, each summed fused in order r = 0, 1, …, kb−1 from zero and added once,
     * which is what the tiles of {@link #syrkTile} add.
     */
    default boolean syrkSlabByRows(int kb, double[] a, int rowBase, int ld, int d, double[] partial, int pOff) {
        return false;
    }

    /** C ← C + T for one full tall-SYRK tile T stored row-major in {@code t}, C at {@code c[cOff + i·ldc + j]}. */
    default void addSyrkTile(double[] t, double[] c, int cOff, int ldc) {
        int rows = syrkRows();
        int cols = syrkCols();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[cOff + i * ldc + j] += t[i * cols + j];
            }
        }
    }
}
