package akr.kernels.gemm;

import akr.kernels.Tier;

class ReferenceGemmTest extends GemmContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
