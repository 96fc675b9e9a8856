package io.swinlens.analysis.teaching;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** The colorbar of a diverging panel: both signs when the values have both, else only the side they are on. */
class MatrixPanelTest {

    static final int SIDE = 80;

    @ParameterizedTest(name = "values {0} .. {1}: bar from {2} to {3}")
    @CsvSource({
        "-2, 3, -1, 1",       // both signs: symmetric, -3 .. 3
        "0.5, 16, 0, 1",      // V2's 16·σ bias: 0 .. 16, white at the bottom
        "-100, 0, -1, 0",     // a shift mask: -100 .. 0, white at the top
    })
    void theBarShowsTheSidesTheValuesAreOn(float lo, float hi, double bottom, double top) {
        float[] values = {lo, hi, (lo + hi) / 2, hi};
        BufferedImage panel = MatrixPanel.draw("t", values, 2, 2, true, Float.NEGATIVE_INFINITY, null, Diverging.RED_BLUE, -1, -1, SIDE);
        int cell = SIDE / 2;
        int x = 2 * cell + Draw.GAP + 6;                               // the middle of the 12-px bar
        int barTop = firstRowOfBar(panel, x);
        int barBottom = lastRowOfBar(panel, x, barTop);
        assertThat(panel.getRGB(x, barTop + 1)).as("top of the bar").isEqualTo(closest(Diverging.RED_BLUE, top, panel.getRGB(x, barTop + 1)));
        assertThat(panel.getRGB(x, barBottom - 1)).as("bottom of the bar").isEqualTo(closest(Diverging.RED_BLUE, bottom, panel.getRGB(x, barBottom - 1)));
        // the cells keep their colours: the largest |value| is full colour whichever bar is drawn
        float limit = Math.max(Math.abs(lo), Math.abs(hi));
        int y0 = panel.getHeight() - 2 * cell - 8;
        assertThat(panel.getRGB(cell + cell / 2, y0 + cell / 2 + cell)).isEqualTo(Diverging.RED_BLUE.argb(hi / limit));
    }

    /** Row of the bar's frame: the first non-white pixel going down the column. */
    private static int firstRowOfBar(BufferedImage img, int x) {
        for (int y = 0; y < img.getHeight(); y++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) return y;
        throw new AssertionError("no bar at x = " + x);
    }

    private static int lastRowOfBar(BufferedImage img, int x, int from) {
        int last = from;
        for (int y = from; y < img.getHeight(); y++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) last = y;
        return last;
    }

    /** The map's colour at t if the pixel is within one step of it (the bar is sampled per pixel row), else at t. */
    private static int closest(Diverging map, double t, int pixel) {
        for (double d = 0; d <= 0.05; d += 0.001) {
            for (double s : new double[]{t - d, t + d}) if (map.argb(s) == pixel) return pixel;
        }
        return map.argb(t);
    }
}
