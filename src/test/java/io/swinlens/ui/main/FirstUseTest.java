package io.swinlens.ui.main;

import io.swinlens.model.load.BundledModel;
import io.swinlens.testutil.Fixtures;
import io.swinlens.testutil.Screenshots;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.prefs.UiPreferences;
import javafx.scene.control.Label;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets: the loading state, the hint, what the demo model knows, the way back to it. */
@ExtendWith(ApplicationExtension.class)
class FirstUseTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1280, 800);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    private String emptyText(FxRobot robot) {
        return ((Label) robot.lookup("#emptyState").query()).getText();
    }

    @Test
    void whileAModelLoadsTheCanvasSaysWhichInsteadOfAskingForOne(FxRobot robot) {
        robot.interact(() -> controller.viewModel().startLoading("torchvision.pth"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(emptyText(robot)).isEqualTo("Loading torchvision.pth…").doesNotContain("Open weights");
        assertThat(robot.lookup("#loadingProgress").query().isVisible()).isTrue();
        robot.interact(() -> controller.viewModel().stopLoading());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(emptyText(robot)).startsWith("No model");
        assertThat(robot.lookup("#loadingProgress").query().isVisible()).isFalse();
    }

    @Test
    void theHintCanBeClosedAndStaysClosed(FxRobot robot) {
        assertThat(robot.lookup("#firstUseHint").tryQuery()).isPresent();
        robot.clickOn("#closeHint");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#firstUseHint").tryQuery()).isEmpty();
        assertThat(new UiPreferences(node).getBoolean("hintDismissed", false)).isTrue();
    }

    @Test
    void theDemoModelSaysWhatItKnowsAndAPhotoGetsTheOfferOfAnImageNetSwin(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> controller.viewModel().openDemoModel());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> controller.viewModel().modelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(BundledModel.isBundled(controller.viewModel().modelProperty().get().source())).isTrue();
        Label note = robot.lookup("#demoNote").query();
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).contains("synthetic shapes").contains("circle");
        File photo = Screenshots.scene(dir.resolve("holiday.png"));
        robot.interact(() -> controller.open(List.of(photo)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> controller.viewModel().analysed() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).contains("demo model").contains("Get model");
        Label cropNote = robot.lookup("#cropNote").query();
        assertThat(cropNote.isVisible()).isTrue();
        assertThat(cropNote.getText()).contains("320×240 original; the model sees");
        assertThat(cropNote.localToScene(cropNote.getBoundsInLocal()).getMaxY()).isLessThanOrEqualTo(800);
        Thread.sleep(600);                     // the banner slides in
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(robot, controller.root(), "demo-model-on-a-photo.png");

        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#demoNote").query().getParent().isVisible()).isFalse();
        robot.interact(() -> controller.viewModel().openDemoModel());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> BundledModel.isBundled(controller.viewModel().modelProperty().get().source()));
    }
}
