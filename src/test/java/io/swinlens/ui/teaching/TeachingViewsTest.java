package io.swinlens.ui.teaching;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.HeadStatistic;
import io.swinlens.analysis.teaching.ShiftExplainer.Step;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.geometry.WindowGeometry;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.main.MainController;
import javafx.scene.control.Tab;
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

/** The teaching tabs on the m4w4 fixture (64 x 64 input, window 4, stage 0 block 1 shifted by 2). */
@ExtendWith(ApplicationExtension.class)
class TeachingViewsTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1260, 790);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    private TeachingTabs open(FxRobot robot, int tab) {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(),
                Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        TeachingTabs t = controller.teaching();
        robot.interact(() -> controller.tabs().getSelectionModel().select(t.tabs().get(tab)));
        WaitForAsyncUtils.waitForFxEvents();
        return t;
    }

    /** The bottom-right token of stage 0: its SW-MSA window holds tokens of 4 regions. */
    private void selectShiftedCorner(FxRobot robot, int head) {
        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(0);
            c.setBlock(1);
            c.setHead(HeadChoice.one(head));
            c.setQuery(62, 62);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theRolloutAndCamViewsFollowTheOneColormapSetting(FxRobot robot) throws Exception {
        TeachingTabs t = open(robot, TeachingTab.ROLLOUT.ordinal());
        var before = t.rollout().picture();
        robot.interact(() -> controller.viewModel().controls().setColormap(io.swinlens.analysis.Colormap.GRAYSCALE));
        WaitForAsyncUtils.waitForFxEvents();
        var analysed = controller.viewModel().analysed();
        var expected = io.swinlens.analysis.teaching.TeachingRenderer.rollout(analysed, t.rollout().map(),
                t.rollout().fusion().getValue(), io.swinlens.analysis.Colormap.GRAYSCALE);
        assertThat(io.swinlens.ui.UiTestSupport.pixels(t.rollout().picture())).isEqualTo(io.swinlens.ui.UiTestSupport.pixels(expected));
        assertThat(io.swinlens.ui.UiTestSupport.pixels(t.rollout().picture())).isNotEqualTo(io.swinlens.ui.UiTestSupport.pixels(before));

        robot.interact(() -> controller.tabs().getSelectionModel().select(t.tab(TeachingTab.CAM)));
        WaitForAsyncUtils.waitForFxEvents();
        var c = t.cam().classes().getValue();
        var cam = io.swinlens.analysis.teaching.TeachingRenderer.cam(analysed, t.cam().map(), c.label(), c.index(),
                io.swinlens.analysis.Colormap.GRAYSCALE);
        assertThat(io.swinlens.ui.UiTestSupport.pixels(t.cam().picture())).isEqualTo(io.swinlens.ui.UiTestSupport.pixels(cam));
    }

    @Test
    void theShiftViewSaysWhenItShowsAnotherBlockThanTheSelectedOne(FxRobot robot) {
        TeachingTabs t = open(robot, TeachingTab.SHIFT.ordinal());
        robot.interact(() -> {
            controller.viewModel().controls().setStage(0);
            controller.viewModel().controls().setBlock(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label status = robot.lookup("#shiftView-status").query();
        assertThat(status.getText()).contains("Block 0 of stage 0 is W-MSA").contains("block 1");
        robot.interact(() -> controller.viewModel().controls().setBlock(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).doesNotContain("is W-MSA");
    }

    @Test
    void signedMatricesFollowTheSignedValuesChoice(FxRobot robot) {
        TeachingTabs t = open(robot, TeachingTab.BIAS.ordinal());
        int[] before = io.swinlens.ui.UiTestSupport.pixels(t.bias().picture());
        robot.interact(() -> controller.viewModel().setSignedMap(io.swinlens.analysis.teaching.Diverging.PURPLE_GREEN));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(io.swinlens.ui.UiTestSupport.pixels(t.bias().picture())).isNotEqualTo(before);
        var greenish = java.util.Arrays.stream(io.swinlens.ui.UiTestSupport.pixels(t.bias().picture()))
                .filter(p -> (p >> 8 & 255) > (p >> 16 & 255) + 40 && (p >> 8 & 255) > (p & 255) + 40).count();
        assertThat(greenish).as("green cells of negative bias").isGreaterThan(20);
    }

    private void openFiles(FxRobot robot, java.nio.file.Path weights, java.nio.file.Path input) {
        robot.interact(() -> controller.open(List.of(weights.toFile(), input.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSwinV2ModelOnAPaddedInputShowsEveryViewWithV2sFormulaAndPositionBias(FxRobot robot) {
        openFiles(robot, Fixtures.file("v2a", "torchvision.pth"), Fixtures.file("v2a", "run_56x40/input.npy"));
        TeachingTabs t = controller.teaching();
        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(1);
            c.setBlock(1);
            c.setHead(HeadChoice.one(1));
            c.setQuery(36, 52);          // near the bottom-right corner: its window holds padding
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (Tab tab : t.tabs()) {
            robot.interact(() -> controller.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            TeachingView view = (TeachingView) tab.getContent();
            assertThat(view.picture()).as(tab.getText()).isNotNull();
            assertThat(view.picture().getWidth()).as(tab.getText()).isGreaterThan(200);
            if (view instanceof ScoreDecompositionView) {
                assertThat(robot.lookup("#formula").queryLabeled().getText()).contains("cos(Q, K)").contains("16·σ(CPB");
            }
        }
        assertThat(controller.banner().isShowing()).isFalse();
    }

    @Test
    void aBackboneHasNoPredictionsOrCamButEveryAttentionView(FxRobot robot) {
        openFiles(robot, Fixtures.file("m4w4", "mmdet_backbone.pth"), Fixtures.file("m4w4", "input.npy"));
        assertThat(controller.banner().isShowing()).as(controller.banner().getText()).isFalse();
        assertThat(robot.lookup("#no-classifier").queryLabeled().getText()).contains("No classification head");
        TeachingTabs t = controller.teaching();
        for (Tab tab : t.tabs()) {
            robot.interact(() -> controller.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            TeachingView view = (TeachingView) tab.getContent();
            if (view instanceof CamView) {
                assertThat(view.picture()).isNull();
                assertThat(robot.lookup("#camView-status").queryLabeled().getText()).contains("no classification head");
            } else {
                assertThat(view.picture()).as(tab.getText()).isNotNull();
            }
        }
    }

    @Test
    void theBlockViewStepsWithButtonsAndKeysAndPointsAtKeys(FxRobot robot) {
        TeachingTabs t = open(robot, TeachingTab.BLOCK.ordinal());
        selectShiftedCorner(robot, 0);
        assertThat(robot.lookup("#blockStep").queryLabeled().getText()).startsWith("step 1 of 14: x");
        robot.type(javafx.scene.input.KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.block().currentStep()).isEqualTo(1);
        robot.clickOn("#blockNext");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.block().currentStep()).isEqualTo(2);
        robot.type(javafx.scene.input.KeyCode.COMMA);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.block().currentStep()).isEqualTo(1);
        assertThat(robot.lookup("#blockStep").queryLabeled().getText()).contains("LayerNorm 1");
        robot.interact(() -> t.block().step(4));                  // step 6: softmax
        WaitForAsyncUtils.waitForFxEvents();
        int before = t.block().picture().getHeight();
        robot.interact(() -> t.block().pointAt(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#blockView-status").queryLabeled().getText()).contains("Pointing at key #2");
        assertThat(t.block().picture().getHeight()).as("the pointed key's value vector is added").isGreaterThan(before);
        robot.clickOn("#blockAll");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#blockStep").queryLabeled().getText()).isEqualTo("all 14 steps");
        assertThat(t.block().exportImage().getHeight()).isGreaterThan(2000);
    }

    @Test
    void everyViewShowsAPictureOfTheImage(FxRobot robot) {
        TeachingTabs t = open(robot, 0);
        selectShiftedCorner(robot, 0);
        for (int k = 0; k < t.tabs().size(); k++) {
            Tab tab = t.tabs().get(k);
            robot.interact(() -> controller.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            TeachingView view = (TeachingView) tab.getContent();
            assertThat(view.picture()).as(tab.getText()).isNotNull();
            assertThat(view.picture().getWidth()).as(tab.getText()).isGreaterThan(200);
            assertThat(view.exportImage()).as(tab.getText()).isNotNull();
        }
    }

    @Test
    void maskOffGivesTheMaskedKeysProbability(FxRobot robot) {
        TeachingTabs t = open(robot, 0);
        selectShiftedCorner(robot, 1);
        ScoreDecompositionView v = t.scores();
        ScoreParts parts = v.parts();
        assertThat(parts.geometry().shifted()).isTrue();
        assertThat(parts.head()).isEqualTo(1);
        int n = parts.tokensPerWindow();
        int q = v.query().index();
        float[] withMask = v.row();
        assertThat(withMask).containsExactly(java.util.Arrays.copyOfRange(parts.probs(), q * n, q * n + n), within(1e-5f));

        robot.clickOn("#maskOff");
        WaitForAsyncUtils.waitForFxEvents();
        float[] withoutMask = v.row();
        int masked = 0;
        for (int j = 0; j < n; j++) {
            if (parts.mask()[q * n + j] == WindowGeometry.MASK_VALUE) {
                masked++;
                assertThat(withMask[j]).isLessThan(1e-30f);
                assertThat(withoutMask[j]).isGreaterThan(1e-6f).isGreaterThan(withMask[j] * 1e6f);
            }
        }
        assertThat(masked).isPositive();
    }

    @Test
    void biasOffChangesTheRow(FxRobot robot) {
        TeachingTabs t = open(robot, 0);
        selectShiftedCorner(robot, 0);
        float[] withBias = t.scores().row();
        robot.clickOn("#biasOff");
        WaitForAsyncUtils.waitForFxEvents();
        float[] withoutBias = t.scores().row();
        assertThat(withoutBias).isNotEqualTo(withBias);
        double sum = 0;
        for (float p : withoutBias) sum += p;
        assertThat(sum).isCloseTo(1, within(1e-5));
    }

    @Test
    void theRolloutSumsToOneForEveryFusion(FxRobot robot) {
        TeachingTabs t = open(robot, 3);
        TokenMap mean = t.rollout().map();
        assertThat(mean.sum()).isCloseTo(1, within(1e-4));
        robot.interact(() -> t.rollout().fusion().setValue(io.swinlens.analysis.teaching.HeadFusion.MAX));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.rollout().map()).isNotEqualTo(mean);
        assertThat(t.rollout().map().sum()).isCloseTo(1, within(1e-4));
        assertThat(robot.lookup("#rolloutSum").queryLabeled().getText()).contains("1.0000");
    }

    @Test
    void anotherCamClassChangesTheMap(FxRobot robot) {
        TeachingTabs t = open(robot, 4);
        assertThat(t.cam().classes().getItems()).hasSize(5);
        float[] first = t.cam().map().values().clone();
        robot.interact(() -> t.cam().classes().setValue(t.cam().classes().getItems().get(2)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.cam().map().values()).isNotEqualTo(first);
    }

    @Test
    void clickingAStatisticsRowOpensThatHead(FxRobot robot) {
        TeachingTabs t = open(robot, 5);
        assertThat(t.stats().table().getItems()).hasSize(2 + 2 + 2 + 2 + 4 + 4 + 4 + 4);
        HeadStatistic target = t.stats().table().getItems().stream()
                .filter(s -> s.stage() == 2 && s.block() == 1 && s.head() == 3).findFirst().orElseThrow();
        robot.interact(() -> t.stats().table().scrollTo(target));
        WaitForAsyncUtils.waitForFxEvents();
        var cell = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() == target).findFirst().orElseThrow();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        var s = controller.viewModel().settings();
        assertThat(List.of(s.stage(), s.block())).containsExactly(2, 1);
        assertThat(s.head()).isEqualTo(HeadChoice.one(3));
        assertThat(controller.tabs().getSelectionModel().getSelectedIndex()).isZero();
    }

    @Test
    void theShiftSteps(FxRobot robot) {
        TeachingTabs t = open(robot, 2);
        assertThat(t.shift().window().getValue()).isEqualTo(15);       // 16 windows at stage 0
        java.awt.image.BufferedImage original = t.shift().picture();
        robot.clickOn("#step-regions");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.shift().shownStep()).isEqualTo(Step.REGIONS);
        assertThat(UiTestSupport.pixels(t.shift().picture())).isNotEqualTo(UiTestSupport.pixels(original));
        robot.clickOn("#step-mask");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.shift().shownStep()).isEqualTo(Step.MASK);
        robot.clickOn("#playShift");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.shift().step()).isEqualTo(Step.ORIGINAL);
        assertThat(t.shift().timeline().getStatus()).isEqualTo(javafx.animation.Animation.Status.RUNNING);
        robot.interact(() -> t.shift().timeline().stop());
    }
}
