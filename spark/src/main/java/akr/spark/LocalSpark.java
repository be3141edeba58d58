package akr.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session for one machine ({@code local[N]}) set up to need no network: the UI off,
 * driver bound to the loopback address, few shuffle partitions. The tests, the benchmark and
 * {@code spark-solve --master local[*]} use it; on a cluster, {@code spark-submit} makes the session.
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    /** The configuration of a loopback-only session with the given master (e.g. {@code local[2]}). */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4");
        return conf;
    }

    /** A session on {@code master} (getOrCreate: an existing session of this JVM is reused). */
    public static SparkSession session(String master, String appName) {
        return SparkSession.builder().config(conf(master, appName)).getOrCreate();
    }

    /** The Java context of a session. */
    public static JavaSparkContext context(SparkSession session) {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}
