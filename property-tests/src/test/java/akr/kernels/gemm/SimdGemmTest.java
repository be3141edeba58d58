package akr.kernels.gemm;

import akr.kernels.Tier;

class SimdGemmTest extends GemmContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
