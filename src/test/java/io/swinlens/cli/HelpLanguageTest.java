package io.swinlens.cli;

import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --help} follows {@code --lang} (and the system locale without it): the usage help's texts come
 * from the bundle pair {@code io/swinlens/i18n/cli-help.properties} / {@code cli-help_zh_CN.properties}
 * (picocli's format), whose English is the annotations' own text, so that the English help stays as it was.
 */
class HelpLanguageTest {

    /** "" is the top command, swinlens itself. */
    private static final List<String> COMMANDS = List.of("", "info", "predict", "dump", "export", "bench", "fetch");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** An entry of the option list: "  -h, --help", "      --out=DIR", "      INPUT...", "      [MODEL]". */
    private static final Pattern ENTRY = Pattern.compile("(?m)^ {2,6}(-[A-Za-z], )?(--[a-z0-9-]+|\\[?[A-Z][A-Z_]*\\]?(\\.\\.\\.)?)");
    private static final Pattern DEFAULT_VALUE = Pattern.compile("\\$\\{DEFAULT-VALUE\\}");
    private static final Pattern PERCENT = Pattern.compile("%%");

    @AfterEach
    void backToEnglish() {
        Messages.setLanguage(Language.ENGLISH);
    }

    private static boolean chinese(String text) { return HAN.matcher(text).find(); }

    private static String[] args(String command, String... more) {
        List<String> all = new ArrayList<>();
        if (!command.isEmpty()) all.add(command);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String help(String... args) {
        var r = CliRunner.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out().replace("\r\n", "\n");
    }

    /** The options and positional parameters the help lists, in its order. */
    private static List<String> entries(String help) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(help);
        while (m.find()) names.add(m.group(2));
        return names;
    }

    private static Properties bundle(String file) throws IOException {
        Properties p = new Properties();
        try (var in = HelpLanguageTest.class.getResourceAsStream("/io/swinlens/i18n/" + file)) {
            assertThat(in).as(file).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    private static CommandLine command(CommandLine top, String name) {
        return name.isEmpty() ? top : top.getSubcommands().get(name);
    }

    @Test
    void everyCommandsHelpIsChineseWithZhCnBeforeOrAfterTheCommand() {
        for (String command : COMMANDS) {
            String english = help(args(command, "--help"));
            String before = help(concat(new String[]{"--lang", "zh-CN"}, args(command, "--help")));
            String after = help(args(command, "--help", "--lang", "zh-CN"));
            assertThat(chinese(before)).as(command + " --help after --lang zh-CN:\n" + before).isTrue();
            assertThat(after).as(command + " --help --lang zh-CN").isEqualTo(before);
            assertThat(before).as(command).contains("用法：").contains("--lang=LANG").doesNotContain("Usage:");
            assertThat(entries(english)).as(command + ": the options the English help lists").isNotEmpty().contains("--help", "--lang");
            assertThat(entries(before)).as(command + ": the same options in the same order").isEqualTo(entries(english));
            assertThat(help(args(command, "--help", "--lang=zh"))).isEqualTo(before);
        }
        assertThat(help("--lang", "zh-CN", "--help")).contains("命令：").contains("  export   ");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void everyDescriptionHasAChineseText() {
        CommandLine top = SwinLensCommand.newCommandLine();
        top.setResourceBundle(SwinLensCommand.helpBundle(Language.SIMPLIFIED_CHINESE));
        List<String> english = new ArrayList<>();
        for (String name : COMMANDS) {
            CommandSpec spec = command(top, name).getCommandSpec();
            String description = String.join(" ", spec.usageMessage().description());
            if (!chinese(description)) english.add(spec.qualifiedName() + ": " + description);
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                String text = String.join(" ", arg.description());
                if (!chinese(text)) english.add(spec.qualifiedName() + " " + arg + ": " + text);
            }
        }
        assertThat(english).as("descriptions left in English").isEmpty();
        assertThat(String.join("\n", top.getCommandSpec().usageMessage().footer())).contains("写在命令之前或之后");
    }

    @Test
    void theSystemLocaleChoosesTheHelpsLanguageWithoutLang() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(chinese(help("export", "--help"))).isTrue();
            assertThat(chinese(help("--help"))).isTrue();
            assertThat(chinese(help("export", "--help", "--lang", "en"))).isFalse();
            Locale.setDefault(Locale.GERMANY);
            assertThat(chinese(help("export", "--help"))).isFalse();
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void theEnglishHelpIsUnchanged() {
        String top = help("--help");
        assertThat(top).startsWith("Usage: swinlens [-hV] [--lang=LANG] [COMMAND]")
                .contains("See where a Swin Transformer looks. Without a command, opens the app.")
                .contains("Commands:\n  info     Describe a checkpoint: format, architecture, parameter count.")
                .contains("--lang en|zh-CN works before or after the command");
        assertThat(help("export", "--help")).startsWith("Usage: swinlens export [-hV]")
                .contains("Render attention heatmaps of images to PNG files, the same pixels the app shows.")
                .contains("      --out=DIR             output folder (created if missing)")
                .contains("      --stage=S             stage, from 0 (default: 0)")
                .contains("(default: viridis)")
                .contains("  -h, --help                Show this help message and exit.");
        assertThat(help("dump", "--help")).contains("--what block: the token under this point, in pixels").contains("X%,Y% of what the model sees");
        assertThat(help("fetch", "--help")).contains("Download official Swin weights, checked, for --weights NAME.");
        assertThat(help("--help")).contains("fetch    Download official Swin weights, checked, for --weights NAME.");   // whole in the list too
        assertThat(help("bench", "--help")).contains("timed passes (default: 20)");
        for (String command : COMMANDS) {
            String english = help(args(command, "--help"));
            assertThat(chinese(english)).as(command).isFalse();
            // an English run after a Chinese one is English again
            help(concat(new String[]{"--lang", "zh-CN"}, args(command, "--help")));
            assertThat(help(args(command, "--help"))).isEqualTo(english);
            assertThat(help(args(command, "--help", "--lang", "en"))).isEqualTo(english);
        }
    }

    /** The English file says what the annotations say, word for word: the help reads the same with it and without it. */
    @Test
    void theEnglishBundleIsTheAnnotationsText() {
        CommandLine withBundle = SwinLensCommand.newCommandLine();
        withBundle.setResourceBundle(SwinLensCommand.helpBundle(Language.ENGLISH));
        CommandLine annotations = SwinLensCommand.newCommandLine();
        for (String name : COMMANDS) {
            assertThat(command(withBundle, name).getUsageMessage()).as(name.isEmpty() ? "swinlens" : name)
                    .isEqualTo(command(annotations, name).getUsageMessage());
        }
    }

    @Test
    void bothHelpBundlesHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = bundle("cli-help.properties");
        Properties zh = bundle("cli-help_zh_CN.properties");
        assertThat(en.stringPropertyNames()).as("keys").isNotEmpty().isEqualTo(zh.stringPropertyNames());
        List<String> wrong = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            String a = en.getProperty(key);
            String b = zh.getProperty(key);
            if (count(DEFAULT_VALUE, a) != count(DEFAULT_VALUE, b)) wrong.add(key + ": ${DEFAULT-VALUE}");
            if (count(PERCENT, a) != count(PERCENT, b)) wrong.add(key + ": %%");
            if (a.isEmpty() != b.isEmpty()) wrong.add(key + ": empty in one language only");
            if (!a.isEmpty() && !key.startsWith("usage.") && !chinese(b)) wrong.add(key + ": not Chinese");
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theHelpKeysAreNotMessageKeys() throws IOException {
        Set<String> clash = new TreeSet<>();
        for (String file : List.of("cli-help.properties", "cli-help_zh_CN.properties")) {
            for (String key : bundle(file).stringPropertyNames()) {
                if (key.matches("(ui|teach|export|cli|error)\\..*")) clash.add(file + ": " + key);
            }
        }
        assertThat(clash).as("keys with a Messages area's prefix").isEmpty();
        assertThat(Messages.AREAS).doesNotContain("cli-help");
    }
}
