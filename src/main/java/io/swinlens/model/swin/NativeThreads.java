package io.swinlens.model.swin;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.swinlens.i18n.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets the OpenMP environment that libnd4j and OpenBLAS read when their native libraries load.
 * The default spin-wait policy made matmul-heavy passes about 2x slower on 2 cores
 * (docs/performance.md), so the process asks for {@code OMP_WAIT_POLICY=PASSIVE} itself, with a short
 * spin before sleeping ({@code GOMP_SPINCOUNT}), through libc's setenv, before ND4J first loads. A value
 * the user set explicitly is kept.
 * <p>
 * OpenBLAS picks its matrix kernels from the CPU model name; in virtual machines that report a generic
 * model ("Intel Xeon Processor") it falls back to its slowest kernel (Prescott, measured ~3x slower
 * for Swin-T here). On Linux x86-64 the kernel family is therefore chosen from the CPU's feature flags
 * when {@code OPENBLAS_CORETYPE} is not set, by the table in {@code openblas-coretypes.tsv} beside this
 * class: the one copy of that rule, which the Python tools read too.
 * <p>
 * Nothing calls this implicitly: each entry point ({@code io.swinlens.app.Main}, the test launcher)
 * calls {@link #configure()} once, before anything touches ND4J.
 */
public final class NativeThreads {

    private static final String ONEDNN_LIBRARY = "/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libjnind4jcpu.so";
    private static final String CORE_TYPE_TABLE = "openblas-coretypes.tsv";
    private static volatile boolean configured;
    /** What {@link #configure()} did, one part per setting; texts built when read, in the language of that moment. */
    private static volatile List<java.util.function.Supplier<String>> outcome =
            List.of(() -> Messages.get("error.text.threads.notConfigured"));

    private NativeThreads() { }

    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    interface MsvcRuntime extends Library {
        int _putenv_s(String name, String value);
    }

    /** Idempotent; must run before the first ND4J call to take effect. */
    public static synchronized void configure() {
        if (configured) return;
        configured = true;
        List<java.util.function.Supplier<String>> report = new java.util.ArrayList<>();
        if (System.getProperty("javacpp.platform.extension") == null && NativeThreads.class.getResource(ONEDNN_LIBRARY) != null) {
            System.setProperty("javacpp.platform.extension", "-onednn");   // the build that ships the oneDNN variant
            report.add(() -> Messages.get("error.text.threads.onednn"));
        }
        report.add(set("OMP_WAIT_POLICY", "PASSIVE"));
        // PASSIVE alone puts a thread to sleep the moment a parallel region ends; a short spin first (libgomp
        // counts GOMP_SPINCOUNT loops, well under a millisecond here) spares the wake-up between the pass's
        // hundreds of short native ops: Swin-T 224 100-103 ms against 111-119 ms (BENCHMARKS.md)
        report.add(set("GOMP_SPINCOUNT", "1000000"));
        String coreType = Platform.isLinux() && Platform.is64Bit() && !Platform.isARM() ? coreTypeFromCpuFlags() : null;
        if (coreType != null) report.add(set("OPENBLAS_CORETYPE", coreType));
        outcome = List.copyOf(report);
    }

    private static java.util.function.Supplier<String> set(String name, String value) {
        String existing = System.getenv(name);
        if (existing != null) return () -> Messages.get("error.text.threads.fromEnvironment", name, existing);
        try {
            if (Platform.isWindows()) {
                ((MsvcRuntime) Native.loadLibrary("msvcrt", MsvcRuntime.class))._putenv_s(name, value);
            } else {
                ((CLibrary) Native.loadLibrary("c", CLibrary.class)).setenv(name, value, 0);
            }
            return () -> Messages.get("error.text.threads.set", name, value);
        } catch (Throwable e) {  // JNA may be unavailable on an exotic platform: run with defaults
            String why = e.getClass().getSimpleName();
            return () -> Messages.get("error.text.threads.default", name, why);
        }
    }

    /** The kernel family of the first table row whose flags the CPU all has, else null (OpenBLAS's own choice). */
    static String coreTypeFromCpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return coreTypeFor(Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux after all, or unreadable: leave OpenBLAS to decide
        }
        return null;
    }

    /** The rule of {@code openblas-coretypes.tsv} applied to a CPU's flags. */
    static String coreTypeFor(Set<String> cpuFlags) {
        for (Map.Entry<String, List<String>> row : coreTypeTable().entrySet()) {
            if (cpuFlags.containsAll(row.getValue())) return row.getKey();
        }
        return null;
    }

    /** Kernel family -> the CPU flags it needs, in the table's order. */
    static Map<String, List<String>> coreTypeTable() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        try (InputStream in = NativeThreads.class.getResourceAsStream(CORE_TYPE_TABLE)) {
            if (in == null) throw new IllegalStateException("missing resource " + CORE_TYPE_TABLE);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] columns = line.split("\t");
                table.put(columns[0].trim(), List.of(columns[1].trim().split("\\s+")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    /** What {@link #configure()} did, for `bench` and diagnostics. */
    public static String outcome() {
        return String.join(Messages.get("error.text.threads.separator"), outcome.stream().map(java.util.function.Supplier::get).toList());
    }
}
