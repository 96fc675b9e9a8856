package io.swinlens.testutil;

import io.swinlens.model.swin.NativeThreads;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The tests' entry point into ND4J: configures the native threads once, before any test class loads ND4J,
 * as {@code io.swinlens.app.Main} does for the app and the CLI (registered in META-INF/services).
 */
public final class NativeThreadsForTests implements LauncherSessionListener {

    @Override public void launcherSessionOpened(LauncherSession session) {
        NativeThreads.configure();
    }
}
