package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Fonts;
import io.swinlens.i18n.Messages;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The cyclic shift of an SW-MSA block (docs/swin-reference.md §3.10) on the actual image, one step at a time: the image
 * rolled by -s = -floor(M/2) tokens with {@link WindowGeometry#roll}, the 9 regions of the rolled map, the
 * N x N mask of one window, and the roll back.
 */
public final class ShiftExplainer {

    public enum Step {
        ORIGINAL("teach.shift.step.original"), ROLLED("teach.shift.step.rolled"), REGIONS("teach.shift.step.regions"),
        MASK("teach.shift.step.mask"), ROLLED_BACK("teach.shift.step.rolledBack");

        private final String key;

        Step(String key) { this.key = key; }

        /** The step's name in the current language (ask again after a language change). */
        public String label() { return Messages.get(key); }
    }

    private static final int[] REGION_RGB = {0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8, 0xf58231, 0x911eb4, 0x46f0f0, 0xf032e6, 0xbcf60c};
    private static final int SIDE = 360;

    private ShiftExplainer() { }

    /** The image's pixels rolled by {@code shift} tokens along both axes (torch.roll(x, (shift, shift))), token by token. */
    public static BufferedImage roll(BufferedImage image, int tokenPx, int shift) {
        return roll(image, tokenPx, shift, shift);
    }

    /** The same with a shift of its own per axis (torchvision drops the shift on an axis the window covers). */
    public static BufferedImage roll(BufferedImage image, int tokenPx, int shiftY, int shiftX) {
        int height = image.getHeight() / tokenPx;
        int width = image.getWidth() / tokenPx;
        int channels = tokenPx * tokenPx * 3;
        float[] map = new float[height * width * channels];
        for (int ty = 0; ty < height; ty++) {
            for (int tx = 0; tx < width; tx++) {
                int base = (ty * width + tx) * channels;
                for (int k = 0; k < tokenPx * tokenPx; k++) {
                    int rgb = image.getRGB(tx * tokenPx + k % tokenPx, ty * tokenPx + k / tokenPx);
                    map[base + 3 * k] = rgb >> 16 & 0xFF;
                    map[base + 3 * k + 1] = rgb >> 8 & 0xFF;
                    map[base + 3 * k + 2] = rgb & 0xFF;
                }
            }
        }
        float[] rolled = WindowGeometry.roll(map, height, width, channels, shiftY, shiftX);    // (H, W, P·P·3)
        BufferedImage out = new BufferedImage(width * tokenPx, height * tokenPx, BufferedImage.TYPE_INT_ARGB);
        for (int ty = 0; ty < height; ty++) {
            for (int tx = 0; tx < width; tx++) {
                int base = (ty * width + tx) * channels;
                for (int k = 0; k < tokenPx * tokenPx; k++) {
                    int rgb = 0xFF000000 | (int) rolled[base + 3 * k] << 16 | (int) rolled[base + 3 * k + 1] << 8 | (int) rolled[base + 3 * k + 2];
                    out.setRGB(tx * tokenPx + k % tokenPx, ty * tokenPx + k / tokenPx, rgb);
                }
            }
        }
        return out;
    }

    /** One step for the shifted block {@code g} (shift > 0); {@code window} is used by MASK and ROLLED_BACK. */
    public static BufferedImage render(AnalysedImage a, BlockGeometry g, Step step, int window) {
        if (!g.shifted()) throw new IllegalArgumentException("stage %d block %d is not shifted".formatted(g.stage(), g.block()));   // not user text: a programming error
        if (window < 0 || window >= g.windowCount()) throw new IllegalArgumentException("window " + window + " does not exist: 0.." + (g.windowCount() - 1));   // not user text: a programming error
        int tokenPx = a.tokenPixels(g.stage());
        BufferedImage modelView = toArgb(a.input().modelView());
        BufferedImage picture = switch (step) {
            case ORIGINAL, ROLLED_BACK -> modelView;
            default -> roll(modelView, tokenPx, -g.shiftY(), -g.shiftX());
        };
        int scale = Overlays.scale(a, SIDE);
        BufferedImage shown = scaled(picture, scale);
        double token = (double) shown.getWidth() / g.width();
        Graphics2D gr = Draw.graphics(shown);
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int s = g.shiftY();
        int sx = g.shiftX();
        int m = g.window();
        switch (step) {
            case ORIGINAL -> grid(gr, g, token, 0, 0, Color.WHITE);
            case ROLLED -> grid(gr, g, token, 0, 0, Color.WHITE);
            case REGIONS -> {
                regions(gr, g, token, -1);
                grid(gr, g, token, 0, 0, Color.WHITE);
            }
            case MASK -> {
                regions(gr, g, token, window);
                grid(gr, g, token, 0, 0, new Color(255, 255, 255, 120));
                outlineWindow(gr, g, token, window);
            }
            case ROLLED_BACK -> {
                int[] index = WindowGeometry.partitionIndex(g);
                int n = g.tokensPerWindow();
                gr.setColor(new Color(255, 140, 0, 110));
                for (int i = 0; i < n; i++) {
                    int t = index[window * n + i];
                    if (t < 0) continue;                       // padding is not drawn
                    gr.fillRect((int) Math.round((t % g.width()) * token), (int) Math.round((t / g.width()) * token),
                            (int) Math.ceil(token), (int) Math.ceil(token));
                }
                grid(gr, g, token, s, sx, Color.WHITE);
            }
        }
        gr.dispose();
        String title = switch (step) {
            case ORIGINAL -> Messages.get("teach.shift.title.original", m);
            case ROLLED -> Messages.get("teach.shift.title.rolled", Math.max(s, sx), s, sx);
            case REGIONS -> Messages.get("teach.shift.title.regions");
            case MASK -> Messages.get("teach.shift.title.mask", window);
            case ROLLED_BACK -> Messages.get("teach.shift.title.rolledBack", Draw.shift(g), window);
        };
        String[] caption = {
            Messages.get("teach.shift.caption.where", a.modelName(), g.stage(), g.block(), g.height(), g.width(), tokenPx, m, Draw.shift(g),
                    g.padded() ? Messages.get("teach.shift.caption.padded", g.paddedHeight(), g.paddedWidth()) : "")};
        BufferedImage framed = Overlays.framed(title, shown, null, "", "", caption);
        if (step != Step.MASK) return framed;
        int n = g.tokensPerWindow();
        float[] mask = new float[n * n];
        System.arraycopy(WindowGeometry.shiftMask(g), window * n * n, mask, 0, n * n);
        BufferedImage matrix = MatrixPanel.draw(Messages.get("teach.shift.matrix", window, n, n), mask, n, n, true,
                WindowGeometry.MASK_VALUE / 2, null, -1, -1, 240);
        return TeachingRenderer.row(List.of(framed, TeachingRenderer.column(List.of(matrix), new String[0])));
    }

    /** The window with the most regions (the bottom-right one): the one worth looking at. */
    public static int mostInterestingWindow(BlockGeometry g) { return g.windowCount() - 1; }

    private static void grid(Graphics2D g, BlockGeometry geometry, double token, int offset, int offsetX, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        int w = (int) Math.round(geometry.width() * token);
        int h = (int) Math.round(geometry.height() * token);
        for (int k = 0; k < geometry.windowsAcross(); k++) {
            int x = (int) Math.round(Math.floorMod(k * geometry.window() + offsetX, geometry.paddedWidth()) * token);
            if (x > w) continue;
            g.drawLine(x, 0, x, h);
        }
        for (int k = 0; k < geometry.windowsDown(); k++) {
            int y = (int) Math.round(Math.floorMod(k * geometry.window() + offset, geometry.paddedHeight()) * token);
            if (y > h) continue;
            g.drawLine(0, y, w, y);
        }
        g.drawRect(0, 0, w - 1, h - 1);
    }

    /** Region tints and ids on the rolled map; only inside {@code window} when it is >= 0. */
    private static void regions(Graphics2D g, BlockGeometry geometry, double token, int window) {
        int[] labels = WindowGeometry.regionLabels(geometry);          // over the padded map; only its real part is drawn
        int m = geometry.window();
        int across = geometry.windowsAcross();
        for (int y = 0; y < geometry.height(); y++) {
            for (int x = 0; x < geometry.width(); x++) {
                if (window >= 0 && (y / m) * across + x / m != window) continue;
                g.setColor(new Color(REGION_RGB[labels[y * geometry.paddedWidth() + x]] | 0x70000000, true));
                g.fillRect((int) Math.round(x * token), (int) Math.round(y * token), (int) Math.ceil(token), (int) Math.ceil(token));
            }
        }
        int[] bounds = {0, geometry.paddedHeight() - m, geometry.paddedHeight() - geometry.shiftY(), geometry.paddedHeight()};
        int[] boundsX = {0, geometry.paddedWidth() - m, geometry.paddedWidth() - geometry.shiftX(), geometry.paddedWidth()};
        for (int ry = 0; ry < 3; ry++) {
            for (int rx = 0; rx < 3; rx++) {
                double cy = (bounds[ry] + bounds[ry + 1]) / 2.0;
                double cx = (boundsX[rx] + boundsX[rx + 1]) / 2.0;
                if (window >= 0) {
                    int wy = (window / across) * m;
                    int wx = (window % across) * m;
                    double y0 = Math.max(bounds[ry], wy);
                    double y1 = Math.min(bounds[ry + 1], wy + m);
                    double x0 = Math.max(boundsX[rx], wx);
                    double x1 = Math.min(boundsX[rx + 1], wx + m);
                    if (y0 >= y1 || x0 >= x1) continue;
                    cy = (y0 + y1) / 2;
                    cx = (x0 + x1) / 2;
                }
                label(g, Integer.toString(3 * ry + rx), cx * token, cy * token);
            }
        }
    }

    private static void label(Graphics2D g, String text, double cx, double cy) {
        java.awt.Font font = Fonts.sans(java.awt.Font.BOLD, 18);
        g.setFont(font);
        java.awt.FontMetrics fm = g.getFontMetrics();
        int x = (int) Math.round(cx - fm.stringWidth(text) / 2.0);
        int y = (int) Math.round(cy + fm.getAscent() / 2.0 - 2);
        g.setColor(new Color(0, 0, 0, 200));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) g.drawString(text, x + dx, y + dy);
        }
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
    }

    private static void outlineWindow(Graphics2D g, BlockGeometry geometry, double token, int window) {
        int m = geometry.window();
        int across = geometry.windowsAcross();
        g.setColor(new Color(255, 140, 0));
        g.setStroke(new BasicStroke(4));
        g.drawRect((int) Math.round((window % across) * m * token) + 2, (int) Math.round((window / across) * m * token) + 2,
                (int) Math.round(m * token) - 4, (int) Math.round(m * token) - 4);
    }

    private static BufferedImage toArgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage scaled(BufferedImage image, int scale) {
        BufferedImage out = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
