package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** The step-by-step block picture: every step draws, V1 and V2 have their own order, and key cells lie where the keys are drawn. */
class BlockWalkthroughTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"m4w4, official.pth, input.npy, 14", "v2a, torchvision.pth, run_56x40/input.npy, 14"})
    void everyStepDrawsAndAPointedKeyIsRedWhereItsCellSays(String model, String file, String input, int steps) throws Exception {
        LoadedModel m = ModelLoader.load(Fixtures.file(model, file));
        ModelInput x = InputLoader.load(Fixtures.file(model, input), m.config(), null);
        AnalysedImage a = AnalysedImage.analyse(m, Fixtures.file(model, input), x);
        var titles = BlockWalkthrough.titles(m.config());
        assertThat(titles).hasSize(steps);
        if (m.config().isV2()) assertThat(titles.get(7)).contains("LayerNorm 1 (after the attention)");
        else assertThat(titles.get(1)).contains("LayerNorm 1 (before the attention)");
        var trace = TeachingImages.blockTrace(m, a, 1, 1, x.width() - 1, x.height() - 1);
        for (int s = 0; s < steps; s++) {
            BufferedImage image = TeachingImages.block(a, trace, s, -1, Diverging.RED_BLUE).image();
            assertThat(image.getWidth()).as(titles.get(s)).isGreaterThan(300);
        }
        int softmax = titles.indexOf(titles.stream().filter(t -> t.startsWith("softmax")).findFirst().orElseThrow());
        int key = trace.queryIndex();
        var rendered = TeachingImages.block(a, trace, softmax, key, Diverging.RED_BLUE);
        int n = trace.geometry().tokensPerWindow();
        assertThat(rendered.keys()).hasSize(n * m.config().heads(1));
        for (var cell : rendered.keys()) {
            assertThat(cell.area().x + cell.area().width).isLessThanOrEqualTo(rendered.image().getWidth());
            assertThat(cell.area().y + cell.area().height).isLessThanOrEqualTo(rendered.image().getHeight());
        }
        // the pointed key's bar is drawn red inside its cell (its weight is the query's own: never 0 here)
        var cell = rendered.keys().stream().filter(c -> c.key() == key).findFirst().orElseThrow();
        boolean red = false;
        for (int y = cell.area().y; y < cell.area().y + cell.area().height; y++) {
            int rgb = rendered.image().getRGB(cell.area().x + cell.area().width / 2, y) & 0xFFFFFF;
            if (rgb == 0xDC2828) red = true;
        }
        StringBuilder where = new StringBuilder();
        for (int y = 0; y < rendered.image().getHeight() && where.length() < 300; y++)
            for (int px = 0; px < rendered.image().getWidth(); px++)
                if ((rendered.image().getRGB(px, y) & 0xFFFFFF) == 0xDC2828) { where.append(px).append(',').append(y).append(' '); break; }
        assertThat(red).as("a red bar in the cell of key %d: %s; red at %s", key, cell.area(), where).isTrue();
    }
}
