package akr.solvers.cli;

import akr.kernels.KernelProvider;
import akr.kernels.parallel.ParallelExecutor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/** {@code akr info}: what this JVM and machine give the kernels. */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "JDK, kernel tier and why, vector species and lanes, threads, CPU SIMD flags";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println("usage: ./akr info");
                out.println("Prints the JDK, the kernel tier in use and why, the vector species and lane counts,");
                out.println("the thread count and the CPU's SIMD flags (from /proc/cpuinfo where present).");
                return 0;
            }
            throw new IllegalArgumentException("unknown option '" + a + "'");
        }
        KernelProvider.Selection sel = KernelProvider.selection();
        out.println("akr " + version());
        out.println("jdk:      " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
        out.println("tier:     " + sel.tier().key() + " (" + sel.reason() + ")");
        out.println("vectors:  " + KernelProvider.simdDescription());
        out.println("threads:  " + ParallelExecutor.shared().threads()
                + (System.getProperty(ParallelExecutor.THREADS_PROPERTY) != null ? " (-Dakr.threads)" : " (available processors)"));
        out.println("modules:  " + modules());
        out.println("cpu:      " + cpuModel());
        out.println("simd:     " + cpuSimdFlags());
        return 0;
    }

    /** Whether the jars run as named modules (module path) or in the unnamed module (class path). */
    static String modules() {
        Module kernels = KernelProvider.class.getModule();
        Module solvers = InfoCommand.class.getModule();
        if (!kernels.isNamed() && !solvers.isNamed()) {
            return "class path (unnamed module)";
        }
        return "module path (" + (kernels.isNamed() ? kernels.getName() : "kernels unnamed") + ", "
                + (solvers.isNamed() ? solvers.getName() : "solvers unnamed") + ")";
    }

    private static String version() {
        String v = InfoCommand.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim() + ", " + Runtime.getRuntime().availableProcessors()
                        + " processors";
            }
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors";
    }

    private static String cpuSimdFlags() {
        for (String line : cpuinfo()) {
            if (line.startsWith("flags")) {
                TreeSet<String> simd = new TreeSet<>();
                for (String f : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    if (f.startsWith("avx") || f.startsWith("sse") || f.equals("fma") || f.startsWith("ssse")
                            || f.equals("f16c") || f.startsWith("amx")) {
                        simd.add(f);
                    }
                }
                return simd.isEmpty() ? "(none listed)" : String.join(" ", simd);
            }
        }
        return "(not exposed by this OS)";
    }
}
