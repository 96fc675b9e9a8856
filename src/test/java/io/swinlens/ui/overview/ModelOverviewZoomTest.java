package io.swinlens.ui.overview;

import io.swinlens.testutil.Fixtures;
import io.swinlens.testutil.Screenshots;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.main.MainController;
import javafx.scene.input.KeyCode;
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
import static org.assertj.core.api.Assertions.within;

/** The model overview opens legible (100 %) and zooms with Ctrl+wheel, Ctrl +/− and Ctrl+0 (fit). */
@ExtendWith(ApplicationExtension.class)
class ModelOverviewZoomTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1280, 800);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    @Test
    void zoomsInOutAndFits(FxRobot robot) throws Exception {
        robot.interact(() -> {
            controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile(), Fixtures.file("m7", "input.npy").toFile()));
            controller.tabs().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ModelOverviewView view = controller.overview();
        double natural = view.image().getImage().getWidth();
        assertThat(view.image().getFitWidth()).isCloseTo(natural, within(0.5));          // 100 %: one image pixel each
        robot.clickOn(view.image());
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.image().getFitWidth()).isCloseTo(natural * 1.25, within(0.5));
        robot.press(KeyCode.CONTROL).scroll(javafx.geometry.VerticalDirection.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.currentZoom()).isNotEqualTo(1.25);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.image().getFitWidth()).isLessThanOrEqualTo(Math.max(natural, view.getViewportBounds().getWidth()));
        assertThat(robot.lookup("#zoomLevel").queryLabeled().getText()).startsWith("fit");
        robot.clickOn("#zoomActual");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.currentZoom()).isEqualTo(1);
        Screenshots.shoot(robot, controller.root(), "model-overview-zoom.png");
    }
}
