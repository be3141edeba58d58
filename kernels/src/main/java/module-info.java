/**
 * Dense kernels in three tiers (reference, scalar, Vector API) behind one façade per family
 * ({@code Gemm}, {@code Gemv}, {@code SymmetricProduct}, {@code Fwht}, …), with {@code DenseMatrix}, {@code Op}, {@code Tier},
 * the thread pool, the sketches and the QR/Cholesky factorisations and their option and result types.
 *
 * <p>Only the façades' packages are exported. The reference and scalar tiers are package-private
 * classes next to their façade, which {@code KernelProvider} instantiates reflectively. The SIMD
 * tier lives in {@code akr.kernels.simd}, the only package that touches {@code jdk.incubator.vector}
 * (hence {@code requires static}: without the module the scalar tier runs). Because the SIMD tier
 * must subclass the drivers it shares with the scalar tier ({@code BlockedGemm},
 * {@code BlockedTriangular}, {@code ButterflyFwht}, …) and implement {@code GemmMicroKernel} from
 * another package, those are public, and they live in {@code akr.kernels.driver}, which is not
 * exported either: public there means visible inside this module only, so the drivers, their hooks
 * and {@code GemmBlocking} are not API. On the class path (where the tests and benchmarks run) that
 * boundary is not enforced.
 */
module akr.kernels {
    requires static jdk.incubator.vector;
    requires java.logging;

    exports akr.kernels;
    exports akr.kernels.blas1;
    exports akr.kernels.cholesky;
    exports akr.kernels.expgram;
    exports akr.kernels.fwht;
    exports akr.kernels.gemm;
    exports akr.kernels.gemv;
    exports akr.kernels.packed;
    exports akr.kernels.parallel;
    exports akr.kernels.qr;
    exports akr.kernels.random;
    exports akr.kernels.sketch;
    exports akr.kernels.triangular;
}
