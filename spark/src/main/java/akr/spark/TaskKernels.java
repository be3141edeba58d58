package akr.spark;

import akr.kernels.Kernels;

/**
 * The kernel context tasks run on: Spark's parallelism is its tasks (one per core), so each task
 * runs its kernels in its own thread rather than on the JVM's shared pool, where concurrent tasks
 * would queue behind each other's small parallel loops. {@code -Dakr.spark.taskThreads=N} on the
 * executors gives each task N threads instead. Results do not depend on it (the kernels are
 * bit-identical for any thread count).
 */
final class TaskKernels {

    private static final Kernels KERNELS = Kernels.defaults().withThreads(Integer.getInteger("akr.spark.taskThreads", 1));

    private TaskKernels() {
    }

    /** The context of this executor JVM (created once, never closed: one thread needs no pool). */
    static Kernels get() {
        return KERNELS;
    }
}
