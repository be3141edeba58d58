package akr.kernels.triangular;

import akr.kernels.Tier;

class ScalarTriangularTest extends TriangularContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
