package io.swinlens.analysis;

import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.TreeSet;

/** Paints the layers of one view at its scale; every layer is TYPE_INT_ARGB, transparent where it has nothing. */
final class LayerPainter {

    /** Translucent fills for the nine window colour slots (see {@link WindowPieces#colourSlot}). */
    private static final int[] WINDOW_COLOURS = {
            0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6, 0xBCF60C};
    static final int FILL_ALPHA = 0x26;       // light: the heatmap under the shifted-window tints stays readable

    private LayerPainter() { }

    static BufferedImage blank(ResolvedView v) {
        return new BufferedImage(v.pixelWidth(), v.pixelHeight(), BufferedImage.TYPE_INT_ARGB);
    }

    /** The model's view of the image, each input pixel a scale x scale square. */
    static BufferedImage base(ResolvedView v) {
        BufferedImage out = blank(v);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(v.image().input().modelView(), 0, 0, v.pixelWidth(), v.pixelHeight(), null);
        g.dispose();
        return out;
    }

    /**
     * One flat colour per token (nearest upscaling), alpha = opacity. In QUERY mode only the query's
     * window is coloured: the rest of the map is not attended to at all in this block.
     */
    static BufferedImage heatmap(ResolvedView v) {
        BufferedImage out = blank(v);
        ViewSettings s = v.settings();
        BlockGeometry geometry = v.geometry();
        boolean[] shown = new boolean[geometry.tokenCount()];
        if (s.mode() == HeatmapMode.QUERY) {
            for (int t : AttentionMaps.queryWindowTokens(geometry, v.tokenY(), v.tokenX())) if (t >= 0) shown[t] = true;  // -1: padding
        } else {
            java.util.Arrays.fill(shown, true);
        }
        int alpha = (int) Math.round(s.opacity() * 255) << 24;
        int size = v.tokenSize();
        int[] row = new int[size];
        for (int t = 0; t < shown.length; t++) {
            if (!shown[t]) continue;
            java.util.Arrays.fill(row, (s.colormap().argb(v.normalised()[t]) & 0xFFFFFF) | alpha);
            int y0 = (t / geometry.width()) * size;
            int x0 = (t % geometry.width()) * size;
            for (int y = y0; y < Math.min(y0 + size, out.getHeight()); y++) {
                out.setRGB(x0, y, Math.min(size, out.getWidth() - x0), 1, row, 0, size);
            }
        }
        return out;
    }

    /** Thin lines between the tokens of the selected stage (the patch grid at stage 0). */
    static BufferedImage tokenGrid(ResolvedView v) {
        return grid(v, v.tokenSize(), 0, 0, new Color(255, 255, 255, 90), 1f);
    }

    /**
     * The window grid of the selected block, the windows it really attends in: M x M tokens, and for an
     * SW-MSA block moved by the shift (the shifted map's windows start at original token s + kM,
     * docs/swin-reference.md §3.6), so that the outlined query window is one cell of it. The image edges close the wrapped windows.
     */
    static BufferedImage windowGrid(ResolvedView v) {
        BlockGeometry g = v.geometry();
        return grid(v, v.tokenSize() * g.window(), v.tokenSize() * (g.shiftX() % g.window()), v.tokenSize() * (g.shiftY() % g.window()),
                new Color(255, 255, 255, 230), Math.max(1f, Math.min(3f, v.settings().scale() * 0.67f)));   // at most 3 px: a 64 px input drawn 9x had 6 px lines
    }

    private static BufferedImage grid(ResolvedView v, int step, int offset, int offsetY, Color colour, float width) {
        BufferedImage out = blank(v);
        Graphics2D g = out.createGraphics();
        g.setColor(colour);
        g.setStroke(new BasicStroke(width));
        int w = out.getWidth();
        int h = out.getHeight();
        for (int x = offset; x <= w; x += step) g.drawLine(Math.min(x, w - 1), 0, Math.min(x, w - 1), h - 1);
        for (int y = offsetY; y <= h; y += step) g.drawLine(0, Math.min(y, h - 1), w - 1, Math.min(y, h - 1));
        if (offset > 0 || offsetY > 0) {                                   // the image edges bound the wrapped windows
            g.drawLine(0, 0, 0, h - 1);
            g.drawLine(w - 1, 0, w - 1, h - 1);
            g.drawLine(0, 0, w - 1, 0);
            g.drawLine(0, h - 1, w - 1, h - 1);
        }
        g.dispose();
        return out;
    }

