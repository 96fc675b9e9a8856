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
 */
public final class NativeThreads {

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
        if (System.getenv("OMP_WAIT_POLICY") != null) {
            outcome = "OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY") + " (from the environment)";
            return;
        }
        try {
            if (Platform.isWindows()) {
                MsvcRuntime msvcrt = (MsvcRuntime) Native.loadLibrary("msvcrt", MsvcRuntime.class);
                msvcrt._putenv_s("OMP_WAIT_POLICY", "PASSIVE");
            } else {
                CLibrary libc = (CLibrary) Native.loadLibrary("c", CLibrary.class);
                libc.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            }
            outcome = "OMP_WAIT_POLICY=PASSIVE (set by SwinLens)";
        } catch (Throwable e) {  // JNA may be unavailable on an exotic platform: run with defaults
            outcome = "OMP_WAIT_POLICY left at the OpenMP default (" + e.getClass().getSimpleName() + ")";
        }
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
