package io.swinlens.ui.teaching;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.ShiftExplainer.Step;
import io.swinlens.model.fetch.FileServer;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.load.CacheDirs;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
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
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes target/screenshots/teach-*.png of every teaching view (m7 fixture, 224 x 224 input with window 7,
 * on a picture of shapes) and of the Get model dialog, for a person to look at. Checks only that each was written.
 */
@ExtendWith(ApplicationExtension.class)
class TeachingScreenshotTest {

    private static final Path OUT = Path.of("target", "screenshots");
    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1260, 790);
    }

    @AfterEach
    void forget() {
        UiTestSupport.remove(node);
        System.clearProperty(CacheDirs.HOME_PROPERTY);
    }

    @Test
    void writesScreenshotsOfTheTeachingViews(FxRobot robot, @TempDir Path dir) throws Exception {
        File photo = scene(dir.resolve("shapes.png"));
        robot.interact(() -> controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile(), photo)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(0);
            c.setBlock(1);
            c.setHead(HeadChoice.one(0));
            c.setQuery(218, 218);            // the bottom-right window: four regions under the shift mask
        });
        TeachingTabs t = controller.teaching();
        select(robot, t, 0);
        shoot(robot, controller.root(), "teach-scores.png");
        robot.clickOn("#maskOff");
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, controller.root(), "teach-scores-mask-off.png");
        select(robot, t, 1);
        shoot(robot, controller.root(), "teach-bias.png");
        select(robot, t, 2);
        robot.interact(() -> t.shift().select(Step.REGIONS));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, controller.root(), "teach-shift-regions.png");
        robot.interact(() -> t.shift().select(Step.MASK));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, controller.root(), "teach-shift-mask.png");
        select(robot, t, 3);
        shoot(robot, controller.root(), "teach-rollout.png");
        select(robot, t, 4);
        shoot(robot, controller.root(), "teach-cam.png");
        select(robot, t, 5);
        shoot(robot, controller.root(), "teach-stats.png");

        System.setProperty(CacheDirs.HOME_PROPERTY, dir.resolve("home").toString());
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        try (FileServer server = new FileServer(Files.readAllBytes(weights))) {
            ModelCatalogue catalogue = ModelCatalogue.parse(new StringReader("""
                    {"models": [
                      {"name": "swin_tiny", "description": "Swin-T, ImageNet-1k, 224 px, window 7 (28M parameters)",
                       "url": "%s", "file": "swin_tiny.safetensors", "size": %d},
                      {"name": "swin_small", "description": "Swin-S, ImageNet-1k, 224 px, window 7 (50M parameters)",
                       "url": "%s", "file": "swin_small.pth", "size": null}]}
                    """.formatted(server.fileUri(), Files.size(weights), server.fileUri())));
            AtomicReference<Stage> dialog = new AtomicReference<>();
            robot.interact(() -> dialog.set(controller.menu().getModel(catalogue)));
            robot.clickOn("#download");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !((io.swinlens.ui.fetch.GetModelDialog) dialog.get().getScene().getRoot())
                    .viewModel().runningProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, dialog.get().getScene().getRoot(), "teach-get-model.png");
            robot.interact(() -> dialog.get().close());
        }
    }

    private void select(FxRobot robot, TeachingTabs t, int tab) {
        robot.interact(() -> controller.tabs().getSelectionModel().select(t.tabs().get(tab)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shoot(FxRobot robot, Node root, String name) throws Exception {
        Files.createDirectories(OUT);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(root.snapshot(null, null)));
        Path file = OUT.resolve(name);
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    /** A 320 x 240 picture with a few shapes (as the main ScreenshotTest draws). */
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
