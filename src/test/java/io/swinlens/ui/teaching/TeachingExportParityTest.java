package io.swinlens.ui.teaching;

import io.swinlens.cli.SwinLensCommand;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.main.MainController;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import static io.swinlens.ui.UiTestSupport.pixels;
import static org.assertj.core.api.Assertions.assertThat;

/** File > Export of a teaching view writes the pixels {@code export --mode …} writes. */
@ExtendWith(ApplicationExtension.class)
class TeachingExportParityTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1260, 790);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    @ParameterizedTest
    @CsvSource({"1, bias", "3, rollout", "4, cam", "5, stats"})
    void guiExportEqualsCliExport(int tab, String mode, @TempDir Path dir) throws Exception {
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        Path input = Fixtures.file("m4w4", "input.npy");
        TeachingTabs t = controller.teaching();
        robotInteract(() -> {
            controller.open(List.of(weights.toFile(), input.toFile()));
            controller.viewModel().controls().setStage(1);
            controller.viewModel().controls().setBlock(1);
            controller.tabs().getSelectionModel().select(t.tabs().get(tab));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path gui = dir.resolve("gui.png");
        robotInteract(() -> {
            try {
                t.export(TeachingTab.values()[tab]).write(gui);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        Path cliDir = dir.resolve("cli");
        int exit = SwinLensCommand.newCommandLine().execute("export", input.toString(), "--weights", weights.toString(),
                "--out", cliDir.toString(), "--mode", mode, "--stage", "1", "--block", "1");
        assertThat(exit).isZero();
        Path cli;
        try (Stream<Path> files = Files.list(cliDir)) {
            cli = files.findFirst().orElseThrow();
        }
        BufferedImage fromGui = ImageIO.read(gui.toFile());
        BufferedImage fromCli = ImageIO.read(cli.toFile());
        assertThat(fromGui.getWidth()).isEqualTo(fromCli.getWidth());
        assertThat(fromGui.getHeight()).isEqualTo(fromCli.getHeight());
        assertThat(pixels(fromGui)).isEqualTo(pixels(fromCli));
        assertThat(cli.getFileName().toString()).isEqualTo(t.suggestedName(TeachingTab.values()[tab]));
    }

    private static void robotInteract(Runnable r) { new FxRobot().interact(r); }
}
