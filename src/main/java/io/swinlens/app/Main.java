package io.swinlens.app;

import io.swinlens.cli.SwinLensCommand;
import io.swinlens.model.swin.NativeThreads;

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
        GuiLauncher.launch(args);
    }

    static boolean isCommandLine(String[] args) {
        if (args.length == 0) return false;
        Set<String> commands = SwinLensCommand.commandNames();
        String first = args[0];
        return commands.contains(first) || Set.of("-h", "--help", "-V", "--version", "help").contains(first);
    }
}
