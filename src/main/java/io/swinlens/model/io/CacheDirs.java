package io.swinlens.model.io;

import java.nio.file.Path;

/**
 * Per-user folders: the system property {@code swinlens.home}, else {@code $SWINLENS_HOME}, else the
 * platform's cache folder + {@code swinlens/}. The property comes first so that tests (which cannot set
 * environment variables) and launchers can point everything at another folder.
 */
public final class CacheDirs {

    public static final String HOME_PROPERTY = "swinlens.home";

    private CacheDirs() { }

    public static Path root() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property);
        String override = System.getenv("SWINLENS_HOME");
        if (override != null && !override.isBlank()) return Path.of(override);
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "SwinLens");
        }
        if (os.contains("mac")) return Path.of(home, "Library", "Caches", "SwinLens");
        String xdg = System.getenv("XDG_CACHE_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : Path.of(home, ".cache").toString(), "swinlens");
    }

    public static Path models() { return root().resolve("models"); }
}
