package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.TokenMap;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of the teaching and analysis views, in plain Java2D: the app shows them and the CLI's
 * {@code export --mode rollout|cam|stats|bias} writes them, so both have the same pixels.
 */
public final class TeachingRenderer {

    private static final int MATRIX_SIDE = 220;
    private static final int IMAGE_SIDE = 448;

    private TeachingRenderer() { }

    /**
     * q·kᵀ·scale, B, M and softmax(q·kᵀ·scale + [B] + [M]) of one window and head side by side, the
     * query's row outlined, and that row painted over the image at its keys' positions.
     */
    public static BufferedImage scores(AnalysedImage a, ScoreParts p, QueryToken q, boolean bias, boolean mask, Colormap colormap,
                                       Diverging signed) {
        int n = p.tokensPerWindow();
        float[] probs = ScoreDecomposition.probs(p, bias, mask);
        String terms = "q·kᵀ·scale" + (bias ? " + B" : "") + (mask ? " + M" : "");
        List<BufferedImage> panels = List.of(
                MatrixPanel.draw("q·kᵀ·scale", p.qk(), n, n, true, Float.NEGATIVE_INFINITY, null, signed, q.index(), -1, MATRIX_SIDE),
                MatrixPanel.draw(Messages.get(bias ? "teach.scores.panel.bias" : "teach.scores.panel.bias.off"), bias ? p.bias() : new float[n * n], n, n, true,
                        Float.NEGATIVE_INFINITY, null, signed, q.index(), -1, MATRIX_SIDE),
                MatrixPanel.draw(Messages.get(mask ? "teach.scores.panel.mask" : "teach.scores.panel.mask.off"), mask ? p.mask() : new float[n * n], n, n, true,
                        WindowGeometry.MASK_VALUE / 2, null, signed, q.index(), -1, MATRIX_SIDE),
                MatrixPanel.draw("= softmax(" + terms + ")", probs, n, n, false, Float.NEGATIVE_INFINITY, colormap,
                        q.index(), -1, MATRIX_SIDE));
        BufferedImage matrices = column(List.of(row(panels.subList(0, 2)), row(panels.subList(2, 4))), new String[0]);

        float[] row = new float[n];
        System.arraycopy(probs, q.index() * n, row, 0, n);
        BufferedImage onImage = queryRowOnImage(a, q, row, colormap);
        float max = 0;
        for (float v : row) max = Math.max(max, v);
        BlockGeometry g = p.geometry();
        String[] caption = {
            Messages.get("teach.scores.caption.formula", ScoreDecomposition.formula(a.config().version()),
                    ScoreDecomposition.biasLegend(a.config().version())),
            Messages.get("teach.scores.caption.where", a.modelName(), g.stage(), g.block(), g.kind(), g.window(), Draw.shift(g), p.window(),
                    p.head(), q.tokenY(), q.tokenX(), q.index()),
            Messages.get("teach.scores.caption.matrices"),
            Messages.get("teach.scores.caption.mistakes"),
        };
        String[] mistakes = ScoreDecomposition.commonMistakes(a.config().version());
        if (a.config().isV2()) {
            String[] changes = ScoreDecomposition.v2Changes();
            String[] withChanges = new String[caption.length + changes.length];
            System.arraycopy(caption, 0, withChanges, 0, caption.length);
            System.arraycopy(changes, 0, withChanges, caption.length, changes.length);
            caption = withChanges;
        }
        String[] all = new String[caption.length + mistakes.length];
        System.arraycopy(caption, 0, all, 0, caption.length);
        for (int k = 0; k < mistakes.length; k++) all[caption.length + k] = "  • " + mistakes[k];
        BufferedImage framedRow = Overlays.framed(Messages.get("teach.scores.queryRow", terms), onImage, Draw.sequential(colormap),
                Draw.number(max), "0", new String[0]);
        return column(List.of(row(List.of(matrices, framedRow))), all);
    }

