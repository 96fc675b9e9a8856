package io.swinlens.ui.main;

import io.swinlens.model.load.CatalogueLookup;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.model.load.BundledModel;
import io.swinlens.testutil.Screenshots;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.prefs.UiPreferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StartupTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1000, 700);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    @Test
    void argumentsAreImagesAndWeights() {
        Startup.Arguments a = Startup.Arguments.parse(List.of("cat.png", "--weights", "w.pth", "dog.jpg"));
        assertThat(a.weights()).isEqualTo("w.pth");
        assertThat(a.images()).containsExactly(Path.of("cat.png"), Path.of("dog.jpg"));
        assertThat(Startup.Arguments.parse(List.of("--weights=x.safetensors")).weights()).isEqualTo("x.safetensors");
    }

    @Test
    void opensTheImageWithTheGivenWeights(FxRobot robot) {
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        Path input = Fixtures.file("m4w4", "input.npy");
        robot.interact(() -> Startup.open(controller, new UiPreferences(node), new ModelResolver(CatalogueLookup.NONE),
                Startup.Arguments.parse(List.of(input.toString(), "--weights", weights.toString()))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().modelProperty().get().source()).isEqualTo(weights);
        assertThat(controller.viewModel().currentImageProperty().get()).isEqualTo(input);
    }

    @Test
    void withoutArgumentsTheDemoModelOpensOnTheSamplesAndNamesTheFirstOneRight(FxRobot robot) throws Exception {
        robot.interact(() -> Startup.open(controller, new UiPreferences(node), new ModelResolver(CatalogueLookup.NONE), Startup.Arguments.parse(List.of())));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> controller.viewModel().analysed() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(BundledModel.isBundled(controller.viewModel().modelProperty().get().source())).isTrue();
        assertThat(controller.viewModel().images()).hasSize(Samples.all().size()).hasSizeGreaterThanOrEqualTo(12);
        AnalysedImage shown = controller.viewModel().analysed();
        String predicted = shown.labels()[shown.inference().topK(1)[0]];
        // sample files are named after their true class (circle_01.png)
        assertThat(controller.viewModel().currentImageProperty().get().getFileName().toString()).startsWith(predicted + "_");
        Screenshots.shoot(robot, controller.root(), "demo-startup.png");
    }

    @Test
    void missingWeightsAreReportedInTheBanner(FxRobot robot) {
        robot.interact(() -> Startup.open(controller, new UiPreferences(node), new ModelResolver(CatalogueLookup.NONE),
                Startup.Arguments.parse(List.of("--weights", "/no/such/model.pth"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.banner().isShowing()).isTrue();
        assertThat(controller.banner().getText()).contains("model.pth").contains("no such file");
        assertThat(controller.viewModel().modelProperty().get()).isNull();
    }

    @Test
    void theLastModelAndTheLookAreRemembered(FxRobot robot) {
        UiPreferences preferences = new UiPreferences(node);
        robot.interact(() -> {
            controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile()));
            controller.viewModel().controls().setColormap(Colormap.INFERNO);
            controller.viewModel().controls().setOpacity(0.3);
            Startup.saveSettings(controller.viewModel(), preferences);
        });
        MainViewModel fresh = new MainViewModel(new io.swinlens.ui.task.SameThreadTaskExecutor());
        Startup.restoreSettings(fresh, preferences);
        assertThat(fresh.settings().colormap()).isEqualTo(Colormap.INFERNO);
        assertThat(fresh.settings().opacity()).isEqualTo(0.3);
        assertThat(preferences.lastModel()).contains(Fixtures.file("m4w4", "official.safetensors").toAbsolutePath());
    }
}
