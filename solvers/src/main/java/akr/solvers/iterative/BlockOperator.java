package akr.solvers.iterative;

/**
 * A square symmetric operator applied to several vectors at once, so that one pass over its data
 * (a stored matrix, or the tiles of a fused kernel) serves them all: the operator of {@link BlockPcg}.
 */
public interface BlockOperator {

    /** The order n. */
    int order();

    /**
     * y[c] ← M·x[c] for every c (x[c] and y[c] of length n). The number of vectors may differ from
     * call to call.
     */
    void apply(double[][] x, double[][] y);

    /** The block operator that applies {@code m} to one vector after the other. */
    static BlockOperator of(LinearOperator m) {
        if (m.rows() != m.cols()) {
            throw new IllegalArgumentException("block operator: " + m.rows() + "x" + m.cols() + " is not square");
        }
        return new BlockOperator() {
            @Override
            public int order() {
                return m.rows();
            }

            @Override
            public void apply(double[][] x, double[][] y) {
                for (int c = 0; c < x.length; c++) {
                    m.apply(x[c], y[c]);
                }
            }
        };
    }
}
