package io.swinlens.analysis;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes the views to target/screenshots/ for a person to look at; checks only that they are non-trivial. */
class ScreenshotTest {

    private static final Path DIR = Path.of("target", "screenshots");

    private static void save(String name, BufferedImage image) throws Exception {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        PngExport.write(image, file, true);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(image.getWidth());
    }

    @Test
    void writesComposeGalleryAndOverview() throws Exception {
        AnalysedImage a = AnalysedFixtures.m4w4();
        ViewSettings shifted = ViewSettings.defaults().withShowShifted(true).withShowWindows(false).withQuery(4, 4);
        save("compose_shifted.png", ViewRenderer.compose(a, shifted));
        save("compose_windows_received.png", ViewRenderer.compose(a, ViewSettings.defaults().withMode(HeatmapMode.RECEIVED)
                .withNormalisation(Normalisation.PER_WINDOW).withShowPatchGrid(true).withColormap(Colormap.MAGMA)));
        save("compose_all_heads.png", ViewRenderer.compose(a, shifted.withStage(1).withHead(HeadChoice.all()).withColormap(Colormap.TURBO)));
        save("head_gallery.png", ViewRenderer.headGallery(a, shifted));
        save("model_overview.png", ViewRenderer.modelOverview(a, shifted.withQuery(60, 10)));
    }
}
