package io.swinlens.analysis;

import io.swinlens.model.image.ImageLoader;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The query line of a caption names the query in the picture's pixels and, for a photo, in the original's. */
class CaptionsTest {

    @TempDir
    Path dir;

    @Test
    void aPhotosQueryIsGivenInTheOriginalsPixelsToo() throws Exception {
        LoadedModel model = ModelLoader.load(Fixtures.file("m4w4", "official.pth"));
        Path photo = io.swinlens.testutil.Screenshots.scene(dir.resolve("photo.png")).toPath();      // 320 x 240
        var input = Preprocessor.prepare(ImageLoader.load(photo), 64, Preprocess.OFFICIAL, model.config().name());
        AnalysedImage a = AnalysedImage.analyse(model, photo, input);
        // the official preset resizes and crops a centred square: model pixel (12, 10) has its centre at the
        // original's crop corner + (12.5, 10.5)·crop side/64
        var c = input.crop();
        assertThat(c.width()).isLessThan(240);
        int ox = (int) Math.floor(c.x() + 12.5 * c.width() / 64);
        int oy = (int) Math.floor(c.y() + 10.5 * c.height() / 64);
        assertThat(ox).isBetween(80, 110);
        String[] lines = Captions.of(ResolvedView.of(a, ViewSettings.defaults().withQuery(12, 10)));
        assertThat(lines[1]).contains("model-input pixel (12, 10), image pixel (%d, %d)".formatted(ox, oy));
    }

    @Test
    void aTensorsQueryIsInItsOwnPixels() {
        String[] lines = Captions.of(ResolvedView.of(AnalysedFixtures.m4w4(), ViewSettings.defaults().withQuery(12, 10)));
        assertThat(lines[1]).contains("attention from pixel (12, 10)").doesNotContain("image pixel");
    }
}
