package io.swinlens.ui.gallery;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.main.MainController;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class HeadGalleryViewTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1100, 760);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    private void openFixture(org.testfx.api.FxRobot robot) {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(),
                Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsEveryHeadOfTheBlockAndAClickSelectsOne(FxRobot robot) {
        openFixture(robot);
        robot.interact(() -> {
            controller.viewModel().controls().setStage(2);        // 4 heads
            controller.tabs().getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.gallery().tiles()).hasSize(4 + 1);  // the heads and their mean
        robot.clickOn("#head-3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().settings().head()).isEqualTo(HeadChoice.one(3));
        assertThat(robot.lookup("#head-3").query().getStyleClass()).contains("selected");
    }

    @Test
    void theOverviewIsDrawnOnlyOnceItsTabIsSelected(FxRobot robot) {
        openFixture(robot);
        assertThat(controller.overview().image().getImage()).isNull();
        robot.interact(() -> controller.tabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.overview().image().getImage()).isNotNull();
    }
}
