package io.swinlens.analysis;

import io.swinlens.i18n.Fonts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;

/**
 * Text on images, headless: the font of the current language from {@link Fonts#sans}, asked for at each
 * drawing (the language can change between two pictures), and widths measured with that same font.
 */
final class Text {

    private Text() { }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** SansSerif in English (and in Chinese where the system draws it), else the bundled Chinese font. */
    static Font font(int size, boolean bold) { return Fonts.sans(bold ? Font.BOLD : Font.PLAIN, size); }

    /** Width of text in this font, measured on a scratch image. */
    static int width(String text, Font font) {
        if (text == null || text.isEmpty()) return 0;
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(scratch);
        FontMetrics m = g.getFontMetrics(font);
        int w = m.stringWidth(text);
        g.dispose();
        return w;
    }

    /** Light text with a dark halo, centred on (cx, cy), sized to fit a box of side {@code room}. */
    static void centred(Graphics2D g, String text, double cx, double cy, int room) {
        if (text.isEmpty() || room < 8) return;
        Font font = font(Math.max(8, Math.min(16, room / 2)), true);
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        float x = (float) (cx - layout.getBounds().getWidth() / 2 - layout.getBounds().getX());
        float y = (float) (cy - layout.getBounds().getHeight() / 2 - layout.getBounds().getY());
        g.setColor(new Color(0, 0, 0, 200));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) layout.draw(g, x + dx, y + dy);
        }
        g.setColor(Color.WHITE);
        layout.draw(g, x, y);
    }

    /** Lines of dark text on a light strip, left-aligned, top at y; returns the strip height. */
    static void lines(Graphics2D g, String[] lines, int x, int y, Font font) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.setColor(new Color(20, 20, 20));
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null && !lines[i].isEmpty()) g.drawString(lines[i], x, y + m.getAscent() + i * m.getHeight());
        }
    }

    static int lineHeight(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(scratch);
        int h = g.getFontMetrics(font).getHeight();
        g.dispose();
        return h;
    }
}
