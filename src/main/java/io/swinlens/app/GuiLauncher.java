package io.swinlens.app;

import javafx.application.Application;

/** Opens the desktop app; kept apart from {@link Main} so that the CLI never loads JavaFX. */
final class GuiLauncher {
    private GuiLauncher() { }

    static void launch(String[] args) {
        Application.launch(SwinLensApp.class, args);
    }
}
