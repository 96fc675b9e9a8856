package io.swinlens.model.swin;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Sets the OpenMP environment that libnd4j and OpenBLAS read when their native libraries load.
 * The default spin-wait policy made matmul-heavy passes about 2x slower on 2 cores
 * (shared/docs/nd4j-notes.md), so the process asks for {@code OMP_WAIT_POLICY=PASSIVE} itself,
 * through libc's setenv, before ND4J first loads: this holds however the JVM was started
 * (java -jar, javafx:run, an IDE, tests). A value the user set explicitly is kept.
 * <p>
 * OpenBLAS picks its matrix kernels from the CPU model name; in virtual machines that report a generic
 * model ("Intel Xeon Processor") it falls back to its slowest kernel (Prescott, measured ~3x slower
 * for Swin-T here). On Linux x86-64 the kernel family is therefore chosen from the CPU's feature flags
 * when {@code OPENBLAS_CORETYPE} is not set.
 */
public final class NativeThreads {

    private static final String ONEDNN_LIBRARY = "/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libjnind4jcpu.so";
    private static volatile boolean configured;
    private static volatile String outcome = "not configured";

    private NativeThreads() { }

    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
        String getenv(String name);
    }

    interface MsvcRuntime extends Library {
        int _putenv_s(String name, String value);
    }

    /** Idempotent; must run before the first ND4J call to take effect. */
    public static synchronized void configure() {
        if (configured) return;
        configured = true;
        StringBuilder report = new StringBuilder();
        if (System.getProperty("javacpp.platform.extension") == null && NativeThreads.class.getResource(ONEDNN_LIBRARY) != null) {
            System.setProperty("javacpp.platform.extension", "-onednn");   // the build that ships the oneDNN variant
            report.append("oneDNN build, ");
        }
        report.append(set("OMP_WAIT_POLICY", "PASSIVE"));
        String coreType = Platform.isLinux() && Platform.is64Bit() && !Platform.isARM() ? coreTypeFromCpuFlags() : null;
        if (coreType != null) report.append(", ").append(set("OPENBLAS_CORETYPE", coreType));
        outcome = report.toString();
    }

    private static String set(String name, String value) {
        String existing = System.getenv(name);
        if (existing != null) return name + "=" + existing + " (from the environment)";
        try {
            if (Platform.isWindows()) {
                ((MsvcRuntime) Native.loadLibrary("msvcrt", MsvcRuntime.class))._putenv_s(name, value);
            } else {
                ((CLibrary) Native.loadLibrary("c", CLibrary.class)).setenv(name, value, 0);
            }
            return name + "=" + value + " (set by SwinLens)";
        } catch (Throwable e) {  // JNA may be unavailable on an exotic platform: run with defaults
            return name + " left at its default (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** SkylakeX kernels for AVX-512 CPUs, Haswell kernels for AVX2+FMA, else OpenBLAS's own choice. */
    static String coreTypeFromCpuFlags() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (!line.startsWith("flags")) continue;
                java.util.Set<String> flags = java.util.Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                if (flags.containsAll(java.util.List.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))) return "SkylakeX";
                if (flags.containsAll(java.util.List.of("avx2", "fma"))) return "Haswell";
                return null;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux after all, or unreadable: leave OpenBLAS to decide
        }
        return null;
    }

    /** What {@link #configure()} did, for `bench` and diagnostics. */
    public static String outcome() { return outcome; }

    /** The value the native side sees now (not Java's cached copy of the environment). */
    public static String nativeValue(String name) {
        try {
            if (!Platform.isWindows()) {
                return ((CLibrary) Native.loadLibrary("c", CLibrary.class)).getenv(name);
            }
        } catch (Throwable ignored) {
            // fall through
        }
        return System.getenv(name);
    }
}
