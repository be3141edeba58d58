package akr.kernels.qr;

import akr.kernels.DenseMatrix;

/** The stored form of a Householder QR: an R factor and a Q kept as reflectors. */
interface QrFactors {

    /** A view whose upper triangle (k×n, k = min(m, n)) is R; what lies below is not R. */
    DenseMatrix rView();

    /** C ← Qᵀ·C for C with m rows (the full m×m Q). */
    void applyQt(DenseMatrix c);

    /** C ← Q·C for C with m rows. */
    void applyQ(DenseMatrix c);

    /**
     * C ← Q·C for C (m×k, k = min(m, n)) whose only nonzeros lie on its diagonal (the thin-Q start
     * D·[I; 0]); an implementation may use that structure (LAPACK dorgqr). By default {@link #applyQ}.
     */
    default void applyQToDiagonal(DenseMatrix c) {
        applyQ(c);
    }
}
