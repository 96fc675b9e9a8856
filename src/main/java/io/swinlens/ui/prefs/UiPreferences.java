package io.swinlens.ui.prefs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (java.util.prefs): the last model, the view's look, the window
 * size and the recently opened files. Tests pass their own node so that they never touch the user's.
 */
public final class UiPreferences {

    private static final int RECENT_LIMIT = 10;
    private final Preferences node;

    public UiPreferences(Preferences node) { this.node = node; }

    /** The user's own settings. */
    public static UiPreferences user() { return new UiPreferences(Preferences.userRoot().node("io/swinlens/app")); }

    public Optional<Path> lastModel() {
        String value = node.get("lastModel", "");
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value)).filter(Files::isRegularFile);
    }

    public void setLastModel(Path weights) {
        if (weights == null) node.remove("lastModel");
        else node.put("lastModel", weights.toAbsolutePath().toString());
    }

    public String get(String key, String fallback) { return node.get(key, fallback); }

    public void put(String key, String value) { node.put(key, value); }

    public double getDouble(String key, double fallback) { return node.getDouble(key, fallback); }

    public void putDouble(String key, double value) { node.putDouble(key, value); }

    public boolean getBoolean(String key, boolean fallback) { return node.getBoolean(key, fallback); }

    public void putBoolean(String key, boolean value) { node.putBoolean(key, value); }

    public int getInt(String key, int fallback) { return node.getInt(key, fallback); }

    public void putInt(String key, int value) { node.putInt(key, value); }

    /** Most recent first; files that no longer exist are left out. */
    public List<Path> recentFiles() {
        String joined = node.get("recent", "");
        if (joined.isEmpty()) return List.of();
        return Arrays.stream(joined.split("\n")).map(Path::of).filter(Files::exists).toList();
    }

    public void addRecent(Path file) {
        List<Path> recent = new ArrayList<>(recentFiles());
        Path absolute = file.toAbsolutePath();
        recent.remove(absolute);
        recent.add(0, absolute);
        while (recent.size() > RECENT_LIMIT) recent.remove(recent.size() - 1);
        node.put("recent", String.join("\n", recent.stream().map(Path::toString).toList()));
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException ignored) {
            // settings are a convenience; a read-only home must not stop the app
        }
    }

    /** Forgets everything (tests). */
    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException ignored) {
            // nothing remembered then
        }
    }
}
