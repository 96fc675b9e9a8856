package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedFixtures;
import io.swinlens.analysis.AnalysedImage;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outlined tokens of the embedding and merge pictures stay visible: a name that does not fit goes beside them. */
class PatchViewsTest {

    @Test
    void namesTooWideForTheirCellsDoNotCoverThem() {
        AnalysedImage a = AnalysedFixtures.m4w4();                       // 64 x 64 input, tokens of 4 px
        int px = a.tokenPixels(0);
        int side = a.input().height();
        // the merge's 2 x 2 tokens in the bottom-right corner, where the names had been drawn on top of them
        List<int[]> boxes = new ArrayList<>();
        for (int k = 0; k < 4; k++) boxes.add(new int[]{side - 2 * px + (k % 2) * px, side - 2 * px + (k / 2) * px, px, px});
        List<String> names = List.of("x0", "x1", "x2", "x3");
        BufferedImage plain = PatchViews.imageWithGrid(a, px, List.of(), List.of());
        BufferedImage marked = PatchViews.imageWithGrid(a, px, boxes, names);
        double k = marked.getWidth() / (double) a.input().width();
        int changedInside = 0;
        int inside = 0;
        for (int[] b : boxes) {
            int x0 = (int) Math.round(b[1] * k) + 3, y0 = (int) Math.round(b[0] * k) + 3;
            int x1 = (int) Math.round((b[1] + b[3]) * k) - 3, y1 = (int) Math.round((b[0] + b[2]) * k) - 3;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    inside++;
                    if (marked.getRGB(x, y) != plain.getRGB(x, y)) changedInside++;
                }
            }
        }
        assertThat(inside).isPositive();
        assertThat(changedInside).as("pixels inside the outlined tokens that a name covers").isZero();
        // the names are still there, in a tag just above the cells (dark pixels that the plain picture does not have)
        int top = (int) Math.round((side - 2 * px) * k);
        int changedAbove = 0;
        for (int y = Math.max(0, top - 18); y < top - 2; y++) {
            for (int x = 0; x < marked.getWidth(); x++) if (marked.getRGB(x, y) != plain.getRGB(x, y)) changedAbove++;
        }
        assertThat(changedAbove).as("the tag above the outline").isGreaterThan(100);
    }

    @Test
    void aNameThatFitsItsCellIsWrittenInIt() {
        AnalysedImage a = AnalysedFixtures.m4w4();
        int cell = a.input().height() / 2;                               // a quarter of the picture: room for the name
        BufferedImage plain = PatchViews.imageWithGrid(a, cell, List.of(), List.of());
        BufferedImage marked = PatchViews.imageWithGrid(a, cell, List.of(new int[]{0, 0, cell, cell}), List.of("x0"));
        double k = marked.getWidth() / (double) a.input().width();
        int c = (int) Math.round(cell * k / 2);
        int changed = 0;
        for (int y = c - 6; y < c + 6; y++) for (int x = c - 6; x < c + 6; x++) if (marked.getRGB(x, y) != plain.getRGB(x, y)) changed++;
        assertThat(changed).as("the name in the middle of its cell").isGreaterThan(30);
    }
}
