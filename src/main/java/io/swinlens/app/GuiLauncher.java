package io.swinlens.app;

/** Opens the desktop app. */
final class GuiLauncher {
    private GuiLauncher() { }

    static void launch(String[] args) {
        System.err.println("swinlens: the desktop app is not built yet; run 'java -jar swinlens.jar --help' for the commands");
        System.exit(io.swinlens.cli.ExitCodes.USAGE);
    }
}
