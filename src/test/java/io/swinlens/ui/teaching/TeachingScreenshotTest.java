package io.swinlens.ui.teaching;

import io.swinlens.testutil.ScreenChecks;
import io.swinlens.testutil.Screenshots;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.ShiftExplainer.Step;
import io.swinlens.model.fetch.FileServer;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.io.CacheDirs;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
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
        File photo = Screenshots.scene(dir.resolve("shapes.png"));
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
        Screenshots.shoot(robot, controller.root(), "teach-scores.png");
        showsItsPicture(robot, t.scores());
        robot.clickOn("#maskOff");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "teach-scores-mask-off.png");
        showsItsPicture(robot, t.scores());
        select(robot, t, 1);
        Screenshots.shoot(robot, controller.root(), "teach-bias.png");
        showsItsPicture(robot, t.bias());
        select(robot, t, 2);
        robot.interact(() -> t.shift().select(Step.REGIONS));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "teach-shift-regions.png");
        showsItsPicture(robot, t.shift());
        robot.interact(() -> t.shift().select(Step.MASK));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "teach-shift-mask.png");
        showsItsPicture(robot, t.shift());
        select(robot, t, 3);
        Screenshots.shoot(robot, controller.root(), "teach-rollout.png");
        showsItsPicture(robot, t.rollout());
        select(robot, t, 4);
        Screenshots.shoot(robot, controller.root(), "teach-cam.png");
        showsItsPicture(robot, t.cam());
        select(robot, t, 5);
        Screenshots.shoot(robot, controller.root(), "teach-stats.png");
        assertThat(t.stats().table().getItems()).as("a row per head of the model").isNotEmpty();
        assertThat(ScreenChecks.spread(ScreenChecks.snapshot(robot, t.stats().chart()))).as("the scatter plot").isGreaterThan(100);
        select(robot, t, 6);
        robot.interact(() -> t.block().step(5));                                      // the softmax step
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> t.block().pointAt(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#blockStep").queryLabeled().getText()).startsWith("step 6 of 14: softmax");
        Screenshots.shoot(robot, controller.root(), "teach-block-softmax.png");
        showsItsPicture(robot, t.block());
        robot.interact(() -> t.block().allSteps().setSelected(true));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "teach-block-all.png");
        assertThat(t.block().picture().getHeight()).as("every step, one under the other").isGreaterThan(2000);
        select(robot, t, 7);
        Screenshots.shoot(robot, controller.root(), "teach-embed.png");
        showsItsPicture(robot, t.embedding());
        select(robot, t, 8);
        Screenshots.shoot(robot, controller.root(), "teach-merge.png");
        showsItsPicture(robot, t.merging());

        // on a projector-sized window the panels grow with it
        select(robot, t, 0);
        double before = t.scores().enlargement();
        robot.interact(() -> controller.root().getScene().getWindow().setWidth(2400));
        robot.interact(() -> controller.root().getScene().getWindow().setHeight(1600));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.scores().enlargement()).isGreaterThan(before);
        showsItsPicture(robot, t.scores());
        Screenshots.shoot(robot, controller.root(), "teach-scores-projector.png");
        robot.interact(() -> controller.root().getScene().getWindow().setWidth(1260));
        robot.interact(() -> controller.root().getScene().getWindow().setHeight(790));
        WaitForAsyncUtils.waitForFxEvents();

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
            Screenshots.shoot(robot, dialog.get().getScene().getRoot(), "teach-get-model.png");
            robot.interact(() -> dialog.get().close());
        }
    }

    private void select(FxRobot robot, TeachingTabs t, int tab) {
        robot.interact(() -> controller.tabs().getSelectionModel().select(t.tabs().get(tab)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The view's picture is drawn, not blank, and on screen pixel for pixel as its renderer drew it. */
    private static void showsItsPicture(FxRobot robot, TeachingView view) {
        BufferedImage drawn = view.picture();
        assertThat(drawn).as(view.getId() + " picture").isNotNull();
        assertThat(ScreenChecks.spread(drawn)).as(view.getId() + " is not blank").isGreaterThan(100);
        BufferedImage screen = ScreenChecks.snapshot(robot, robot.lookup("#" + view.getId() + "-picture").query());
        double k = view.enlargement();
        BufferedImage expected = ScreenChecks.scaled(ScreenChecks.stacked(drawn), screen.getWidth(), screen.getHeight());
        assertThat(screen.getWidth()).isEqualTo((int) Math.floor(drawn.getWidth() * k));
        assertThat(ScreenChecks.meanDifference(screen, expected)).as(view.getId() + " on screen at " + k + "x").isLessThan(k > 1 ? 8 : 3);
    }
}
