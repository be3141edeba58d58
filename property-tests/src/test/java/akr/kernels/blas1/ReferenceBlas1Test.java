package akr.kernels.blas1;

import akr.kernels.Tier;

class ReferenceBlas1Test extends Blas1Contract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
