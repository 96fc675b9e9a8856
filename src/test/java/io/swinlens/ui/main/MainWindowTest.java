package io.swinlens.ui.main;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.common.FxImages;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
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

import static io.swinlens.ui.UiTestSupport.pixels;
import static org.assertj.core.api.Assertions.assertThat;

/** The main window on the m4w4 fixture model (64×64 input, window 4) with its .npy input. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1200, 800);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    private void openFixture(FxRobot robot) {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(),
                Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int[] heatmap() { return pixels(controller.imageView().layers().heatmap()); }

    @Test
    void withoutAModelTheWindowSaysHowToOpenOne(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#emptyState").queryLabeled().getText()).contains("No model").contains("Open weights");
        assertThat(robot.lookup("#emptyState").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void anOpenedImageShowsAHeatmap(FxRobot robot) {
        openFixture(robot);
        assertThat(controller.viewModel().analysed()).isNotNull();
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().heatmap())).isTrue();
        assertThat(robot.lookup("#emptyState").queryLabeled().isVisible()).isFalse();
        assertThat(robot.lookup("#prediction-0").queryLabeled().getText()).isNotBlank();
        assertThat(robot.lookup("#statusModel").queryLabeled().getText()).contains("official.safetensors");
    }

    @Test
    void stageBlockAndHeadKeysRedrawTheHeatmap(FxRobot robot) {
        openFixture(robot);
        int[] before = heatmap();
        robot.clickOn("#layerStack");                  // focus the view (also sets the query; fine)
        WaitForAsyncUtils.waitForFxEvents();
        before = heatmap();

        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().stage()).isEqualTo(1);
        int[] stage1 = heatmap();
        assertThat(stage1).isNotEqualTo(before);

        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().block()).isEqualTo(0);
        int[] block0 = heatmap();
        assertThat(block0).isNotEqualTo(stage1);

        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().head()).isEqualTo(HeadChoice.one(0));
        int[] head0 = heatmap();
        assertThat(head0).isNotEqualTo(block0);

        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().head()).isEqualTo(HeadChoice.one(1));
        assertThat(heatmap()).isNotEqualTo(head0);
    }

    @Test
    void selectorsChangeTheView(FxRobot robot) {
        openFixture(robot);
        int[] before = heatmap();
        robot.interact(() -> robot.lookup("#stageChoice").<javafx.scene.control.ChoiceBox<Integer>>query().setValue(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().stage()).isEqualTo(2);
        assertThat(heatmap()).isNotEqualTo(before);
    }

    @Test
    void aClickOnTheImageMovesTheQuery(FxRobot robot) {
        openFixture(robot);
        ViewSettings before = controller.viewModel().settings();
        int[] heatmapBefore = heatmap();
        StackPane stack = robot.lookup("#layerStack").query();
        double shown = stack.getWidth();
        robot.clickOn(robot.point(stack).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(shown * 0.1 + 0.5, shown * 0.8 + 0.5)));
        WaitForAsyncUtils.waitForFxEvents();
        ViewSettings after = controller.viewModel().settings();
        assertThat(new int[]{after.queryX(), after.queryY()}).isNotEqualTo(new int[]{before.queryX(), before.queryY()});
        assertThat(after.queryX()).isBetween(5, 7);        // 0.1 × 64, give or take the pixel under the pointer
        assertThat(after.queryY()).isBetween(50, 52);      // 0.8 × 64
        assertThat(heatmap()).isNotEqualTo(heatmapBefore);
    }

    @Test
    void aBadImageShowsABannerAndKeepsTheView(FxRobot robot, @TempDir Path dir) throws Exception {
        openFixture(robot);
        ShownImage shown = controller.viewModel().shownImageProperty().get();
        int[] heatmapBefore = heatmap();
        Path broken = Files.write(dir.resolve("broken.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        robot.interact(() -> controller.open(List.of(broken.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).startsWith("broken.png: ");
        assertThat(controller.viewModel().shownImageProperty().get()).isSameAs(shown);
        assertThat(heatmap()).isEqualTo(heatmapBefore);
    }

    @Test
    void aCheckpointWithUnknownGlobalsLoadsWithAWarningThatStays(FxRobot robot, @TempDir Path dir) throws Exception {
        openFixture(robot);
        Path file = dir.resolve("with_trainer.pth");
        Fixtures.wrapWithUnknownGlobal(Fixtures.file("m4w4", "official.pth"), file);
        robot.interact(() -> controller.open(List.of(file.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().modelProperty().get().source()).isEqualTo(file);
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).contains("kept as data, not run").contains("mylab.train.Trainer");
        assertThat(controller.banner().getStyleClass()).contains("warning");
        Thread.sleep(5600);                    // a note would have faded by now
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
    }

    @Test
    void anUnsafeCheckpointShowsABannerAndKeepsTheModel(FxRobot robot) {
        openFixture(robot);
        var model = controller.viewModel().modelProperty().get();
        robot.interact(() -> controller.open(List.of(Fixtures.file("unsafe", "os_system.pth").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).startsWith("os_system.pth");
        assertThat(controller.viewModel().modelProperty().get()).isSameAs(model);
    }

    @Test
    void droppingAFolderListsItsImagesAndOpensTheFirst(FxRobot robot, @TempDir Path dir) throws Exception {
        openFixture(robot);
        Path folder = Files.createDirectory(dir.resolve("inputs"));
        Files.copy(Fixtures.file("m4w4", "input.npy"), folder.resolve("a.npy"));
        Files.copy(Fixtures.file("m4w4", "input.npy"), folder.resolve("b.npy"));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        robot.interact(() -> controller.open(List.of(folder.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().images()).containsExactly(folder.resolve("a.npy"), folder.resolve("b.npy"));
        assertThat(controller.viewModel().currentImageProperty().get()).isEqualTo(folder.resolve("a.npy"));
        assertThat(robot.lookup("#imageStrip").query().isVisible()).isTrue();

        robot.interact(() -> controller.viewModel().selectImage(folder.resolve("b.npy")));
        assertThat(controller.viewModel().currentImageProperty().get()).isEqualTo(folder.resolve("b.npy"));
    }

    @Test
    void droppingACheckpointReplacesTheModelAndReanalyses(FxRobot robot) {
        openFixture(robot);
        ShownImage before = controller.viewModel().shownImageProperty().get();
        File other = Fixtures.file("m4w4", "timm.safetensors").toFile();
        robot.interact(() -> controller.open(List.of(other)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().modelProperty().get().source()).isEqualTo(other.toPath());
        assertThat(controller.viewModel().shownImageProperty().get()).isNotSameAs(before);
        assertThat(controller.viewModel().analysed().modelName()).isEqualTo("timm.safetensors");
    }

    @Test
    void openedFilesAreRemembered(FxRobot robot) {
        openFixture(robot);
        var recent = new io.swinlens.ui.prefs.UiPreferences(node).recentFiles();
        assertThat(recent).contains(Fixtures.file("m4w4", "official.safetensors").toAbsolutePath(),
                Fixtures.file("m4w4", "input.npy").toAbsolutePath());
        javafx.scene.control.Menu file = robot.lookup("#menuBar").<javafx.scene.control.MenuBar>query().getMenus().get(0);
        javafx.scene.control.Menu recentMenu = (javafx.scene.control.Menu) file.getItems().stream()
                .filter(i -> "recentMenu".equals(i.getId())).findFirst().orElseThrow();
        assertThat(recentMenu.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .anySatisfy(t -> assertThat(t).startsWith("input.npy"));
    }

    @Test
    void withFollowMouseTheQueryTracksThePointer(FxRobot robot) {
        openFixture(robot);
        robot.clickOn("#followMouse");
        StackPane stack = robot.lookup("#layerStack").query();
        double shown = stack.getWidth();
        robot.moveTo(robot.point(stack).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(shown * 0.9 + 0.5, shown * 0.2 + 0.5)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().queryX()).isBetween(56, 58);
        assertThat(controller.viewModel().settings().queryY()).isBetween(12, 13);
    }

    @Test
    void receivedModeRedrawsWithoutAQueryOutline(FxRobot robot) {
        openFixture(robot);
        int[] query = heatmap();
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().queryOutline())).isTrue();
        robot.clickOn("#receivedMode");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().mode()).isEqualTo(io.swinlens.analysis.HeatmapMode.RECEIVED);
        assertThat(heatmap()).isNotEqualTo(query);
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().queryOutline())).isFalse();
    }

    @Test
    void layerTogglesFollowTheirKeys(FxRobot robot) {
        openFixture(robot);
        robot.clickOn("#layerStack");
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().shifted())).isFalse();
        robot.type(KeyCode.S);
        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().shifted())).isTrue();
        assertThat(FxImages.hasVisiblePixels(controller.imageView().layers().heatmap())).isFalse();
        assertThat(robot.lookup("#shiftedToggle").<javafx.scene.control.CheckBox>query().isSelected()).isTrue();
    }

    @Test
    void aPastedBitmapIsOpenedAsAnImage(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage bitmap = new javafx.scene.image.WritableImage(90, 60);
        for (int y = 0; y < 60; y++) for (int x = 0; x < 90; x++) bitmap.getPixelWriter().setArgb(x, y, 0xFF000000 | (x * 2) << 16 | (y * 4) << 8);
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putImage(bitmap);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            controller.menu().paste();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().currentImageProperty().get().getFileName().toString()).startsWith("swinlens-pasted-").endsWith(".png");
        assertThat(controller.viewModel().analysed().input().width()).isEqualTo(224);
    }

    @Test
    void allHeadsOpensTheGallery(FxRobot robot) {
        openFixture(robot);
        robot.clickOn("#layerStack");
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().head()).isEqualTo(HeadChoice.all());
        assertThat(controller.tabs().getSelectionModel().getSelectedIndex()).isEqualTo(1);
        assertThat(controller.gallery().tiles()).hasSize(2 + 1);
    }

    @Test
    void anInputTheModelCannotRunShowsABannerAndKeepsTheView(FxRobot robot, @TempDir Path dir) throws Exception {
        openFixture(robot);
        ShownImage shown = controller.viewModel().shownImageProperty().get();
        Path odd = dir.resolve("odd.npy");                  // 62 px: any size is padded, but not one the 4 px patches cannot tile
        try (var out = java.nio.file.Files.newOutputStream(odd)) {
            io.swinlens.model.io.Npy.write(out, new float[3 * 62 * 62], 1, 3, 62, 62);
        }
        robot.interact(() -> controller.open(List.of(odd.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).startsWith("odd.npy: ").contains("not a multiple of the patch size 4");
        assertThat(controller.viewModel().shownImageProperty().get()).isSameAs(shown);
    }

    @Test
    void aTruncatedCheckpointShowsABannerAndKeepsTheModel(FxRobot robot, @TempDir Path dir) throws Exception {
        openFixture(robot);
        var model = controller.viewModel().modelProperty().get();
        byte[] whole = Files.readAllBytes(Fixtures.file("m4w4", "official.safetensors"));
        Path truncated = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length / 2));
        robot.interact(() -> controller.open(List.of(truncated.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).startsWith("cut.safetensors: ");
        assertThat(controller.viewModel().modelProperty().get()).isSameAs(model);
        assertThat(controller.viewModel().analysed().modelName()).isEqualTo("official.safetensors");
    }

    @Test
    void f1ShowsTheShortcuts(FxRobot robot) {
        openFixture(robot);
        robot.clickOn("#layerStack");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.stage.Window> help = robot.listWindows().stream()
                .filter(w -> w instanceof Stage s && "Keyboard shortcuts".equals(s.getTitle())).toList();
        assertThat(help).hasSize(1);
        robot.interact(() -> ((Stage) help.get(0)).close());      // leave no window over the next test
    }
}
