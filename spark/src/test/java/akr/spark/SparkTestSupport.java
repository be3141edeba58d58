package akr.spark;

import akr.kernels.DenseMatrix;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.SplittableRandom;

/** One local[2] session for the whole test JVM (starting Spark costs seconds), and test data. */
final class SparkTestSupport {

    private static SparkSession session;

    private SparkTestSupport() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = LocalSpark.session("local[2]", "akr-spark-tests");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    static JavaSparkContext sc() {
        return LocalSpark.context(session());
    }

    /** n×d with singular values spread over [1, kappa] (Gaussian, then columns scaled): κ(A) ≈ kappa. */
    static DenseMatrix matrix(int n, int d, double kappa, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double scale = Math.pow(kappa, -(double) j / Math.max(1, d - 1));
                a.set(i, j, gaussian(r) * scale);
            }
        }
        return a;
    }

    static double[] vector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = gaussian(r);
        }
        return v;
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    static double relDiff(double[] x, double[] y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - y[i]) * (x[i] - y[i]);
            den += y[i] * y[i];
        }
        return Math.sqrt(num / den);
    }
}
