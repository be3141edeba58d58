package akr.kernels.blas1;

import akr.kernels.Tier;

class ScalarBlas1Test extends Blas1Contract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
