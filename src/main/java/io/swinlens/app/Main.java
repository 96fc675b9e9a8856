package io.swinlens.app;

import io.swinlens.cli.SwinLensCommand;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.model.swin.NativeThreads;
import io.swinlens.ui.main.Startup;
import io.swinlens.ui.prefs.UiPreferences;

import java.util.List;
import java.util.Set;

/**
 * Entry point of the jar. A command (info, predict, dump, export, bench, ...) or --help/--version runs
 * the CLI; anything else (nothing, an image, --weights) opens the app. Does not extend Application,
 * so the fat jar starts without JavaFX on the module path (docs/ui-threading.md).
 */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        NativeThreads.configure();
        if (isCommandLine(args)) {
            System.exit(SwinLensCommand.run(args));
        }
        // the app's own first messages (no desktop, cannot open) already in its language
        Language language = Startup.Arguments.parse(List.of(args)).language();
        Messages.setLanguage(language != null ? language
                : Language.parse(UiPreferences.user().get(Startup.LANGUAGE_KEY, null)).orElse(Language.system()));
        String noDesktop = missingDesktop(System.getProperty("os.name", ""), System.getenv("DISPLAY"),
                System.getenv("WAYLAND_DISPLAY"), System.getProperty("glass.platform"));
        if (noDesktop != null) {
            System.err.println(noDesktop);
            System.exit(2);
        }
        try {
            GuiLauncher.launch(args);
        } catch (RuntimeException e) {          // e.g. the display went away: one line, not JavaFX's trace
            System.err.println(Messages.get("ui.app.cannotOpen", e.getMessage()));
            System.exit(2);
        }
    }

    /**
     * A command, --help/--version, or any option the app does not take (so that picocli reports it as a
     * usage error instead of JavaFX failing on it). The app takes image paths, {@code --weights FILE} and
     * {@code --lang en|zh-CN} (this run's language; an unknown one goes to picocli, which says so).
     */
    static boolean isCommandLine(String[] args) {
        if (args.length == 0) return false;
        Set<String> commands = SwinLensCommand.commandNames();
        int at = 0;                       // the first argument after a leading --lang
        if (args[0].equals("--lang") && args.length > 1 && Language.parse(args[1]).isPresent()) at = 2;
        else if (args[0].startsWith("--lang=") && Language.parse(args[0].substring("--lang=".length())).isPresent()) at = 1;
        if (at >= args.length) return at == 0;
        String first = args[at];
        if (commands.contains(first) || Set.of("-h", "--help", "-V", "--version", "help").contains(first)) return true;
        if (looksLikeACommand(first)) return true;          // "predcit": a mistyped command, not an image to open
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--weights") || (a.equals("--lang") && i + 1 < args.length && Language.parse(args[i + 1]).isPresent())) i++;
            else if (a.startsWith("--lang=") && Language.parse(a.substring("--lang=".length())).isPresent()) continue;
            else if (a.startsWith("-") && !a.startsWith("--weights=")) return true;
        }
        return false;
    }

    /** A bare word that names no file here: meant as a command (picocli then says which ones exist). */
    static boolean looksLikeACommand(String arg) {
        return arg.matches("[A-Za-z][A-Za-z_-]{1,30}") && !java.nio.file.Files.exists(java.nio.file.Path.of(arg));
    }

    /** The one line to print when there is no desktop to open the app on, else null. */
    static String missingDesktop(String osName, String display, String waylandDisplay, String glassPlatform) {
        boolean unix = !osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") && !osName.toLowerCase(java.util.Locale.ROOT).startsWith("mac");
        boolean none = (display == null || display.isBlank()) && (waylandDisplay == null || waylandDisplay.isBlank());
        if (!unix || !none || glassPlatform != null) return null;
        return Messages.get("ui.app.noDesktop");
    }
}
