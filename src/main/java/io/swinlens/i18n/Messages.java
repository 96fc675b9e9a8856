package io.swinlens.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every string a user reads, by key, in the current {@link Language}. The texts live in the resource
 * bundles {@code io/swinlens/i18n/<area>.properties} (English) and {@code <area>_zh_CN.properties}
 * (Simplified Chinese), UTF-8; a key is looked up in every area, so each area's keys carry its prefix
 * ({@code ui.}, {@code teach.}, {@code cli.}, {@code export.}, {@code error.}). See docs/i18n.md.
 *
 * <p>Patterns are {@link String#format} patterns formatted with {@link Locale#ROOT} (numbers keep their
 * decimal point in every language): {@code %s}, {@code %d}, {@code %.2f}, {@code %1$s} to reorder, and
 * {@code %%} for a percent sign, in every pattern, with or without arguments.
 *
 * <p>The language is one process-wide setting: the CLI sets it from {@code --lang}, the app from the
 * saved preference or the system locale and from View > Language. Changing it notifies the listeners
 * (the app's views re-read their text); renderers read it when they draw.
 */
public final class Messages {

    /** The bundle areas, each a pair of files under {@code io/swinlens/i18n/}. */
    public static final List<String> AREAS = List.of("ui", "teaching", "analysis", "cli", "errors");

    private static final String PACKAGE = "io.swinlens.i18n.";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ConcurrentHashMap<Language, List<ResourceBundle>> BUNDLES = new ConcurrentHashMap<>();
    private static final List<Consumer<Language>> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile Language language = Language.system();

    private Messages() { }

    public static Language language() { return language; }

    /** Switches every later lookup to {@code next} and tells the listeners (on the caller's thread). */
    public static void setLanguage(Language next) {
        if (next == null || next == language) return;
        language = next;
        for (Consumer<Language> l : LISTENERS) l.accept(next);
    }

    /** Called with the new language after every change. */
    public static void addListener(Consumer<Language> listener) { LISTENERS.add(listener); }

    public static void removeListener(Consumer<Language> listener) { LISTENERS.remove(listener); }

    /** The text for {@code key} in the current language, formatted with {@code args}. */
    public static String get(String key, Object... args) { return in(language, key, args); }

    /** The text for {@code key} in {@code lang}. A key missing from Chinese falls back to English. */
    public static String in(Language lang, String key, Object... args) {
        String pattern = pattern(lang, key);
        if (pattern == null) return "‹" + key + "›";            // the bundle tests fail on this; never a crash
        try {
            return String.format(Locale.ROOT, pattern, args);
        } catch (java.util.IllegalFormatException e) {
            return pattern;
        }
    }

    /** True when {@code key} exists in the English bundles. */
    public static boolean has(String key) { return pattern(Language.ENGLISH, key) != null; }

    /** The raw pattern, or null when no area has the key. */
    static String pattern(Language lang, String key) {
        for (ResourceBundle b : bundles(lang)) {
            if (b.containsKey(key)) return b.getString(key);      // the Chinese file, else its English parent
        }
        return null;
    }

    /** Every key of one language's own files (Chinese: without the English fallback); for the tests. */
    public static Set<String> keys(Language lang) {
        Set<String> keys = new TreeSet<>();
        for (String area : AREAS) {
            String file = "/" + PACKAGE.replace('.', '/') + area + (lang == Language.ENGLISH ? "" : "_" + lang.locale()) + ".properties";
            try (var in = Messages.class.getResourceAsStream(file)) {
                if (in == null) continue;
                java.util.Properties p = new java.util.Properties();
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                keys.addAll(p.stringPropertyNames());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static List<ResourceBundle> bundles(Language lang) {
        return BUNDLES.computeIfAbsent(lang, l -> {
            List<ResourceBundle> list = new ArrayList<>();
            for (String area : AREAS) {
                try {
                    list.add(ResourceBundle.getBundle(PACKAGE + area, l.locale(), NO_FALLBACK));
                } catch (MissingResourceException e) {
                    // an area without files yet
                }
            }
            return List.copyOf(list);
        });
    }
}
