package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGram;
import akr.kernels.expgram.ExpGram.Form;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionPreconditioners;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.Pcg;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Attention kernel regression (K + λI)·x = b, K = exp(A·Aᵀ), with the products by K spread over a
 * Spark cluster: A is broadcast, each partition owns a range of rows of K and applies it by the
 * fused exp-Gram kernel ({@link DistributedExpGram}); PCG runs on the driver, in the same
 * symmetrically Jacobi-scaled form (G + λD⁻²)·y = D⁻¹b and with the same preconditioners
 * ({@link AttentionPreconditioners}: built on the driver from A, O(n·k·d)) and the same refinement
 * rounds as {@link AttentionSolver}; the reported residual is recomputed with the exact K.
 *
 * <p>Use it when n is large enough that the O(n²d) products dominate: each iteration is one
 * Spark job moving 8n bytes to each task and back: the distributed form of the matrix-free route.
 * The dense and materialised routes ({@link Route}) store the n×n matrix on one machine and are
 * not distributed: asking for them throws {@link UnsupportedOperationException}; AUTO runs the
 * distributed route.
 */
public final class SparkAttentionSolver {

    private static final double U = 0x1.0p-53;

    private SparkAttentionSolver() {
    }

    /**
     * Solves (K + λI)x = b, λ = {@code options.ridge()}, with the rows of K split into
     * {@code partitions} ranges.
     *
     * @throws IllegalArgumentException      on bad input (as {@link AttentionSolver#solve})
     * @throws UnsupportedOperationException for the dense and materialised routes
     */
    public static SparkAttentionResult solve(JavaSparkContext sc, DenseMatrix a, double[] b, AttentionOptions options,
                                             int partitions) {
        long t0 = System.nanoTime();
        if (sc == null || options == null) {
            throw new IllegalArgumentException("the Spark context and the options must not be null");
        }
        if (options.route() == Route.DENSE || options.route() == Route.MATERIALISED) {
            throw new UnsupportedOperationException("the " + options.route().key() + " route stores the n x n matrix on"
                    + " one machine: use AttentionSolver.solve, or the matrix-free (or auto) route here");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: " + partitions + " (must be >= 1)");
        }
        long t = System.nanoTime();
        AttentionPreconditioners.Built p = AttentionPreconditioners.build(a, b, options); // validates too
        double preconditionerSeconds = SparkPowerSolver.seconds(t);
        int n = a.rows();
        double lambda = options.ridge();
        double[] half = ExpGram.halfSquaredNorms(a);
        double[] dinv = new double[n];
        double[] ridgeDiag = new double[n];
        double maxNorm = 0;
        for (int i = 0; i < n; i++) {
            dinv[i] = Math.exp(-half[i]);
            ridgeDiag[i] = lambda * dinv[i] * dinv[i];
            maxNorm = Math.max(maxNorm, 2 * half[i]);
        }
        // as one machine: G·y as D⁻¹K(D⁻¹y) while K's entries stay below e^600, else the Gaussian form
        boolean expForm = maxNorm <= 600;
        boolean scaled = p.scaled();
        int[] products = {0};
        try (DistributedExpGram k = new DistributedExpGram(sc, a, partitions)) {
            LinearOperator h = LinearOperator.symmetric(n, (x, y) -> {
                products[0]++;
                if (!scaled) {
                    double[] kx = k.multiply(Form.EXP, x);
                    for (int i = 0; i < n; i++) {
                        y[i] = kx[i] + lambda * x[i];
                    }
                } else if (expForm) {
                    double[] u = new double[n];
                    for (int i = 0; i < n; i++) {
                        u[i] = dinv[i] * x[i];
                    }
                    double[] ku = k.multiply(Form.EXP, u);
                    for (int i = 0; i < n; i++) {
                        y[i] = dinv[i] * ku[i] + ridgeDiag[i] * x[i];
                    }
                } else {
                    double[] gx = k.multiply(Form.GAUSSIAN, x);
                    for (int i = 0; i < n; i++) {
                        y[i] = gx[i] + ridgeDiag[i] * x[i];
                    }
                }
            });
            t = System.nanoTime();
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = scaled ? dinv[i] * b[i] : b[i];
            }
            double[] y = new double[n];
            double[] x = new double[n];
            int used = 0;
            double innerTol = options.tolerance();
            double rel = Double.NaN;
            // the refinement rounds of one machine's RefinedPcg: restart with a tighter inner
            // tolerance while the exact residual misses the target and PCG met its own
            for (int round = 0; round <= AttentionSolver.REFINEMENTS && used < options.maxIterations(); round++) {
                IterationResult it;
                try {
                    it = Pcg.solve(options.kernels(), h, p.inverse(), c, y, innerTol, options.maxIterations() - used,
                            round == 0 ? "pcg" : "pcg refinement " + round, options.listener());
                } catch (ArithmeticException e) {
                    break; // NONE on an unscaled K whose products overflow: y holds the last iterate
                }
                used += it.iterations();
                toOriginal(y, x, dinv, scaled);
                rel = exactResidual(k, x, b, lambda, half, dinv, ridgeDiag, products);
                if (rel <= options.tolerance() || !it.converged() || !(rel < Double.POSITIVE_INFINITY)) {
                    break;
                }
                double next = innerTol * 0.5 * options.tolerance() / rel;
                if (next < 4 * U) {
                    break;
                }
                innerTol = next;
            }
            if (Double.isNaN(rel)) {
                toOriginal(y, x, dinv, scaled);
                rel = exactResidual(k, x, b, lambda, half, dinv, ridgeDiag, products);
            }
            double iterateSeconds = SparkPowerSolver.seconds(t);
            return new SparkAttentionResult(x, rel, used, rel <= options.tolerance(), p.kind(), p.rank(), p.shift(),
                    new AttentionResult.Timings(0, preconditionerSeconds, iterateSeconds, SparkPowerSolver.seconds(t0)),
                    products[0], k.partitions());
        }
    }

    private static void toOriginal(double[] y, double[] x, double[] dinv, boolean scaled) {
        for (int i = 0; i < x.length; i++) {
            x[i] = scaled ? dinv[i] * y[i] : y[i];
        }
    }

    /**
     * ‖(K + λI)x − b‖/‖b‖ with the exact K; when a product with K overflows, from the scaled
     * residual D·((G + λD⁻²)Dx − D⁻¹b) summed in logarithms (as one machine's ExactResidual).
     */
    private static double exactResidual(DistributedExpGram k, double[] x, double[] b, double lambda, double[] half,
                                        double[] dinv, double[] ridgeDiag, int[] products) {
        int n = x.length;
        double bnorm = SparkPowerSolver.norm(b);
        if (bnorm == 0) {
            return SparkPowerSolver.norm(x) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        products[0]++;
        try {
            double[] kx = k.multiply(Form.EXP, x);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = kx[i] + lambda * x[i] - b[i];
            }
            return SparkPowerSolver.norm(r) / bnorm;
        } catch (ArithmeticException e) {
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                ys[i] = x[i] / dinv[i];
            }
            double[] gy = k.multiply(Form.GAUSSIAN, ys);
            double maxLog = Double.NEGATIVE_INFINITY;
            double[] logs = new double[n];
            for (int i = 0; i < n; i++) {
                logs[i] = half[i] + Math.log(Math.abs(gy[i] + ridgeDiag[i] * ys[i] - dinv[i] * b[i]));
                maxLog = Math.max(maxLog, logs[i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(2 * (logs[i] - maxLog));
            }
            return Math.exp(maxLog + 0.5 * Math.log(sum)) / bnorm;
        }
    }
}
