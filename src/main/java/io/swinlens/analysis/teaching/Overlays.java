package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The model's view of the image with one value per token painted over it (flat per token: that is its resolution). */
final class Overlays {

    static final double OPACITY = 0.6;

    private Overlays() { }

    /** Output pixels per model-input pixel so that the image is about {@code target} pixels wide. */
    static int scale(AnalysedImage a, int target) {
        return Math.max(1, Math.min(16, Math.round((float) target / Math.max(a.input().width(), a.input().height()))));
    }

    static BufferedImage base(AnalysedImage a, int scale) {
        BufferedImage out = new BufferedImage(a.input().width() * scale, a.input().height() * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(a.input().modelView(), 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /**
     * Values of an h x w token map over the image, scaled from [lower, upper] to the colormap; tokens
     * where {@code shown} is false (null: all shown) are dimmed instead.
     */
    static BufferedImage heatmap(AnalysedImage a, int scale, float[] values, int height, int width, double lower, double upper,
                                 Colormap colormap, boolean[] shown) {
        BufferedImage out = base(a, scale);
        Graphics2D g = out.createGraphics();
        double tw = (double) out.getWidth() / width;
        double th = (double) out.getHeight() / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int t = y * width + x;
                int x0 = (int) Math.round(x * tw);
                int y0 = (int) Math.round(y * th);
                int w = (int) Math.round((x + 1) * tw) - x0;
                int h = (int) Math.round((y + 1) * th) - y0;
                if (shown != null && !shown[t]) {
                    g.setColor(new Color(0, 0, 0, 150));
                } else {
                    double v = upper > lower ? (values[t] - lower) / (upper - lower) : 0;
                    int rgb = colormap.argb(v) & 0xFFFFFF;
                    g.setColor(new Color(rgb | (int) Math.round(OPACITY * 255) << 24, true));
                }
                g.fillRect(x0, y0, w, h);
            }
        }
        g.dispose();
        return out;
    }

    /** Outlines token t of an h x w map. */
    static void outline(BufferedImage image, int token, int height, int width, Color color) {
        Graphics2D g = image.createGraphics();
        double tw = (double) image.getWidth() / width;
        double th = (double) image.getHeight() / height;
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        g.drawRect((int) Math.round((token % width) * tw) + 1, (int) Math.round((token / width) * th) + 1,
                (int) Math.round(tw) - 2, (int) Math.round(th) - 2);
        g.dispose();
    }

    /** The picture with a colorbar at its right, a title above and caption lines below, on white. */
    static BufferedImage framed(String title, BufferedImage picture, java.util.function.DoubleToIntFunction bar, String top,
                                String bottom, String[] caption) {
        java.awt.Font titleFont = Draw.title();
        java.awt.Font small = Draw.small();
        java.awt.Font captionFont = Draw.caption();
        int titleH = Draw.lineHeight(titleFont) + 6;
        int barW = 12 + 3 + Math.max(Draw.width(top, small), Draw.width(bottom, small));
        int captionW = 0;
        for (String line : caption) captionW = Math.max(captionW, Draw.width(line, captionFont));
        int width = Draw.GAP + Math.max(picture.getWidth() + Draw.GAP + barW, Math.max(captionW, Draw.width(title, titleFont))) + Draw.GAP;
        int height = Draw.GAP + titleH + picture.getHeight() + Draw.GAP + caption.length * Draw.lineHeight(captionFont) + Draw.GAP;
        BufferedImage out = Draw.white(width, height);
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, Draw.GAP, Draw.GAP, titleFont, Draw.INK);
        int y = Draw.GAP + titleH;
        g.drawImage(picture, Draw.GAP, y, null);
        if (bar != null) Draw.colorbar(g, Draw.GAP + picture.getWidth() + Draw.GAP, y + 6, picture.getHeight() - 12, bar, top, bottom);
        Draw.lines(g, caption, Draw.GAP, y + picture.getHeight() + Draw.GAP, captionFont);
        g.dispose();
        return out;
    }
}
