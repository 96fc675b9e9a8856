package io.swinlens.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every preset against the tensor torchvision + Pillow make from the same file
 * (tools/fixtures/make_preprocess_fixtures.py). One uint8 step is 1/255/std, about 0.0175
 * normalised units, so a max error under 0.02 means no pixel is off by more than one level.
 * Measured: every fixture, the JPEG included, matches bit for bit.
 */
class PreprocessorParityTest {

    private static final double ONE_LEVEL = 1.0 / 255 / 0.224;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "gradient-noise-300x200.png, official, 224",
        "gradient-noise-300x200.png, official, 96",
        "gradient-noise-300x200.png, timm, 96",
        "gradient-noise-300x200.png, torchvision, 96",
        "gradient-noise-300x200.png, hf, 96",
        "exif6-150x333.jpg, timm, 64",
        "gray-120x90.png, official, 64",
        "palette-100x80.gif, official, 64",
        "palette-100x80.gif, timm, 96",
        "rgba-90x110.png, hf, 64",
    })
    void matchesTorchvisionPipeline(String image, String preset, int size) throws Exception {
        BufferedImage rgb = ImageLoader.load(resource("/images/" + image));
        String stem = image.substring(0, image.lastIndexOf('.'));
        TestNpy expected = TestNpy.readResource("/preprocess/" + stem + "-" + preset + "-" + size + ".npy");

        ModelInput input = Preprocessor.prepare(rgb, size, Preprocess.parse(preset), null);

        assertThat(expected.shape()).containsExactly(1, 3, size, size);
        assertThat(input.height()).isEqualTo(size);
        assertThat(input.width()).isEqualTo(size);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < expected.data().length; i++) {
            double d = Math.abs(input.chw()[i] - expected.data()[i]);
            max = Math.max(max, d);
            sum += d;
        }
        double mean = sum / expected.data().length;
        System.out.printf("parity %s %s %d: max %.3g (%.2f levels) mean %.3g%n", image, preset, size, max, max / ONE_LEVEL, mean);
        assertThat(max).as("max abs difference").isLessThan(0.02);
        assertThat(mean).as("mean abs difference").isLessThan(2e-3);
        if (!image.endsWith(".jpg")) {
            // lossless sources decode identically, so the resampler and float math must be exact;
            // JPEG keeps the tolerance above because decoders may differ by a level
            assertThat(max).as("lossless source: bit-exact").isZero();
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(PreprocessorParityTest.class.getResource(name).toURI());
    }
}
