package akr.kernels.blas1;

import akr.kernels.Tier;

class SimdBlas1Test extends Blas1Contract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
