package io.swinlens.ui;

import io.swinlens.ui.main.MainController;
import io.swinlens.ui.main.MainViewModel;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.task.SameThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.awt.image.BufferedImage;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Builds the main window for a TestFX test: same-thread jobs, a throwaway preferences node. */
public final class UiTestSupport {

    private UiTestSupport() { }

    public static Preferences testNode() {
        return Preferences.userRoot().node("io/swinlens/test/" + UUID.randomUUID());
    }

    public static void remove(Preferences node) {
        try {
            node.removeNode();
        } catch (BackingStoreException | IllegalStateException ignored) {
            // already gone
        }
    }

    public static MainController show(Stage stage, Preferences node, double width, double height) {
        MainViewModel viewModel = new MainViewModel(new SameThreadTaskExecutor());
        MainController controller = new MainController(viewModel, new UiPreferences(node), Runnable::run);
        stage.setScene(new Scene(controller.root(), width, height));
        stage.setTitle("SwinLens (test)");
        stage.show();
        return controller;
    }

    /** The ARGB pixels of an image, for equality checks. */
    public static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
