package io.swinlens.analysis.teaching;

import io.swinlens.i18n.Messages;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleToIntFunction;

/**
 * An N x N (or any h x w) matrix as a titled heatmap with its colorbar. Diverging panels are symmetric
 * around 0 over the finite, unmasked entries (their bar shows one side only when every entry is on it); entries at
 * or below {@code maskedBelow} get their own grey.
 */
final class MatrixPanel {

    private MatrixPanel() { }

    /** @param highlightRow row to outline (the query), or -1; @param markCell cell to outline as (y·w + x), or -1 */
    static BufferedImage draw(String title, float[] values, int height, int width, boolean diverging, float maskedBelow,
                              io.swinlens.analysis.Colormap colormap, int highlightRow, int markCell, int targetSide) {
        return draw(title, values, height, width, diverging, maskedBelow, colormap, Diverging.RED_BLUE, highlightRow, markCell, targetSide);
    }

    /** @param signed the map of a diverging matrix (signed values) */
    static BufferedImage draw(String title, float[] values, int height, int width, boolean diverging, float maskedBelow,
                              io.swinlens.analysis.Colormap colormap, Diverging signed, int highlightRow, int markCell, int targetSide) {
        int cell = Math.max(2, targetSide / Math.max(height, width));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean anyMasked = false;
        for (float v : values) {
            if (v <= maskedBelow) {
                anyMasked = true;
                continue;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > hi) { lo = 0; hi = 0; }
        double limit = Math.max(Math.abs(lo), Math.abs(hi));
        double upper = diverging ? (hi <= 0 ? 0 : limit) : hi;
        double lower = diverging ? (lo >= 0 ? 0 : -limit) : Math.min(0, lo);
        // a diverging bar shows only the side the values are on (V2's 16·σ bias is always positive, a mask never is),
        // with the colours the cells have: white at 0, full colour at ±limit
        DoubleToIntFunction bar = !diverging ? Draw.sequential(colormap)
                : lower == 0 ? signed::argb
                : upper == 0 ? t -> signed.argb(t - 1)
                : Draw.divergingBar(signed);

        java.awt.Font titleFont = Draw.title();
        java.awt.Font small = Draw.small();
        int titleH = Draw.lineHeight(titleFont) + 4;
        int matrixW = width * cell;
        int matrixH = height * cell;
        String top = Draw.number(upper);
        String bottom = Draw.number(lower);
        String legend = Messages.get("teach.matrix.masked");
        int barW = 12 + 3 + Math.max(Draw.width(top, small), Draw.width(bottom, small));
        int legendH = anyMasked ? Draw.lineHeight(small) + 4 : 0;
        int w = Math.max(Math.max(matrixW + Draw.GAP + barW, Draw.width(title, titleFont)), anyMasked ? 14 + Draw.width(legend, small) : 0) + 2;
        BufferedImage out = Draw.white(w, titleH + matrixH + legendH + 8);
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, 0, 0, titleFont, Draw.INK);
        int y0 = titleH + 4;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = values[y * width + x];
                int argb;
                if (v <= maskedBelow) argb = Draw.MASKED.getRGB();
                else if (diverging) argb = signed.argb(limit > 0 ? v / limit : 0);
                else argb = colormap.argb(upper > lower ? (v - lower) / (upper - lower) : 0);
                g.setColor(new Color(argb, true));
                g.fillRect(x * cell, y0 + y * cell, cell, cell);
            }
        }
        g.setColor(new Color(120, 120, 120));
        g.drawRect(0, y0, matrixW - 1, matrixH - 1);
        g.setStroke(new BasicStroke(2));
        if (highlightRow >= 0) {
            g.setColor(new Color(255, 140, 0));
            g.drawRect(0, y0 + highlightRow * cell, matrixW - 1, cell - 1);
        }
        if (markCell >= 0) {
            g.setColor(Color.BLACK);
            g.drawRect((markCell % width) * cell, y0 + (markCell / width) * cell, cell - 1, cell - 1);
        }
        if (upper > lower) Draw.colorbar(g, matrixW + Draw.GAP, y0 + 6, Math.max(20, matrixH - 12), bar, top, bottom);
        if (anyMasked) {
            g.setColor(Draw.MASKED);
            g.fillRect(0, y0 + matrixH + 6, 10, 10);
            Draw.text(g, legend, 14, y0 + matrixH + 3, small, Draw.INK);
        }
        g.dispose();
        return out;
    }
}
