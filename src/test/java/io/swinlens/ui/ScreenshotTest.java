package io.swinlens.ui;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.main.MainController;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes pictures of the main views to target/screenshots/ for a person to look at (m7 fixture model,
 * 224×224 input with window 7, on a photo). Checks only that each picture was written and is not blank.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    private static final Path OUT = Path.of("target", "screenshots");
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
        shoot(robot, "empty-state.png");
        File photo = scene(dir.resolve("shapes.png"));
        File copy = Files.copy(photo.toPath(), dir.resolve("shapes-copy.png")).toFile();
        robot.interact(() -> controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile(), photo, copy)));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "main-window.png");

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
        shoot(robot, "shifted-windows.png");

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
        shoot(robot, "head-gallery.png");

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "model-overview.png");

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(0);
            controller.showMessage("broken.png: not a readable image (truncated PNG data)", true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(600);     // the banner slides in; wait for it only so that the picture shows it whole
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "error-banner.png");
    }

    private void shoot(FxRobot robot, String name) throws Exception {
        Files.createDirectories(OUT);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        Node root = controller.root();
        robot.interact(() -> image.set(root.snapshot(null, null)));
        Path file = OUT.resolve(name);
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    /** A 320×240 picture with a few shapes, so that the crop and the heatmaps have something to show. */
    private static File scene(Path file) throws java.io.IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(200, 225, 245), 0, 240, new Color(90, 140, 90)));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(220, 60, 50));
        g.fillOval(60, 60, 90, 90);
        g.setColor(new Color(40, 70, 180));
        g.fillRect(180, 110, 80, 80);
        g.setColor(new Color(250, 200, 40));
        g.fillPolygon(new int[]{150, 190, 110}, new int[]{20, 90, 90}, 3);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file.toFile();
    }
}
