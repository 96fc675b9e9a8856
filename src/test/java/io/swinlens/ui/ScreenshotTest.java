package io.swinlens.ui;

import io.swinlens.testutil.Screenshots;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.main.MainController;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;


/**
 * Writes pictures of the main views to target/screenshots/ for a person to look at (m7 fixture model,
 * 224×224 input with window 7, on a photo). Checks only that each picture was written and is not blank.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1260, 790);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    @Test
    void writesScreenshotsOfTheMainViews(FxRobot robot, @TempDir Path dir) throws Exception {
        Screenshots.shoot(robot, controller.root(), "empty-state.png");
        File photo = Screenshots.scene(dir.resolve("shapes.png"));
        File copy = Files.copy(photo.toPath(), dir.resolve("shapes-copy.png")).toFile();
        robot.interact(() -> controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile(), photo, copy)));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "main-window.png");

        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(0);
            c.setBlock(1);
            c.setShowWindows(false);
            c.setShowShifted(true);
            c.setShowPatchGrid(true);
            c.setQuery(100, 120);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "shifted-windows.png");

        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(3);                    // 4 heads
            c.setShowShifted(false);
            c.setShowPatchGrid(false);
            c.setShowWindows(true);
            c.setHead(HeadChoice.one(2));
            controller.tabs().getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "head-gallery.png");

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "model-overview.png");

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(0);
            controller.showMessage("broken.png: not a readable image (truncated PNG data)", true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(600);     // the banner slides in; wait for it only so that the picture shows it whole
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "error-banner.png");
    }
}
