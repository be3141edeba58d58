package akr.bench.solvers;

import akr.kernels.Kernels;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Accuracy and phase times of every method on the benchmark problems, one solve each, as JSON
 * lines; with {@code --write DIR} it also writes the problems as .npy for the numpy peer.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.solvers.PowerAccuracy [--write DIR] [n d ...]</pre>
 */
public final class PowerAccuracy {

    private PowerAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path write = null;
        java.util.List<int[]> shapes = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--write")) {
                write = Path.of(args[++i]);
            } else {
                shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[++i])});
            }
        }
        if (shapes.isEmpty()) {
            shapes.add(new int[] {1_000_000, 64});
        }
        try (Kernels kernels = Kernels.defaults().withThreads(2)) { // 2 threads, as PowerSolverBench
            for (int[] s : shapes) {
                for (String problem : new String[] {"lstsq-0", "lstsq-2", "gram-2"}) {
                    boolean lstsq = problem.startsWith("lstsq");
                    int j = Integer.parseInt(problem.substring(problem.indexOf('-') + 1));
                    if (write != null) {
                        PowerProblems.write(write, s[0], s[1], j);
                    }
                    PowerProblems.Instance in = PowerProblems.instance(s[0], s[1], j);
                    for (Method m : new Method[] {Method.AUTO, Method.NORMAL, Method.CHOLQR, Method.LSQR, Method.GD, Method.DIRECT}) {
                        PowerOptions o = PowerOptions.builder().method(m).kernels(kernels).build();
                        PowerResult r = lstsq ? PowerSolver.lstsqPower(in.a(), in.bLstsq(), j, o)
                                : PowerSolver.gramPower(in.a(), in.bGram(), j, o);
                        System.out.printf(Locale.ROOT, "{\"benchmark\": \"PowerSolverBench.solve\", \"params\": {\"shape\": \"%dx%d\", "
                                        + "\"problem\": \"%s\", \"method\": \"%s\"}, \"forward_error\": %.3e, "
                                        + "\"relative_residual\": %.3e, \"normal_equation_residual\": %.3e, \"iterations\": %d, "
                                        + "\"converged\": %b, \"seconds\": {\"sketch\": %.4f, \"factor\": %.4f, \"iterate\": %.4f, \"total\": %.4f}}%n",
                                s[0], s[1], problem, m.key(), SyntheticProblem.forwardError(r.x(), in.xStar()),
                                r.relativeResidual(), lstsq ? r.normalEquationResidual() : 0.0, r.totalIterations(), r.converged(),
                                r.timings().sketchSeconds(), r.timings().factorSeconds(), r.timings().iterateSeconds(),
                                r.timings().totalSeconds());
                    }
                }
            }
        }
    }
}