    /** One query's attention over its window's keys at their original positions; the rest dimmed. */
    static BufferedImage queryRowOnImage(AnalysedImage a, QueryToken q, float[] row, Colormap colormap) {
        BlockGeometry g = q.geometry();
        float[] values = new float[g.tokenCount()];
        boolean[] shown = new boolean[g.tokenCount()];
        float max = 0;
        for (int j = 0; j < row.length; j++) {
            int t = q.keyToken(j);
            if (t < 0) continue;                   // a padded key has no place on the image
            values[t] = row[j];
            shown[t] = true;
            max = Math.max(max, row[j]);
        }
        BufferedImage image = Overlays.heatmap(a, Overlays.scale(a, IMAGE_SIDE * 2 / 3), values, g.height(), g.width(), 0, max, colormap, shown);
        Overlays.outline(image, q.tokenY() * g.width() + q.tokenX(), g.height(), g.width(), new Color(255, 140, 0));
        return image;
    }

    /** One head's (2M-1)² table, zero offset outlined, and its gathered N x N bias with the query's row outlined. */
    public static BufferedImage biasHead(RelativeBiasView v, int head, int queryIndex, Diverging signed) {
        Grid table = v.grid(head);
        Grid gathered = v.gathered(head);
        int centre = (v.tableWindow() - 1) * table.width() + v.tableWindow() - 1;
        return row(List.of(
                MatrixPanel.draw(Messages.get(v.continuous() ? "teach.bias.table.v2" : "teach.bias.table", head, table.height(), table.width()),
                        table.values(), table.height(), table.width(), true, Float.NEGATIVE_INFINITY, null, signed, -1, centre, MATRIX_SIDE),
                MatrixPanel.draw(Messages.get("teach.bias.gathered", head, gathered.height(), gathered.width()),
                        gathered.values(), gathered.height(), gathered.width(), true, Float.NEGATIVE_INFINITY, null, signed, queryIndex, -1, MATRIX_SIDE)));
    }

    /** V2: the two channels of the coordinate table the position MLP reads, dy and dx, as (2M-1) x (2M-1) grids. */
    static BufferedImage coordinates(RelativeBiasView v, Diverging signed) {
        int span = v.span();
        float[] dy = new float[span * span];
        float[] dx = new float[span * span];
        float[] c = v.coordinates();
        for (int r = 0; r < span * span; r++) {
            dy[r] = c[2 * r];
            dx[r] = c[2 * r + 1];
        }
        int centre = (v.tableWindow() - 1) * span + v.tableWindow() - 1;
        return row(List.of(
                MatrixPanel.draw(Messages.get("teach.bias.coordinates", "dy", span, span), dy, span, span, true, Float.NEGATIVE_INFINITY,
                        null, signed, -1, centre, MATRIX_SIDE),
                MatrixPanel.draw(Messages.get("teach.bias.coordinates", "dx", span, span), dx, span, span, true, Float.NEGATIVE_INFINITY,
                        null, signed, -1, centre, MATRIX_SIDE)));
    }

    /** Every head of a block: its table and gathered bias, one row per head, with a caption. */
    public static BufferedImage biasBlock(String modelName, RelativeBiasView v, Diverging signed) {
        List<BufferedImage> rows = new ArrayList<>();
        if (v.continuous()) rows.add(coordinates(v, signed));
        for (int h = 0; h < v.heads(); h++) rows.add(biasHead(v, h, -1, signed));
        if (v.continuous()) {
            return column(rows, new String[]{
                Messages.get("teach.bias.caption.where.v2", modelName, v.stage(), v.block(), v.window(),
                        v.pretrainedWindow() > 0 ? Messages.get("teach.bias.caption.pretrained", v.pretrainedWindow()) : ""),
                Messages.get("teach.bias.caption.coordinates.v2", v.pretrainedWindow() > 0 ? v.pretrainedWindow() : v.window()),
                Messages.get("teach.bias.caption.heads.v2")});
        }
        return column(rows, new String[]{
            Messages.get("teach.bias.caption.where", modelName, v.stage(), v.block(), v.window(), v.tableWindow()),
            Messages.get("teach.bias.caption.table"),
            Messages.get("teach.bias.caption.gathered")});
    }

