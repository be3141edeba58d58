package akr.kernels.triangular;

import akr.kernels.Tier;

class ReferenceTriangularTest extends TriangularContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
