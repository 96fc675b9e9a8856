package io.swinlens.analysis.teaching;

import io.swinlens.analysis.Colormap;
import io.swinlens.i18n.Fonts;
import io.swinlens.i18n.Messages;
import io.swinlens.model.geometry.BlockGeometry;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** Java2D helpers of the teaching pictures: white sheets, text, matrices and colorbars. Headless. */
final class Draw {

    static final int GAP = 10;
    static final Color INK = new Color(25, 25, 25);
    /** Masked entries (-100) in a matrix drawn on a diverging scale: off the scale, so a colour of their own. */
    static final Color MASKED = new Color(70, 70, 70);

    private Draw() { }

    /** Fonts in the current language, asked for when drawing (the language can change between two pictures). */
    static Font title() { return Fonts.sans(Font.BOLD, 13); }

    static Font small() { return Fonts.sans(Font.PLAIN, 11); }

    static Font caption() { return Fonts.sans(Font.PLAIN, 12); }

    /** A block's shift in words: one number, or one per axis. */
    static String shift(BlockGeometry g) {
        return g.shiftY() == g.shiftX() ? Integer.toString(g.shiftY()) : Messages.get("teach.common.shift.axes", g.shiftY(), g.shiftX());
    }

    static BufferedImage white(int w, int h) {
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.dispose();
        return out;
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    static int width(String text, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(scratch);
        int w = g.getFontMetrics(font).stringWidth(text);
        g.dispose();
        return w;
    }

    static int lineHeight(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(scratch);
        int h = g.getFontMetrics(font).getHeight();
        g.dispose();
        return h;
    }

    /** Text with its top-left corner at (x, y). */
    static void text(Graphics2D g, String text, int x, int y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x, y + m.getAscent());
    }

    /** Lines under each other from (x, y); returns the y below the last. */
    static int lines(Graphics2D g, String[] lines, int x, int y, Font font) {
        int h = lineHeight(font);
        for (String line : lines) {
            text(g, line, x, y, font, INK);
            y += h;
        }
        return y;
    }

    /** Blue - white - red for t in [-1, 1] (RdBu-like): 0 is white, so the sign of a score reads at a glance. */
    static int diverging(double t) { return Diverging.RED_BLUE.argb(t); }

    /** A vertical colorbar of {@code height} px at (x, y), labelled top and bottom; returns its width with labels. */
    static int colorbar(Graphics2D g, int x, int y, int height, java.util.function.DoubleToIntFunction colour, String top, String bottom) {
        int barW = 12;
        for (int k = 0; k < height; k++) {
            g.setColor(new Color(colour.applyAsInt(1.0 - k / (double) Math.max(1, height - 1)), true));
            g.fillRect(x, y + k, barW, 1);
        }
        g.setColor(new Color(90, 90, 90));
        g.setStroke(new BasicStroke(1));
        g.drawRect(x, y, barW - 1, height - 1);
        Font small = small();
        int lh = lineHeight(small);
        text(g, top, x + barW + 3, y - lh / 3, small, INK);
        text(g, bottom, x + barW + 3, y + height - lh + lh / 3, small, INK);
        return barW + 3 + Math.max(width(top, small), width(bottom, small));
    }

    static java.util.function.DoubleToIntFunction sequential(Colormap map) { return map::argb; }

    /** t in [0, 1] mapped to [-1, 1] on the diverging scale. */
    static java.util.function.DoubleToIntFunction divergingBar() { return divergingBar(Diverging.RED_BLUE); }

    static java.util.function.DoubleToIntFunction divergingBar(Diverging map) { return t -> map.argb(2 * t - 1); }

    static String number(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1000 || a < 0.01 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