    /** The rollout over the first stage's tokens as a heatmap on the image, 0 .. its maximum. */
    public static BufferedImage rollout(AnalysedImage a, TokenMap map, HeadFusion fusion, Colormap colormap) {
        int scale = Overlays.scale(a, IMAGE_SIDE);
        BufferedImage picture = Overlays.heatmap(a, scale, map.values(), map.height(), map.width(), 0, map.max(), colormap, null);
        return Overlays.framed(Messages.get("teach.rollout.title", fusionName(fusion)),
                picture, Draw.sequential(colormap), Draw.number(map.max()), "0", new String[]{
                    Messages.get("teach.rollout.caption.where", a.modelName(), source(a), map.height(), map.width()),
                    Messages.get("teach.rollout.caption.sum", map.sum())});
    }

    /** The class activation map of one class on the image, scaled from its minimum to its maximum. */
    public static BufferedImage cam(AnalysedImage a, TokenMap map, String label, int classIndex, Colormap colormap) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map.values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int scale = Overlays.scale(a, IMAGE_SIDE);
        BufferedImage picture = Overlays.heatmap(a, scale, map.values(), map.height(), map.width(), lo, hi, colormap, null);
        boolean generic = label.equals("class " + classIndex);           // ClassLabels' name of a class without a label
        String shown = generic ? Messages.get("teach.cam.class", classIndex) : label;
        return Overlays.framed(Messages.get("teach.cam.title", shown), picture, Draw.sequential(colormap), Draw.number(hi), Draw.number(lo),
                new String[]{
                    Messages.get("teach.cam.caption.where", a.modelName(), source(a),
                            generic ? shown : Messages.get("teach.cam.class.named", classIndex, label), map.height(), map.width()),
                    Messages.get("teach.cam.caption.logit", a.tokenPixels(a.stages() - 1))});
    }

    private static String fusionName(HeadFusion fusion) {
        return Messages.get(switch (fusion) {
            case MEAN -> "teach.rollout.fusion.mean";
            case MAX -> "teach.rollout.fusion.max";
            case MIN -> "teach.rollout.fusion.min";
        });
    }

    private static String source(AnalysedImage a) { return a.source() == null ? Messages.get("teach.common.image") : a.source().getFileName().toString(); }

    /** Images left to right, tops aligned. */
    static BufferedImage row(List<BufferedImage> images) {
        int w = 0;
        int h = 0;
        for (BufferedImage i : images) {
            w += i.getWidth() + Draw.GAP * 2;
            h = Math.max(h, i.getHeight());
        }
        BufferedImage out = Draw.white(w, h);
        Graphics2D g = out.createGraphics();
        int x = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, x, 0, null);
            x += i.getWidth() + Draw.GAP * 2;
        }
        g.dispose();
        return out;
    }

    /** Images top to bottom with a margin, then caption lines. */
    static BufferedImage column(List<BufferedImage> images, String[] caption) {
        int w = 0;
        int h = Draw.GAP;
        for (BufferedImage i : images) {
            w = Math.max(w, i.getWidth());
            h += i.getHeight() + Draw.GAP;
        }
        java.awt.Font font = Draw.caption();
        for (String line : caption) w = Math.max(w, Draw.width(line, font));
        h += caption.length * Draw.lineHeight(font) + Draw.GAP;
        BufferedImage out = Draw.white(w + 2 * Draw.GAP, h);
        Graphics2D g = Draw.graphics(out);
        int y = Draw.GAP;
        for (BufferedImage i : images) {
            g.drawImage(i, Draw.GAP, y, null);
            y += i.getHeight() + Draw.GAP;
        }
        Draw.lines(g, caption, Draw.GAP, y, font);
        g.dispose();
        return out;
    }
}
