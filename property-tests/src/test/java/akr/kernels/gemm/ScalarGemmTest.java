package akr.kernels.gemm;

import akr.kernels.Tier;

class ScalarGemmTest extends GemmContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
