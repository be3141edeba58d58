package akr.kernels.cholesky;

import akr.kernels.Tier;

class SimdCholeskyTest extends CholeskyContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
