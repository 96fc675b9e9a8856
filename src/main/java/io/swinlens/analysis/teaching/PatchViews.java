package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Fonts;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.config.SwinConfig;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The two steps of a Swin that are not blocks, on the user's image and with the model's own numbers
 * (docs/swin-reference.md §3.1, docs/swin-reference.md §3.11): the patch embedding (an image cut into P x P patches, one
 * patch's 3·P·P values, the stride-P convolution as a matrix product, LayerNorm) and the patch merging (2 x 2
 * tokens concatenated in the model's order x0..x3, LayerNorm, the linear map 4C -> 2C). Token maps are shown as
 * the RGB picture of their first three principal components ({@link Pca}).
 */
public final class PatchViews {

    private static final int IMAGE_SIDE = 250;
    private PatchViews() { }

    /** The font of the labels drawn on the image, in the current language. */
    private static Font label() { return Fonts.sans(Font.BOLD, 13); }

    /**
     * @param weight the convolution as a (C, 3·P·P) matrix ({@code SwinModel.patchEmbedWeight})
     */
    public static BufferedImage embed(AnalysedImage a, Trace t, float[] weight) {
        SwinConfig c = a.config();
        int p = c.patchSize();
        int cin = c.inChannels();
        int dim = c.embedDim();
        int y0 = t.sources()[0];
        int x0 = t.sources()[1];
        BufferedImage grid = imageWithGrid(a, p, List.of(new int[]{y0, x0, p, p}), List.of(Messages.get("teach.embed.patch")));
        float[] patch = t.get("patch");
        List<BufferedImage> channels = new ArrayList<>();
        String[] names = {"R", "G", "B"};
        for (int ch = 0; ch < cin; ch++) {
            channels.add(MatrixPanel.draw(Messages.get("teach.embed.channel", ch < 3 ? names[ch] : "c" + ch, p, p),
                    java.util.Arrays.copyOfRange(patch, ch * p * p, (ch + 1) * p * p), p, p, true, Float.NEGATIVE_INFINITY, null, -1, -1, 120));
        }
        BufferedImage matrix = MatrixPanel.draw(Messages.get("teach.embed.weight", dim, dim, cin * p * p), weight, dim, cin * p * p,
                true, Float.NEGATIVE_INFINITY, null, -1, -1, 300);
        List<BufferedImage> strips = List.of(
                BlockWalkthrough.strip(Messages.get("teach.embed.strip.patch"), patch, cin, 480),
                BlockWalkthrough.strip(Messages.get("teach.embed.strip.linear"), t.get("linear"), 0, 480),
                BlockWalkthrough.strip(Messages.get("teach.embed.strip.token"), t.get("token"), 0, 480));
        long[] shape = t.shape("tokens");
        BufferedImage pca = tokenPicture(Messages.get("teach.embed.pca", shape[0], shape[1]),
                t.get("tokens"), (int) shape[0], (int) shape[1], (int) shape[2], t.tokenY(), t.tokenX());
        BufferedImage top = TeachingRenderer.row(List.of(grid, TeachingRenderer.column(channels, new String[0]), pca));
        BufferedImage middle = TeachingRenderer.row(List.of(matrix, TeachingRenderer.column(strips, new String[0])));
        return TeachingRenderer.column(List.of(top, middle), new String[]{
            Messages.get("teach.embed.caption.where", a.modelName(), t.tokenY(), t.tokenX(), t.height(), t.width(), p, p),
            Messages.get("teach.embed.caption.conv", p, dim, cin, p, p, dim, cin * p * p),
            Messages.get("teach.embed.caption.norm", dim, t.height() * t.width(), dim)});
    }

    /**
     * @param below the output of stage {@code s} (the merge's input); @param above that of stage s+1, or null
     */
    public static BufferedImage merge(AnalysedImage a, Trace t, List<StageOutput> stages) {
        SwinConfig c = a.config();
        int s = t.request().stage();
        int px = a.tokenPixels(s);
        int dim = c.stageDim(s);
        int belowWidth = stages.get(s).width();
        String[] order = {"x0 (0,0)", "x1 (1,0)", "x2 (0,1)", "x3 (1,1)"};
        List<int[]> boxes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int src = t.sources()[k];
            if (src < 0) continue;                              // padding: nothing on the image
            boxes.add(new int[]{(src / belowWidth) * px, (src % belowWidth) * px, px, px});
            labels.add("x" + k);
        }
        BufferedImage before = imageWithGrid(a, px, boxes, labels);
        int upPx = 2 * px;
        BufferedImage after = imageWithGrid(a, upPx, List.<int[]>of(new int[]{t.tokenY() * upPx, t.tokenX() * upPx, upPx, upPx}), List.of(Messages.get("teach.merge.merged")));
        List<BufferedImage> strips = new ArrayList<>();
        strips.add(BlockWalkthrough.strip(Messages.get("teach.merge.strip.concat", String.join(", ", order)), t.get("concat"), 4, 480));
        if (c.isV2()) {
            strips.add(BlockWalkthrough.strip(Messages.get("teach.merge.strip.reduction"), t.get("reduction"), 0, 480));
            strips.add(BlockWalkthrough.strip(Messages.get("teach.merge.strip.norm.v2"), t.get("norm"), 0, 480));
        } else {
            strips.add(BlockWalkthrough.strip(Messages.get("teach.merge.strip.norm.v1"), t.get("norm"), 4, 480));
            strips.add(BlockWalkthrough.strip(Messages.get("teach.merge.strip.reduction"), t.get("reduction"), 0, 480));
        }
        List<BufferedImage> pcs = new ArrayList<>();
        for (StageOutput o : stages) {
            int[] mark = o.stage() == s ? new int[]{-1, -1} : o.stage() == s + 1 ? new int[]{t.tokenY(), t.tokenX()} : new int[]{-1, -1};
            pcs.add(tokenPicture(Messages.get("teach.merge.stageOutput", o.stage(), o.height(), o.width(), o.channels()),
                    o.tokens(), o.height(), o.width(), o.channels(), mark[0], mark[1]));
        }
        BufferedImage top = TeachingRenderer.row(List.of(labelled(Messages.get("teach.merge.before", s, stages.get(s).height(), belowWidth, px), before),
                labelled(Messages.get("teach.merge.zoomed"), zoom(a, t.tokenY() * upPx, t.tokenX() * upPx, px, t.sources())),
                labelled(Messages.get("teach.merge.after", s + 1, upPx), after)));
        return TeachingRenderer.column(List.of(top, TeachingRenderer.column(strips, new String[0]), TeachingRenderer.row(pcs)), new String[]{
            Messages.get("teach.merge.caption.where", a.modelName(), s, t.tokenY(), t.tokenX()),
            Messages.get("teach.merge.caption.order", dim),
            Messages.get(c.isV2() ? "teach.merge.caption.v2" : "teach.merge.caption.v1")});
    }

    /** The 2 x 2 tokens at input pixel (y, x), enlarged, each labelled x0..x3 where the model takes it from; padding hatched. */
    private static BufferedImage zoom(AnalysedImage a, int y, int x, int px, int[] sources) {
        BufferedImage view = a.input().modelView();
        int side = 160;
        BufferedImage out = Draw.white(side, side);
        Graphics2D g = Draw.graphics(out);
        double k = side / (2.0 * px);
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        g.setFont(label());
        for (int i = 0; i < 4; i++) {
            int cy = y + offsets[i][0] * px;
            int cx = x + offsets[i][1] * px;
            int dx = (int) Math.round(offsets[i][1] * px * k);
            int dy = (int) Math.round(offsets[i][0] * px * k);
            int cell = (int) Math.round(px * k);
            if (sources[i] >= 0 && cy + px <= view.getHeight() && cx + px <= view.getWidth()) {
                g.drawImage(view.getSubimage(cx, cy, px, px), dx, dy, cell, cell, null);
            } else {
                g.setColor(new Color(200, 200, 200));
                g.fillRect(dx, dy, cell, cell);
                g.setColor(new Color(150, 150, 150));
                for (int d = -cell; d < cell; d += 8) g.drawLine(dx + Math.max(0, d), dy + Math.max(0, -d), dx + Math.min(cell, cell + d), dy + Math.min(cell, cell - d));
            }
            g.setColor(new Color(230, 30, 30));
            g.setStroke(new BasicStroke(2f));
            g.drawRect(dx, dy, cell - 1, cell - 1);
            String label = sources[i] < 0 ? Messages.get("teach.merge.zoom.pad", i) : "x" + i;
            int tw = g.getFontMetrics().stringWidth(label);
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(dx + (cell - tw) / 2 - 3, dy + cell / 2 - 12, tw + 6, 17);
            g.setColor(Color.WHITE);
            g.drawString(label, dx + (cell - tw) / 2, dy + cell / 2 + 2);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage labelled(String title, BufferedImage image) {
        Font font = Draw.title();
        int titleH = Draw.lineHeight(font) + 4;
        BufferedImage out = Draw.white(Math.max(image.getWidth(), Draw.width(title, font) + 4), titleH + image.getHeight());
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, 0, 0, font, Draw.INK);
        g.drawImage(image, 0, titleH, null);
        g.dispose();
        return out;
    }

    /** The model's input with a grid of {@code cell} px and some cells outlined and labelled; boxes are {y, x, h, w} in input pixels. */
    static BufferedImage imageWithGrid(AnalysedImage a, int cell, List<int[]> boxes, List<String> labels) {
        BufferedImage view = a.input().modelView();
        double k = Math.max(1, Math.min((double) IMAGE_SIDE / view.getWidth(), (double) IMAGE_SIDE / view.getHeight()));
        int w = (int) Math.round(view.getWidth() * k);
        int h = (int) Math.round(view.getHeight() * k);
        BufferedImage out = Draw.white(w, h);
        Graphics2D g = Draw.graphics(out);
        g.drawImage(view, 0, 0, w, h, null);
        g.setColor(new Color(255, 255, 255, 110));
        double step = cell * k;
        if (step >= 3) {
            for (double x = 0; x < w; x += step) g.drawLine((int) Math.round(x), 0, (int) Math.round(x), h);
            for (double y = 0; y < h; y += step) g.drawLine(0, (int) Math.round(y), w, (int) Math.round(y));
        }
        int n = boxes.size();
        if (n == 0) {
            g.dispose();
            return out;
        }
        g.setFont(label());
        var metrics = g.getFontMetrics();
        int[][] r = new int[n][];                                          // on the picture: x, y, w, h
        boolean fit = true;
        boolean small = false;
        for (int i = 0; i < n; i++) {
            int[] b = boxes.get(i);
            r[i] = new int[]{(int) Math.round(b[1] * k), (int) Math.round(b[0] * k), Math.max(3, (int) Math.round(b[3] * k)), Math.max(3, (int) Math.round(b[2] * k))};
            fit &= r[i][2] >= metrics.stringWidth(labels.get(i)) + 6 && r[i][3] >= TAG_HEIGHT + 4;
            small |= r[i][2] < 10 || r[i][3] < 10;
        }
        int ux = Integer.MAX_VALUE, uy = Integer.MAX_VALUE, ux1 = Integer.MIN_VALUE, uy1 = Integer.MIN_VALUE;
        for (int[] q : r) {
            ux = Math.min(ux, q[0]);
            uy = Math.min(uy, q[1]);
            ux1 = Math.max(ux1, q[0] + q[2]);
            uy1 = Math.max(uy1, q[1] + q[3]);
        }
        g.setColor(new Color(230, 30, 30));
        g.setStroke(new BasicStroke(small ? 2f : 2.5f));
        if (small) {
            g.drawRect(ux - 1, uy - 1, ux1 - ux + 1, uy1 - uy + 1);                // cells of a few pixels: one outline round them all
        } else {
            for (int[] q : r) g.drawRect(q[0], q[1], q[2] - 1, q[3] - 1);
        }
        if (fit) {
            for (int i = 0; i < n; i++) tag(g, labels.get(i), r[i][0] + r[i][2] / 2, r[i][1] + r[i][3] / 2 + 5, w);
        } else {
            // too small to hold their names: one tag beside the outlined cells, above them or else below, never on them
            String text = String.join(" ", labels);
            int baseline = uy - 5 - TAG_HEIGHT >= 0 ? uy - 5 : uy1 + TAG_HEIGHT + 2 <= h ? uy1 + TAG_HEIGHT - 1 : uy + TAG_HEIGHT - 2;
            tag(g, text, (ux + ux1) / 2, baseline, w);
        }
        g.dispose();
        return out;
    }

    /** Tag height: a white label on a dark box, {@link #tag}. */
    private static final int TAG_HEIGHT = 15;

    /** A white {@code text} on a dark box, centred on x (kept inside a picture {@code width} wide), baseline at y. */
    private static void tag(Graphics2D g, String text, int centreX, int baseline, int width) {
        int tw = g.getFontMetrics().stringWidth(text);
        int tx = Math.min(width - tw - 2, Math.max(2, centreX - tw / 2));
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(tx - 2, baseline - 12, tw + 4, TAG_HEIGHT);
        g.setColor(Color.WHITE);
        g.drawString(text, tx, baseline);
    }

    /** A token map's first three principal components as an RGB picture, enlarged, one token marked (or none: -1). */
    static BufferedImage tokenPicture(String title, float[] tokens, int height, int width, int channels, int markY, int markX) {
        int[] rgb = Pca.rgb(tokens, height * width, channels);
        int cell = Math.max(1, 180 / Math.max(height, width));
        Font font = Draw.small();
        int titleH = Draw.lineHeight(font) + 4;
        BufferedImage out = Draw.white(Math.max(width * cell, Draw.width(title, font) + 4), titleH + height * cell);
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, 0, 0, font, Draw.INK);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                g.setColor(new Color(rgb[y * width + x]));
                g.fillRect(x * cell, titleH + y * cell, cell, cell);
            }
        }
        if (markY >= 0 && markX >= 0) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(markX * cell, titleH + markY * cell, Math.max(cell, 3) - 1, Math.max(cell, 3) - 1);
        }
        g.dispose();
        return out;
    }
}
