package io.swinlens.model.image;

import static io.swinlens.model.image.PreprocessorParityTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes, crops and preset names, per docs/swin-reference.md §2. */
class PreprocessorGeometryTest {

    @ParameterizedTest(name = "{0} at {1}: short side {2}")
    @CsvSource({
        "official, 224, 256", "official, 256, 292", "official, 64, 73",
        "timm, 224, 248", "timm, 256, 284", "timm, 384, 384", "timm, 96, 106",
        "torchvision, 224, 232", "torchvision, 64, 66",
    })
    void resizesTheShortSideAsTheReferenceTable(String preset, int size, int shortSide) {
        ResizePlan plan = ResizePlan.of(640, 480, size, Preprocess.parse(preset), null);

        assertThat(plan.resizedHeight()).isEqualTo(shortSide);
        assertThat(plan.resizedWidth()).isEqualTo((int) (shortSide * 640.0 / 480));
        assertThat(plan.cropWidth()).isEqualTo(size);
        assertThat(plan.cropHeight()).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "swin_t, 224, 232", "swin_tiny_patch4_window7_224, 224, 232", "swin_s, 224, 246",
        "swin_base_patch4_window7_224, 224, 238", "swin_v2_t, 256, 260", "swin_v2_s, 256, 260",
        "swin_v2_b, 256, 272", "swin_large, 224, 232", "swin_b, 112, 119",
    })
    void torchvisionShortSideFollowsTheVariant(String hint, int size, int shortSide) {
        assertThat(ResizePlan.torchvisionShortSide(size, hint)).isEqualTo(shortSide);
    }

    @Test
    void officialAndHfSquashWithoutCrop() {
        for (ResizePlan plan : new ResizePlan[] {
            ResizePlan.of(640, 480, 384, Preprocess.OFFICIAL, null),
            ResizePlan.of(640, 480, 384, Preprocess.HF, null)}) {
            assertThat(plan).isEqualTo(new ResizePlan(384, 384, 0, 0, 384, 384));
        }
    }

    @Test
    void centreCropRoundsHalfToEvenLikePython() {
        // 257 wide: (257 - 224) / 2 = 16.5 -> 16; 259 wide: 17.5 -> 18 (Python round)
        assertThat(ResizePlan.of(257, 256, 224, Preprocess.OFFICIAL, null).left()).isEqualTo(16);
        assertThat(ResizePlan.of(259, 256, 224, Preprocess.OFFICIAL, null).left()).isEqualTo(18);
    }

    @Test
    void cropBoxMapsTheCentreCropBackToTheOriginal() throws Exception {
        BufferedImage wide = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));

        // 300x200 -> 384x256, crop 224 at (80, 16); scale back by 300/384 = 200/256 = 0.78125
        CropBox crop = Preprocessor.prepare(wide, 224, Preprocess.OFFICIAL, null).crop();

        assertThat(crop.x()).isCloseTo(62.5, within(1e-9));
        assertThat(crop.y()).isCloseTo(12.5, within(1e-9));
        assertThat(crop.width()).isCloseTo(175.0, within(1e-9));
        assertThat(crop.height()).isCloseTo(175.0, within(1e-9));
    }

    @Test
    void cropBoxOfASquashIsTheWholeImage() throws Exception {
        BufferedImage wide = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));

        ModelInput input = Preprocessor.prepare(wide, 96, Preprocess.HF, null);

        assertThat(input.crop()).isEqualTo(new CropBox(0, 0, 300, 200));
        assertThat(input.modelView().getWidth()).isEqualTo(96);
        assertThat(input.modelView().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void parsesPresetIdsIgnoringCase() {
        assertThat(Preprocess.parse(" TIMM ")).isEqualTo(Preprocess.TIMM);
        for (Preprocess p : Preprocess.values()) {
            assertThat(Preprocess.parse(p.id())).isEqualTo(p);
        }
        assertThatThrownBy(() -> Preprocess.parse("pillow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown preprocessing 'pillow'; expected one of official, timm, torchvision, hf");
    }
}
