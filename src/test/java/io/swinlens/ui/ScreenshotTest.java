package io.swinlens.ui;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.testutil.ScreenChecks;
import io.swinlens.testutil.Screenshots;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.main.MainController;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;


/**
 * Writes pictures of the main views to target/screenshots/ for a person to look at (m7 fixture model,
 * 224×224 input with window 7, on a photo), and checks in the pixels on screen what each must show: the
 * layers the renderer drew (heatmap included), window grid lines at the window boundaries, the colorbar of
 * the chosen colormap, one gallery tile per head.
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
        imageViewShowsTheRenderedLayers(robot);
        windowGridLinesLieOnTheWindowBoundaries(robot);
        ScreenChecks.assertShowsColormap(ScreenChecks.snapshot(robot, colorbarImage()), controller.viewModel().settings().colormap());
        robot.interact(() -> controller.viewModel().controls().setColormap(Colormap.GRAYSCALE));
        WaitForAsyncUtils.waitForFxEvents();
        ScreenChecks.assertShowsColormap(ScreenChecks.snapshot(robot, colorbarImage()), Colormap.GRAYSCALE);
        robot.interact(() -> controller.viewModel().controls().setColormap(ViewSettings.defaults().colormap()));
        WaitForAsyncUtils.waitForFxEvents();

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
        var tiles = robot.lookup(".gallery-tile").queryAll();
        assertThat(tiles).as("a tile per head of stage 3 and the mean").hasSize(controller.viewModel().analysed().heads(3) + 1);
        for (var tile : tiles) assertThat(ScreenChecks.spread(ScreenChecks.snapshot(robot, tile))).isGreaterThan(60);

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "model-overview.png");
        assertThat(ScreenChecks.spread(ScreenChecks.snapshot(robot, controller.overview()))).isGreaterThan(100);

        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(0);
            controller.showMessage("broken.png: not a readable image (truncated PNG data)", true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(600);     // the banner slides in; wait for it only so that the picture shows it whole
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "error-banner.png");
    }

    @Test
    void writesScreenshotsOfASwinV2ModelAtALargerInputAndOfABackbone(FxRobot robot, @TempDir Path dir) throws Exception {
        File photo = Screenshots.scene(dir.resolve("shapes.png"));
        robot.interact(() -> controller.viewModel().setInputScale(1.5));      // 96 px: stage 2 is 6x6, padded to 8x8
        robot.interact(() -> controller.open(List.of(Fixtures.file("v2a", "torchvision.pth").toFile(), photo)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(2);
            c.setBlock(1);
            c.setShowWindows(false);
            c.setShowShifted(true);
            c.setQuery(80, 80);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().analysed().input().height()).isEqualTo(96);
        var g = controller.viewModel().analysed().inference().attention(2, 1).geometry();
        assertThat(g.padded()).isTrue();
        assertThat(g.shifted()).isTrue();
        Screenshots.shoot(robot, controller.root(), "main-v2-padded.png");
        assertThat(ScreenChecks.spread(ScreenChecks.snapshot(robot, robot.lookup("#layerStack").query()))).isGreaterThan(60);

        robot.interact(() -> controller.viewModel().setInputScale(1));
        robot.interact(() -> controller.open(List.of(Fixtures.file("v2a", "mmdet_backbone.pth").toFile(), photo)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isFalse();
        assertThat(robot.lookup("#no-classifier").queryLabeled().isVisible()).isTrue();
        Screenshots.shoot(robot, controller.root(), "main-backbone.png");
    }

    /**
     * The stacked layers on screen are the ones the renderer drew, scaled; and around the query, where the
     * heatmap is, the screen differs clearly from the same layers without the heatmap.
     */
    private void imageViewShowsTheRenderedLayers(FxRobot robot) {
        BufferedImage screen = ScreenChecks.snapshot(robot, robot.lookup("#layerStack").query());
        BufferedImage[] layers = controller.imageView().layers().inOrder();
        BufferedImage expected = ScreenChecks.scaled(ScreenChecks.stacked(layers), screen.getWidth(), screen.getHeight());
        BufferedImage[] withoutHeatmap = layers.clone();
        withoutHeatmap[1] = null;
        BufferedImage noHeatmap = ScreenChecks.scaled(ScreenChecks.stacked(withoutHeatmap), screen.getWidth(), screen.getHeight());
        assertThat(screen.getWidth()).isGreaterThan(300);
        assertThat(ScreenChecks.meanDifference(screen, expected)).as("screen vs rendered layers").isLessThan(6);

        AnalysedImage a = controller.viewModel().analysed();
        ViewSettings s = controller.viewModel().settings();
        double scale = (double) screen.getWidth() / a.input().width();
        int qx = (int) ((s.queryX() < 0 ? a.input().width() / 2 : s.queryX()) * scale);
        int qy = (int) ((s.queryY() < 0 ? a.input().height() / 2 : s.queryY()) * scale);
        int half = (int) (a.config().windowSize() * a.tokenPixels(s.stage()) * scale / 2);
        int x0 = Math.max(0, qx - half);
        int y0 = Math.max(0, qy - half);
        int size = Math.min(2 * half, Math.min(screen.getWidth() - x0, screen.getHeight() - y0));
        double shown = ScreenChecks.meanDifference(screen.getSubimage(x0, y0, size, size), expected.getSubimage(x0, y0, size, size));
        double missing = ScreenChecks.meanDifference(screen.getSubimage(x0, y0, size, size), noHeatmap.getSubimage(x0, y0, size, size));
        assertThat(missing).as("around the query: screen vs the layers without the heatmap").isGreaterThan(Math.max(10, 3 * shown));
    }

    /** Switching the window grid on changes the columns at the window boundaries, and little in between. */
    private void windowGridLinesLieOnTheWindowBoundaries(FxRobot robot) {
        ViewSettings s = controller.viewModel().settings();
        assertThat(s.showWindows()).isTrue();
        BufferedImage with = ScreenChecks.snapshot(robot, robot.lookup("#layerStack").query());
        robot.interact(() -> controller.viewModel().controls().setShowWindows(false));
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage without = ScreenChecks.snapshot(robot, robot.lookup("#layerStack").query());
        robot.interact(() -> controller.viewModel().controls().setShowWindows(true));
        WaitForAsyncUtils.waitForFxEvents();
        AnalysedImage a = controller.viewModel().analysed();
        BlockGeometry g = a.inference().attention(s.stage(), s.block()).geometry();
        double pixelsPerToken = (double) with.getWidth() / g.width();
        double[] columns = ScreenChecks.columnDifferences(with, without);
        // the grid of the windows the block attends: on an SW-MSA block, moved by the shift
        for (int k = 1; k * g.window() + g.shiftX() < g.width(); k++) {
            int x = (int) Math.round((k * g.window() + g.shiftX()) * pixelsPerToken);
            double atLine = Math.max(columns[x - 1], Math.max(columns[x], columns[Math.min(x + 1, columns.length - 1)]));
            int mid = (int) Math.round((k * g.window() + g.shiftX() - g.window() / 2.0) * pixelsPerToken);
            assertThat(atLine).as("grid line at x=%d", x).isGreaterThan(20).isGreaterThan(4 * columns[mid] + 1);
        }
    }

    private Node colorbarImage() {
        Pane colorbar = robot().lookup("#colorbar").query();
        return colorbar.getChildren().get(0);
    }

    private static FxRobot robot() { return new FxRobot(); }
}
