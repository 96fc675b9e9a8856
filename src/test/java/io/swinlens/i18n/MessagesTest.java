package io.swinlens.i18n;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two languages' bundles (docs/i18n.md): the same keys, the same placeholders per key, every key the
 * code names exists, every pattern formats, and no Chinese text left in English.
 */
class MessagesTest {

    /** printf conversions: %s, %d, %.2f, %1$s, %,d; %% and %n are not arguments. */
    private static final Pattern CONVERSION = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?([a-zA-Z%])");
    /** A string literal in the code that names a key of an area. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"((?:ui|teach|export|cli|error)\\.[A-Za-z0-9_.\\-]*[A-Za-z0-9_])\"");
    /** Words that stay as they are in Chinese text: names, formats, the paper's and PyTorch's terms. */
    private static final Set<String> SAME_IN_CHINESE = io.swinlens.testutil.TextChecks.SAME_IN_CHINESE;

    @AfterEach
    void english() { Messages.setLanguage(Language.ENGLISH); }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Set<String> en = Messages.keys(Language.ENGLISH);
        Set<String> zh = Messages.keys(Language.SIMPLIFIED_CHINESE);
        assertThat(en).as("keys").isNotEmpty();
        Set<String> onlyEnglish = new TreeSet<>(en);
        onlyEnglish.removeAll(zh);
        Set<String> onlyChinese = new TreeSet<>(zh);
        onlyChinese.removeAll(en);
        assertThat(onlyEnglish).as("keys without a Chinese text").isEmpty();
        assertThat(onlyChinese).as("Chinese keys without an English text").isEmpty();
    }

    @Test
    void everyKeyHasTheSamePlaceholdersInBothLanguagesAndFormats() {
        List<String> wrong = new ArrayList<>();
        for (String key : Messages.keys(Language.ENGLISH)) {
            String en = Messages.pattern(Language.ENGLISH, key);
            String zh = Messages.pattern(Language.SIMPLIFIED_CHINESE, key);
            Map<Integer, Character> a = arguments(en);
            Map<Integer, Character> b = arguments(zh);
            if (!a.equals(b)) wrong.add(key + ": " + a + " vs " + b);
            Object[] sample = sample(a);
            for (Language lang : Language.values()) {
                String text = Messages.in(lang, key, sample);
                if (text.equals(Messages.pattern(lang, key)) && !a.isEmpty()) wrong.add(key + " (" + lang.tag() + ") does not format");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void chineseTextIsChinese() {
        List<String> english = new ArrayList<>();
        for (String key : Messages.keys(Language.SIMPLIFIED_CHINESE)) {
            String zh = Messages.pattern(Language.SIMPLIFIED_CHINESE, key);
            if (zh.codePoints().anyMatch(MessagesTest::isHan)) continue;
            String words = CONVERSION.matcher(zh).replaceAll(" ").replaceAll("--[a-z0-9-]+", " ");
            for (String w : words.split("[^A-Za-z0-9\\-]+")) {
                if (w.length() >= 3 && w.chars().anyMatch(Character::isLetter) && !SAME_IN_CHINESE.contains(w.toLowerCase())
                        && !w.matches("[A-Z]+[0-9]*|[a-z]?[0-9]+[a-z]*")) {
                    english.add(key + "=" + zh);
                    break;
                }
            }
        }
        assertThat(english).as("Chinese texts left in English").isEmpty();
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readAllLines(f).stream().filter(line -> !line.trim().startsWith("*") && !line.trim().startsWith("//"))
                        .collect(java.util.stream.Collectors.joining("\n"));
                Matcher m = KEY_LITERAL.matcher(code);
                while (m.find()) {
                    if (!Messages.has(m.group(1))) missing.add(m.group(1) + " (" + f.getFileName() + ")");
                }
            }
        }
        assertThat(missing).as("keys named in the code but in no bundle").isEmpty();
    }

    @Test
    void theLanguageSwitchesAndTellsItsListeners() {
        List<Language> heard = new ArrayList<>();
        Messages.addListener(heard::add);
        String key = Messages.keys(Language.ENGLISH).iterator().next();
        Messages.setLanguage(Language.SIMPLIFIED_CHINESE);
        assertThat(Messages.language()).isEqualTo(Language.SIMPLIFIED_CHINESE);
        assertThat(Messages.get(key)).isEqualTo(Messages.in(Language.SIMPLIFIED_CHINESE, key));
        Messages.setLanguage(Language.ENGLISH);
        assertThat(heard).containsExactly(Language.SIMPLIFIED_CHINESE, Language.ENGLISH);
        assertThat(Messages.get("no.such.key")).isEqualTo("‹no.such.key›");
    }

    @Test
    void languageTagsParse() {
        assertThat(Language.parse("zh-CN")).contains(Language.SIMPLIFIED_CHINESE);
        assertThat(Language.parse("zh_cn")).contains(Language.SIMPLIFIED_CHINESE);
        assertThat(Language.parse("EN")).contains(Language.ENGLISH);
        assertThat(Language.parse("fr")).isEmpty();
        assertThat(Language.of(java.util.Locale.TAIWAN)).isEqualTo(Language.SIMPLIFIED_CHINESE);
        assertThat(Language.of(java.util.Locale.GERMANY)).isEqualTo(Language.ENGLISH);
    }

    /** Argument index -> conversion character. */
    private static Map<Integer, Character> arguments(String pattern) {
        Map<Integer, Character> args = new TreeMap<>();
        Matcher m = CONVERSION.matcher(pattern);
        int next = 1;
        while (m.find()) {
            char c = m.group(3).charAt(0);
            if (c == '%' || c == 'n') continue;
            int index = m.group(1) != null ? Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1)) : next++;
            args.put(index, Character.toLowerCase(c));
        }
        return args;
    }

    private static Object[] sample(Map<Integer, Character> args) {
        int n = args.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        Object[] values = new Object[n];
        for (int i = 1; i <= n; i++) {
            char c = args.getOrDefault(i, 's');
            values[i - 1] = switch (c) {
                case 'd', 'x', 'o' -> 7;
                case 'f', 'e', 'g', 'a' -> 0.5;
                case 'c' -> 'x';
                case 'b' -> true;
                default -> "x";
            };
        }
        return values;
    }

    static boolean isHan(int cp) { return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN; }
}
