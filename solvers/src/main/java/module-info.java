/**
 * The solvers of akr: the power problems ({@code akr.solvers.power}), attention-kernel regression
 * ({@code akr.solvers.attention}), the iterative methods they share ({@code akr.solvers.iterative}),
 * matrix files ({@code akr.solvers.io}) and the synthetic problems of the demo
 * ({@code akr.solvers.demo}).
 *
 * <p>The command-line program ({@code akr.solvers.cli}) is not exported: it is run, not linked
 * ({@code java -p akr-kernels.jar:akr-solvers.jar -m akr.solvers/akr.solvers.cli.Main}). The
 * solvers' options and results carry {@code akr.kernels} types ({@code DenseMatrix},
 * {@code Kernels}), hence {@code requires transitive}.
 */
module akr.solvers {
    requires transitive akr.kernels;

    exports akr.solvers.attention;
    exports akr.solvers.demo;
    exports akr.solvers.io;
    exports akr.solvers.iterative;
    exports akr.solvers.power;
}
