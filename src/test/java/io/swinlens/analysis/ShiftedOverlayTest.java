package io.swinlens.analysis;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** m4w4 stage 0 block 1: 16x16 tokens, M = 4, s = 2; at scale 3 a token is 12 pixels. */
class ShiftedOverlayTest {

    private static final int TOKEN = 12;

    private static BufferedImage shiftedLayer() {
        ViewSettings s = ViewSettings.defaults().withStage(0).withBlock(1).withShowShifted(true).withScale(3);
        return ViewRenderer.layers(AnalysedFixtures.m4w4(), s).shifted();
    }

    /** A pixel of the token on its side nearer the image edge: clear of the piece outline and of the label in the piece centre. */
    private static int pixel(BufferedImage image, int tokenY, int tokenX) {
        return image.getRGB(tokenX * TOKEN + (tokenX < 8 ? 5 : TOKEN - 6), tokenY * TOKEN + (tokenY < 8 ? 5 : TOKEN - 6));
    }

    @Test
    void windowWrappingTheRightEdgeIsOneColourAtBothEdges() {
        BufferedImage layer = shiftedLayer();
        // Shifted window (0, 3) covers original rows 2-5 and columns 14, 15, 0, 1.
        int right = pixel(layer, 3, 15);
        int left = pixel(layer, 3, 0);
        assertThat(left).isEqualTo(right);
        assertThat(left >>> 24).isEqualTo(LayerPainter.FILL_ALPHA);
        assertThat(pixel(layer, 3, 3)).as("the neighbouring window, columns 2-5").isNotEqualTo(left);
        assertThat(pixel(layer, 3, 13)).as("the window at columns 10-13").isNotEqualTo(left);
    }

    @Test
    void windowWrappingTheBottomEdgeIsOneColourAtTopAndBottom() {
        BufferedImage layer = shiftedLayer();
        // Shifted window (3, 1) covers original rows 14, 15, 0, 1 and columns 6-9.
        int top = pixel(layer, 0, 7);
        int bottom = pixel(layer, 15, 7);
        assertThat(top).isEqualTo(bottom);
        assertThat(pixel(layer, 3, 7)).isNotEqualTo(top);
    }

    @Test
    void cornerWindowFallsIntoFourPiecesOfOneColour() {
        BufferedImage layer = shiftedLayer();
        int c = pixel(layer, 0, 0);
        assertThat(pixel(layer, 0, 15)).isEqualTo(c);
        assertThat(pixel(layer, 15, 0)).isEqualTo(c);
        assertThat(pixel(layer, 15, 15)).isEqualTo(c);
    }

    @Test
    void unshiftedStageHasAnEmptyShiftedLayer() {
        // Stage 2 is 4x4 tokens with window 4: the shift is clamped to 0.
        ViewSettings s = ViewSettings.defaults().withStage(2).withBlock(1).withShowShifted(true);
        BufferedImage layer = ViewRenderer.layers(AnalysedFixtures.m4w4(), s).shifted();
        assertThat(layer.getRGB(layer.getWidth() / 2, layer.getHeight() / 2) >>> 24).isZero();
    }

    @Test
    void layersAreAllTheSizeOfTheScaledInput() {
        Layers layers = ViewRenderer.layers(AnalysedFixtures.m4w4(), ViewSettings.defaults().withScale(2));
        for (BufferedImage layer : layers.inOrder()) {
            assertThat(layer.getWidth()).isEqualTo(128);
            assertThat(layer.getHeight()).isEqualTo(128);
        }
    }

    @Test
    void missingBlockNamesTheValidRange() {
        assertThatThrownBy(() -> ViewRenderer.layers(AnalysedFixtures.m4w4(), ViewSettings.defaults().withBlock(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocks are 0..1");
    }
}
