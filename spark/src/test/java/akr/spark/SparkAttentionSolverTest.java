package akr.spark;

import akr.kernels.DenseMatrix;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed K·x with PCG on the driver, on local[2], against AttentionSolver with the same
 * options: same preconditioner, solutions and residuals within 1e-12.
 */
class SparkAttentionSolverTest {

    private static final int N = 700;
    private static final int D = 16;

    private static DenseMatrix points(double scale, long seed) {
        DenseMatrix a = SparkTestSupport.matrix(N, D, 1, seed);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                a.set(i, j, a.get(i, j) * scale);
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0} lambda={1} scale={2}")
    @CsvSource({"JACOBI, 0, 0.6", "RPCHOLESKY, 0, 0.6", "SKETCH, 0.01, 0.6", "AUTO, 0.01, 0.6", "NONE, 100, 0.3"})
    void matchesOneMachine(Preconditioner p, double lambda, double scale) {
        DenseMatrix a = points(scale, 41);
        double[] b = SparkTestSupport.vector(N, 42);
        AttentionOptions o = AttentionOptions.builder().preconditioner(p).ridge(lambda).rank(64).tolerance(1e-13)
                .maxIterations(500).build();
        AttentionResult one = AttentionSolver.solve(a, b, o.toBuilder().route(Route.MATRIX_FREE).build());
        SparkAttentionResult spark = SparkAttentionSolver.solve(SparkTestSupport.sc(), a, b, o, 3);
        assertEquals(one.preconditioner().orElseThrow(), spark.preconditioner());
        assertEquals(one.rank(), spark.rank());
        double dx = SparkTestSupport.relDiff(spark.x(), one.x());
        assertTrue(dx <= 1e-12, p + ": x differs from one machine's by " + dx + "; " + spark + " vs " + one);
        assertTrue(Math.abs(spark.relativeResidual() - one.relativeResidual()) <= 1e-12,
                spark.relativeResidual() + " vs " + one.relativeResidual());
        assertTrue(spark.converged(), spark.toString());
        assertEquals(3, spark.partitions());
        assertTrue(spark.products() >= spark.iterations(), spark.toString());
    }

    @Test
    void storedRoutesAreNotDistributedAndBadInputIsNamed() {
        DenseMatrix a = points(0.5, 43);
        double[] b = SparkTestSupport.vector(N, 44);
        for (Route stored : new Route[] {Route.DENSE, Route.MATERIALISED}) {
            AttentionOptions o = AttentionOptions.builder().route(stored).build();
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> SparkAttentionSolver.solve(SparkTestSupport.sc(), a, b, o, 2));
            assertTrue(e.getMessage().contains(stored.key()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> SparkAttentionSolver.solve(SparkTestSupport.sc(), a, new double[N - 1], AttentionOptions.defaults(), 2));
        assertThrows(IllegalArgumentException.class,
                () -> SparkAttentionSolver.solve(SparkTestSupport.sc(), a, b, AttentionOptions.defaults(), 0));
        double[] nan = b.clone();
        nan[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class,
                () -> SparkAttentionSolver.solve(SparkTestSupport.sc(), a, nan, AttentionOptions.defaults(), 2));
    }
}
