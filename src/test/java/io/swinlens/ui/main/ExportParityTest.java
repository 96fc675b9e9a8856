package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.Normalisation;
import io.swinlens.cli.SwinLensCommand;
import io.swinlens.model.io.Npy;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static io.swinlens.ui.UiTestSupport.pixels;
import static org.assertj.core.api.Assertions.assertThat;

/** File > Export writes the pixels the CLI's export command writes for the same settings. */
@ExtendWith(ApplicationExtension.class)
class ExportParityTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1100, 760);
    }

    @AfterEach
    void forget() { UiTestSupport.remove(node); }

    @Test
    void exportedViewEqualsTheCliExport(FxRobot robot, @TempDir Path dir) throws Exception {
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        Path input = Fixtures.file("m4w4", "input.npy");
        robot.interact(() -> {
            controller.open(List.of(weights.toFile(), input.toFile()));
            ViewControls c = controller.viewModel().controls();
            c.setStage(1);
            c.setBlock(1);
            c.setHead(HeadChoice.one(1));
            c.setMode(HeatmapMode.QUERY);
            c.setQuery(10, 50);
            c.setColormap(Colormap.MAGMA);
            c.setNormalisation(Normalisation.PER_WINDOW);
            c.setShowWindows(false);
            c.setShowShifted(true);
            c.setOpacity(0.75);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int scale = controller.viewModel().settings().scale();
        Path gui = dir.resolve("gui.png");
        Path attention = dir.resolve("gui.npy");
        robot.interact(() -> {
            try {
                controller.menu().exports().view().write(gui);
                controller.menu().exports().attention().write(attention);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });

        Path cliDir = dir.resolve("cli");
        int exit = SwinLensCommand.newCommandLine().execute("export", input.toString(), "--weights", weights.toString(),
                "--out", cliDir.toString(), "--stage", "1", "--block", "1", "--head", "1", "--mode", "query",
                "--query", "10,50", "--colormap", "magma", "--normalise", "window", "--overlay", "shifted",
                "--opacity", "0.75", "--scale", Integer.toString(scale), "--npy");
        assertThat(exit).isZero();

        BufferedImage fromGui = ImageIO.read(gui.toFile());
        BufferedImage fromCli = ImageIO.read(cliDir.resolve("input_s1b1_1_query.png").toFile());
        assertThat(fromGui.getWidth()).isEqualTo(fromCli.getWidth());
        assertThat(fromGui.getHeight()).isEqualTo(fromCli.getHeight());
        assertThat(pixels(fromGui)).isEqualTo(pixels(fromCli));
        assertThat(Npy.read(attention).data()).isEqualTo(Npy.read(cliDir.resolve("input_s1b1_attention.npy")).data());

        // File > Export options (width, no caption, no colorbar) give the pixels of export --width --no-caption --no-colorbar
        Path styled = dir.resolve("styled.png");
        robot.interact(() -> {
            try {
                controller.menu().exports().view(new io.swinlens.analysis.ExportStyle(false, false, 600)).write(styled);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        Path cliStyled = dir.resolve("cli-styled");
        assertThat(SwinLensCommand.newCommandLine().execute("export", input.toString(), "--weights", weights.toString(),
                "--out", cliStyled.toString(), "--stage", "1", "--block", "1", "--head", "1", "--mode", "query",
                "--query", "10,50", "--colormap", "magma", "--normalise", "window", "--overlay", "shifted",
                "--opacity", "0.75", "--width", "600", "--no-caption", "--no-colorbar")).isZero();
        assertThat(pixels(ImageIO.read(styled.toFile()))).isEqualTo(pixels(ImageIO.read(cliStyled.resolve("input_s1b1_1_query.png").toFile())));
    }

    @Test
    void theExportFollowsTheScreen(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> controller.open(List.of(Fixtures.file("m4w4", "official.safetensors").toFile(),
                Fixtures.file("m4w4", "input.npy").toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        Path first = dir.resolve("first.png");
        Path second = dir.resolve("second.png");
        robot.interact(() -> {
            try {
                controller.menu().exports().view().write(first);
                controller.viewModel().controls().setColormap(Colormap.TURBO);
                controller.menu().exports().view().write(second);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(pixels(ImageIO.read(first.toFile()))).isNotEqualTo(pixels(ImageIO.read(second.toFile())));
    }
}
