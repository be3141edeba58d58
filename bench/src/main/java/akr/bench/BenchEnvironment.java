package akr.bench;

import akr.kernels.KernelProvider;
import akr.kernels.parallel.ParallelExecutor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints, as one JSON object on standard output, what the JVM the benchmarks fork into sees: JDK,
 * VM, default kernel tier and why, the SIMD tier's vector species, processors and the library's
 * default thread count. {@code bench/run} launches it with the same JVM flags as the benchmark
 * forks (e.g. {@code -XX:UseAVX=2}), so the report's header states the species that was measured.
 */
public final class BenchEnvironment {

    private BenchEnvironment() {
    }

    public static void main(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("java_home", System.getProperty("java.home"));
        m.put("kernel_tier", KernelProvider.defaultTier().key());
        m.put("kernel_tier_reason", KernelProvider.selection().reason());
        m.put("simd", KernelProvider.simdDescription());
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("threads", Integer.toString(ParallelExecutor.defaultThreads()));
        m.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
        }
        System.out.println(sb.append('}'));
    }

    /** A JSON string literal (null for null); control and non-ASCII characters as \\u escapes. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
