package io.swinlens.ui.main;

import io.swinlens.testutil.Fixtures;
import io.swinlens.testutil.Screenshots;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.teaching.TeachingTab;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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

/** Text that was cut off at ordinary window sizes: each now fits, measured in the laid-out scene. */
@ExtendWith(ApplicationExtension.class)
class ClippingTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        controller = UiTestSupport.show(stage, node, 1024, 700);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    private static double textWidth(String text, Node like) {
        Text t = new Text(text);
        if (like instanceof Label l) t.setFont(l.getFont());
        if (like instanceof TextArea a) t.setFont(a.getFont());
        if (like instanceof Button b) t.setFont(b.getFont());
        return t.getLayoutBounds().getWidth();
    }

    @Test
    void theShortcutListShowsItsLongestLineWhole(FxRobot robot) throws Exception {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(), Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#layerStack");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        Stage help = (Stage) robot.listWindows().stream().filter(w -> w instanceof Stage s && "Keyboard shortcuts".equals(s.getTitle()))
                .findFirst().orElseThrow();
        TextArea area = (TextArea) help.getScene().getRoot().lookup(".text-area");
        String longest = java.util.Arrays.stream(Shortcuts.help().split("\n")).max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
        assertThat(area.getWidth()).isGreaterThan(textWidth(longest, area) + 10);
        Screenshots.shoot(robot, help.getScene().getRoot(), "shortcuts.png");
        robot.interact(help::close);
    }

    @Test
    void theHeadStatisticsColumnsKeepTheirHeadersAt1024Pixels(FxRobot robot) throws Exception {
        robot.interact(() -> {
            controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(), Fixtures.file("m4w4", "input.npy").toFile()));
            controller.show(TeachingTab.STATS);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#statsTable").query();
        for (TableColumn<?, ?> c : table.getColumns()) {
            assertThat(c.getWidth()).as(c.getText()).isGreaterThan(textWidth(c.getText(), new Label()) + 8);
        }
        Screenshots.shoot(robot, controller.root(), "stats-1024.png");
    }

    @Test
    void theCancelButtonIsNeverCut(FxRobot robot) {
        Button cancel = robot.lookup("#cancelButton").query();
        assertThat(cancel.getMinWidth()).isEqualTo(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    @Test
    void aLongErrorWrapsInsteadOfRunningOffTheWindow(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setWidth(1280));
        String message = "swin_base_patch4_window12_384_22kto1k.pth: unexpected tensors layers.0.blocks.0.attn.cpb_mlp.0.weight, "
                + "layers.0.blocks.0.attn.logit_scale and 3 more for a Swin V1 with 4 stages of depths [2, 2, 18, 2]";
        robot.interact(() -> controller.showMessage(message, true));
        Thread.sleep(700);
        WaitForAsyncUtils.waitForFxEvents();
        Label label = robot.lookup("#banner .label").queryAll().stream()
                .filter(n -> n instanceof Label l && message.equals(l.getText())).map(Label.class::cast).findFirst().orElseThrow();
        assertThat(label.isWrapText()).isTrue();
        double lines = label.getHeight() / (textWidth("Xg", label) > 0 ? new Text("Xg").getLayoutBounds().getHeight() : 16);
        assertThat(label.getWidth() * Math.max(1, Math.floor(lines))).isGreaterThan(textWidth(message, label) * 0.95);
        Screenshots.shoot(robot, controller.root(), "long-error-banner.png");
    }

    @Test
    void theBannerPushesTheTabsDownInsteadOfCoveringThem(FxRobot robot) throws Exception {
        Node headers = controller.tabs().lookup(".tab-header-area");
        double topBefore = headers.localToScene(headers.getBoundsInLocal()).getMinY();
        robot.interact(() -> controller.showMessage("broken.png: not a readable image (truncated PNG data)", true));
        WaitForAsyncUtils.waitForFxEvents();
        Banner banner = controller.banner();
        assertThat(banner.isShowing()).isTrue();
        double bannerBottom = banner.localToScene(banner.getBoundsInLocal()).getMaxY();
        double top = headers.localToScene(headers.getBoundsInLocal()).getMinY();
        assertThat(top).as("the tab strip starts below the banner").isGreaterThanOrEqualTo(bannerBottom - 0.5);
        assertThat(top).isGreaterThan(topBefore);
        // and a tab under where the banner was can be clicked while it shows
        robot.clickOn(robot.lookup(".tab").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.tabs().getSelectionModel().getSelectedIndex()).isEqualTo(1);
        robot.clickOn("#closeBanner");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.isShowing()).isFalse();
        assertThat(headers.localToScene(headers.getBoundsInLocal()).getMinY()).as("the row goes with it").isEqualTo(topBefore);
        robot.interact(() -> {
            controller.tabs().getSelectionModel().select(0);
            controller.showMessage("a warning", false, true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.isShowing()).isTrue();
        robot.clickOn(robot.lookup(".tab").nth(0).queryAs(Node.class));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.isShowing()).as("Esc closes it").isFalse();
    }

    @Test
    void inANarrowWindowTheModelsNameGivesWayToTheStatusText(FxRobot robot) throws Exception {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(), Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#statusBar .status-label").queryAs(Label.class);
        Label model = robot.lookup("#statusModel").queryAs(Label.class);
        double statusEnd = status.localToScene(0, 0).getX() + textWidth(status.getText(), status);
        assertThat(model.localToScene(0, 0).getX()).as("the model's name starts after the status text").isGreaterThan(statusEnd + 4);
        assertThat(model.getTooltip().getText()).isEqualTo(model.getText());
        Node bar = robot.lookup("#statusBar").query();
        assertThat(model.localToScene(model.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(bar.localToScene(bar.getBoundsInLocal()).getMaxX());
    }
}
