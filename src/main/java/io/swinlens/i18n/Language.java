package io.swinlens.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages SwinLens speaks: its messages, its views' text and its export captions. */
public enum Language {
    ENGLISH("en", Locale.ENGLISH, "English"),
    SIMPLIFIED_CHINESE("zh-CN", Locale.SIMPLIFIED_CHINESE, "简体中文");

    private final String tag;
    private final Locale locale;
    private final String nativeName;

    Language(String tag, Locale locale, String nativeName) {
        this.tag = tag;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    /** The tag of {@code --lang} and of the saved preference: {@code en} or {@code zh-CN}. */
    public String tag() { return tag; }

    public Locale locale() { return locale; }

    /** The language's name in itself, as the View > Language menu lists it. */
    public String nativeName() { return nativeName; }

    /** {@code en}, {@code zh-CN} (also {@code zh}, {@code zh_CN}, {@code zh-Hans}), case-insensitive. */
    public static Optional<Language> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        return switch (t) {
            case "en", "en-us", "en-gb", "english" -> Optional.of(ENGLISH);
            case "zh", "zh-cn", "zh-hans", "zh-hans-cn", "zh-sg", "chinese" -> Optional.of(SIMPLIFIED_CHINESE);
            default -> Optional.empty();
        };
    }

    /** Chinese for any Chinese locale (Simplified is the one we have), English for every other. */
    public static Language of(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? SIMPLIFIED_CHINESE : ENGLISH;
    }

    /**
     * The language that {@code --lang X} or {@code --lang=X} names among a command line's arguments; empty
     * when none does or the value is no language. The app and the CLI read their arguments with this.
     */
    public static Optional<Language> inArguments(java.util.List<String> args) {
        for (int i = 0; args != null && i < args.size(); i++) {
            String a = args.get(i);
            String value = a.equals("--lang") && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("--lang=") ? a.substring("--lang=".length()) : null;
            Optional<Language> language = parse(value);
            if (language.isPresent()) return language;
        }
        return Optional.empty();
    }

    /** What the system's locale asks for. */
    public static Language system() { return of(Locale.getDefault()); }
}