    /**
     * The SW-MSA windows of the selected stage drawn where their tokens really are: one translucent
     * colour per window (wrapped windows in pieces of that one colour) with each piece labelled with the
     * mask region ids (docs/swin-reference.md §3.10) its tokens carry. Empty when the stage has no shifted block.
     */
    static BufferedImage shiftedWindows(ResolvedView v, BlockGeometry shifted) {
        BufferedImage out = blank(v);
        if (shifted == null || !shifted.shifted()) return out;
        Graphics2D g = Text.graphics(out);
        int size = v.tokenSize();
        int[] labels = WindowGeometry.regionLabels(shifted);
        for (int w = 0; w < shifted.windowCount(); w++) {
            int rgb = WINDOW_COLOURS[WindowPieces.colourSlot(shifted, w)];
            for (WindowPieces.Piece p : WindowPieces.of(shifted, w)) {
                int x = p.x() * size;
                int y = p.y() * size;
                int pw = p.width() * size;
                int ph = p.height() * size;
                g.setColor(new Color(rgb | FILL_ALPHA << 24, true));
                g.fillRect(x, y, pw, ph);
                g.setColor(new Color(rgb));
                g.setStroke(new BasicStroke(2f));
                g.drawRect(x + 1, y + 1, pw - 2, ph - 2);
                Text.centred(g, regionText(shifted, labels, p), x + pw / 2.0, y + ph / 2.0, Math.min(pw, ph));
            }
        }
        g.dispose();
        return out;
    }

    private static String regionText(BlockGeometry g, int[] labels, WindowPieces.Piece p) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (int y = p.y(); y < p.y() + p.height(); y++) {
            for (int x = p.x(); x < p.x() + p.width(); x++) {
                int sy = Math.floorMod(y - g.shiftY(), g.paddedHeight());
                int sx = Math.floorMod(x - g.shiftX(), g.paddedWidth());
                ids.add(labels[sy * g.paddedWidth() + sx]);
            }
        }
        StringBuilder text = new StringBuilder();
        for (int id : ids) text.append(text.length() == 0 ? "" : ",").append(id);
        return text.toString();
    }

    /** The query token and the outline of its window in the selected block (split where it wraps). */
    static BufferedImage queryOutline(ResolvedView v) {
        BufferedImage out = blank(v);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        int size = v.tokenSize();
        BlockGeometry geometry = v.geometry();
        float stroke = Math.max(2f, v.settings().scale());
        int window = AttentionMaps.windowOf(geometry, v.tokenY(), v.tokenX());
        for (WindowPieces.Piece p : WindowPieces.of(geometry, window)) {
            outline(g, p.x() * size, p.y() * size, p.width() * size, p.height() * size, stroke, new Color(255, 255, 255));
        }
        outline(g, v.tokenX() * size, v.tokenY() * size, size, size, stroke, new Color(255, 40, 40));
        g.dispose();
        return out;
    }

    /** A rectangle drawn inside its bounds, with a thin dark edge so it shows on light and dark pictures. */
    private static void outline(Graphics2D g, int x, int y, int w, int h, float stroke, Color colour) {
        int s = Math.round(stroke);
        g.setColor(new Color(0, 0, 0, 160));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w - 1, h - 1);
        g.setColor(colour);
        g.setStroke(new BasicStroke(s));
        g.drawRect(x + 1 + s / 2, y + 1 + s / 2, Math.max(0, w - 2 - s), Math.max(0, h - 2 - s));
    }
}
