package io.swinlens.cli;

import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.ResourceBundle;

/**
 * The `swinlens` command line: one subcommand per task. The usage help's texts are the annotations' English
 * and, in the language of the run, {@code io/swinlens/i18n/cli-help*.properties}: a description changed
 * here changes in cli-help.properties too (HelpLanguageTest compares them), and in the Chinese file.
 */
@Command(name = "swinlens", mixinStandardHelpOptions = true, version = "SwinLens 0.1.0",
        description = "See where a Swin Transformer looks. Without a command, opens the app.",
        footer = {"", "--lang en|zh-CN works before or after the command: swinlens --lang zh-CN export ... or swinlens export ... --lang zh-CN."},
        subcommands = {InfoCommand.class, PredictCommand.class, DumpCommand.class, ExportCommand.class, BenchCommand.class, FetchCommand.class})
public final class SwinLensCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What --lang chose in the current parse; null when it was not given (the system's language). */
    private Language chosen;

    /** Inherited by every subcommand, so it may stand before or after the command; takes effect as it is parsed. */
    @Option(names = "--lang", paramLabel = "LANG", scope = ScopeType.INHERIT,
            description = "language of the messages and of the captions export draws: en or zh-CN (default: the system's)")
    void language(String tag) {
        Language language = Language.parse(tag).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                Messages.get("cli.usage.lang", tag)));
        chosen = language;
        Messages.setLanguage(language);
    }

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.usage.commandNeeded"));
    }

    /** Runs the CLI and returns the exit code. */
    public static int run(String... args) {
        CommandLine cli = newCommandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {          // an Error passes picocli's handler: still one line
            cli.getErr().println(Messages.get("cli.error.line", "swinlens",
                    Messages.get("cli.error.noMemoryRun", Runtime.getRuntime().maxMemory() / (1 << 20))));
            return ExitCodes.UNREADABLE_INPUT;
        }
    }

    public static CommandLine newCommandLine() {
        SwinLensCommand top = new SwinLensCommand();
        CommandLine cli = new CommandLine(top);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setExecutionStrategy(parsed -> {        // after parsing, before the command (or --help): the language it runs in
            Language language = top.chosen != null ? top.chosen : Language.system();
            Messages.setLanguage(language);
            top.chosen = null;
            cli.setResourceBundle(helpBundle(language));
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler((e, args) -> {
            // a usage error may come before --lang was read: look for it among the arguments
            Messages.setLanguage(top.chosen != null ? top.chosen
                    : Language.inArguments(args == null ? null : java.util.List.of(args)).orElse(Language.system()));
            top.chosen = null;
            return ErrorHandler.usage(e, args);
        });
        return cli;
    }

    /** The base name of the usage help's texts (picocli's own bundle format, not one of {@link Messages#AREAS}). */
    static final String HELP_BUNDLE = "io.swinlens.i18n.cli-help";

    /**
     * The usage help's texts in {@code language}: descriptions, headings and footer by picocli's keys
     * ({@code swinlens.export.usage.description}, {@code swinlens.export.stage}, ...). The English file
     * holds the annotations' text as it is, so that the English help reads the same with or without it.
     */
    static ResourceBundle helpBundle(Language language) {
        return ResourceBundle.getBundle(HELP_BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Names of the subcommands, so that Main can tell CLI arguments from GUI arguments. */
    public static java.util.Set<String> commandNames() {
        return newCommandLine().getSubcommands().keySet();
    }
}
