package io.swinlens.analysis;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lays images out on a white sheet: grids of titled cells, a colorbar, caption lines. */
final class Sheet {

    private static final int GAP = 8;
    private static final int MAX_CELL = 160;

    private Sheet() { }

    /** The fonts, in the current language: asked for at each sheet, since the language can change between two. */
    private static Font titleFont() { return Text.font(12, false); }

    private static Font captionFont() { return Text.font(13, false); }

    private static Font rowFont() { return Text.font(12, true); }

    /** Cells in rows of {@code columns}, each with its title (if any) above it. */
    static BufferedImage grid(List<ViewRenderer.Cell> cells, int columns) {
        if (cells.size() == 1 && cells.get(0).title() == null) return cells.get(0).image();
        Font title = titleFont();
        int cellW = 0;
        int imageH = 0;
        for (ViewRenderer.Cell c : cells) {
            cellW = Math.max(cellW, Math.max(c.image().getWidth(), Text.width(c.title(), title)));
            imageH = Math.max(imageH, c.image().getHeight());
        }
        int titleH = Text.lineHeight(title);
        int rows = (cells.size() + columns - 1) / columns;
        int cellH = titleH + imageH;
        BufferedImage out = white(columns * cellW + (columns - 1) * GAP, rows * cellH + (rows - 1) * GAP);
        Graphics2D g = Text.graphics(out);
        for (int k = 0; k < cells.size(); k++) {
            int x = (k % columns) * (cellW + GAP);
            int y = (k / columns) * (cellH + GAP);
            ViewRenderer.Cell c = cells.get(k);
            Text.lines(g, new String[]{c.title()}, x, y, title);
            g.drawImage(c.image(), x, y + titleH, null);
        }
        g.dispose();
        return out;
    }

    /** One row per entry of {@code rows}, its title at the left; cells larger than MAX_CELL are shrunk. */
    static BufferedImage table(List<List<ViewRenderer.Cell>> rows, List<String> rowTitles) {
        Font title = titleFont();
        Font rowFont = rowFont();
        int labelW = 0;
        for (String t : rowTitles) labelW = Math.max(labelW, Text.width(t, rowFont));
        int columns = 0;
        int side = 0;
        for (List<ViewRenderer.Cell> row : rows) {
            columns = Math.max(columns, row.size());
            for (ViewRenderer.Cell c : row) side = Math.max(side, Math.max(c.image().getWidth(), c.image().getHeight()));
        }
        int cell = Math.min(side, MAX_CELL);
        int column = cell;                                         // a column is never narrower than its titles
        for (List<ViewRenderer.Cell> row : rows) {
            for (ViewRenderer.Cell c : row) column = Math.max(column, Text.width(c.title(), title));
        }
        int titleH = Text.lineHeight(title);
        int rowH = titleH + cell;
        BufferedImage out = white(labelW + GAP + columns * (column + GAP) - GAP, rows.size() * (rowH + GAP) - GAP);
        Graphics2D g = Text.graphics(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int r = 0; r < rows.size(); r++) {
            int y = r * (rowH + GAP);
            Text.lines(g, new String[]{rowTitles.get(r)}, 0, y + titleH + cell / 2 - titleH / 2, rowFont);
            List<ViewRenderer.Cell> row = rows.get(r);
            for (int k = 0; k < row.size(); k++) {
                int x = labelW + GAP + k * (column + GAP);
                BufferedImage image = row.get(k).image();
                Text.lines(g, new String[]{row.get(k).title()}, x, y, title);
                int w = image.getWidth() * cell / side;
                int h = image.getHeight() * cell / side;
                g.drawImage(image, x, y + titleH, w, h, null);
            }
        }
        g.dispose();
        return out;
    }

    /** The content with a vertical colorbar (0 at the bottom, {@code upper} at the top) at its right and caption lines below. */
    static BufferedImage withColorbarAndCaption(BufferedImage content, Colormap colormap, String upper, String[] caption) {
        return framed(content, colormap, upper, caption, true);
    }

    /** The content scaled (bilinear) to exactly {@code width} pixels across, its aspect kept. */
    static BufferedImage resized(BufferedImage content, int width) {
        return Images.scaled(content, width, (int) Math.round((double) content.getHeight() * width / content.getWidth()));
    }

    /** The content on white with, as asked, a colorbar at its right and caption lines below (none: no line). */
    static BufferedImage framed(BufferedImage content, Colormap colormap, String upper, String[] caption, boolean colorbar) {
        Font title = titleFont();
        Font captionFont = captionFont();
        int barW = 16;
        int labelW = Math.max(Text.width(upper, title), Text.width("0", title));
        int captionW = 0;
        for (String line : caption) captionW = Math.max(captionW, Text.width(line, captionFont));
        int lineH = Text.lineHeight(captionFont);
        int barPart = colorbar ? barW + 4 + labelW + GAP : 0;
        int width = Math.max(GAP + content.getWidth() + GAP + barPart, caption.length == 0 ? 0 : GAP + captionW + GAP);
        int height = GAP + content.getHeight() + GAP + (caption.length == 0 ? 0 : caption.length * lineH + GAP);
        BufferedImage out = white(width, height);
        Graphics2D g = Text.graphics(out);
        g.drawImage(content, GAP, GAP, null);
        if (!colorbar) {
            Text.lines(g, caption, GAP, GAP + content.getHeight() + GAP, captionFont);
            g.dispose();
            return out;
        }
        int barX = GAP + content.getWidth() + GAP;
        int titleH = Text.lineHeight(title);
        int barTop = GAP + titleH / 2;
        int barH = Math.max(2, content.getHeight() - titleH);
        for (int y = 0; y < barH; y++) {
            g.setColor(new Color(colormap.argb(1.0 - y / (double) (barH - 1)), true));
            g.fillRect(barX, barTop + y, barW, 1);
        }
        g.setColor(new Color(60, 60, 60));
        g.drawRect(barX, barTop, barW - 1, barH - 1);
        Text.lines(g, new String[]{upper}, barX + barW + 4, barTop - titleH / 2, title);
        Text.lines(g, new String[]{"0"}, barX + barW + 4, barTop + barH - titleH / 2 - 1, title);
        Text.lines(g, caption, GAP, GAP + content.getHeight() + GAP, captionFont);
        g.dispose();
        return out;
    }

    private static BufferedImage white(int w, int h) {
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.dispose();
        return out;
    }
}
