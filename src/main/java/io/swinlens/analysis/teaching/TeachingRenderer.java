package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.TokenMap;
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
                MatrixPanel.draw(bias ? "+ B (relative bias)" : "B: off", bias ? p.bias() : new float[n * n], n, n, true,
                        Float.NEGATIVE_INFINITY, null, signed, q.index(), -1, MATRIX_SIDE),
                MatrixPanel.draw(mask ? "+ M (shift mask)" : "M: off", mask ? p.mask() : new float[n * n], n, n, true,
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
            ScoreDecomposition.formula(a.config().version()) + "   (" + ScoreDecomposition.biasLegend(a.config().version()) + "; M: shift mask 0 / -100)",
            "%s · stage %d · block %d (%s, window %d, shift %s) · window %d · head %d · query token (row %d, col %d) = #%d of the window"
                    .formatted(a.modelName(), g.stage(), g.block(), g.kind(), g.window(), g.shiftText(), p.window(), p.head(),
                            q.tokenY(), q.tokenX(), q.index()),
            "Matrices: rows are queries, columns keys, in window order; the outlined row is the query. Right: that row over the image.",
            "Common mistakes in explainers:",
        };
        String[] mistakes = ScoreDecomposition.commonMistakes(a.config().version());
        if (a.config().isV2()) {
            String[] withChanges = new String[caption.length + ScoreDecomposition.V2_CHANGES.length];
            System.arraycopy(caption, 0, withChanges, 0, caption.length);
            System.arraycopy(ScoreDecomposition.V2_CHANGES, 0, withChanges, caption.length, ScoreDecomposition.V2_CHANGES.length);
            caption = withChanges;
        }
        String[] all = new String[caption.length + mistakes.length];
        System.arraycopy(caption, 0, all, 0, caption.length);
        for (int k = 0; k < mistakes.length; k++) all[caption.length + k] = "  • " + mistakes[k];
        BufferedImage framedRow = Overlays.framed("query row: softmax(" + terms + ")", onImage, Draw.sequential(colormap),
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
                MatrixPanel.draw((v.continuous() ? "head %d: 16·σ(CPB)[dy, dx] (%d x %d, zero offset outlined)"
                                : "head %d: B[dy, dx] (%d x %d, zero offset outlined)").formatted(head, table.height(), table.width()),
                        table.values(), table.height(), table.width(), true, Float.NEGATIVE_INFINITY, null, signed, -1, centre, MATRIX_SIDE),
                MatrixPanel.draw("head %d: gathered bias (%d x %d)".formatted(head, gathered.height(), gathered.width()),
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
                MatrixPanel.draw("MLP input, channel dy (%d x %d)".formatted(span, span), dy, span, span, true, Float.NEGATIVE_INFINITY,
                        null, signed, -1, centre, MATRIX_SIDE),
                MatrixPanel.draw("MLP input, channel dx (%d x %d)".formatted(span, span), dx, span, span, true, Float.NEGATIVE_INFINITY,
                        null, signed, -1, centre, MATRIX_SIDE)));
    }

    /** Every head of a block: its table and gathered bias, one row per head, with a caption. */
    public static BufferedImage biasBlock(String modelName, RelativeBiasView v, Diverging signed) {
        List<BufferedImage> rows = new ArrayList<>();
        if (v.continuous()) rows.add(coordinates(v, signed));
        for (int h = 0; h < v.heads(); h++) rows.add(biasHead(v, h, -1, signed));
        if (v.continuous()) {
            return column(rows, new String[]{
                "%s · stage %d · block %d · continuous position bias of every head (Swin V2, window %d%s)"
                        .formatted(modelName, v.stage(), v.block(), v.window(),
                                v.pretrainedWindow() > 0 ? ", coordinates scaled for the pretrained window " + v.pretrainedWindow() : ""),
                "Top: the log-spaced offsets the MLP is fed, sign(t)·log2(|t|+1)/3 with t = 8·Δ/(%d-1); they grow slowly away from the centre."
                        .formatted(v.pretrainedWindow() > 0 ? v.pretrainedWindow() : v.window()),
                "Per head: 16·σ(MLP(Δ)) over the (2M-1)² offsets, row dy + M-1, column dx + M-1, always in (0, 16); then gathered for each query i and key j."});
        }
        return column(rows, new String[]{
            "%s · stage %d · block %d · relative position bias of every head (window %d, table for window %d)"
                    .formatted(modelName, v.stage(), v.block(), v.window(), v.tableWindow()),
            "Table: row dy + M-1, column dx + M-1, (dy, dx) = query minus key position; blue negative, red positive.",
            "Gathered: what the block adds to the score of query i (row) and key j (column) of a window."});
    }

    /** The rollout over the first stage's tokens as a heatmap on the image, 0 .. its maximum. */
    public static BufferedImage rollout(AnalysedImage a, TokenMap map, HeadFusion fusion, Colormap colormap) {
        int scale = Overlays.scale(a, IMAGE_SIDE);
        BufferedImage picture = Overlays.heatmap(a, scale, map.values(), map.height(), map.width(), 0, map.max(), colormap, null);
        return Overlays.framed("Attention rollout (heads fused: %s)".formatted(fusion.name().toLowerCase()), picture,
                Draw.sequential(colormap), Draw.number(map.max()), "0", new String[]{
                    "%s · %s · rollout over every block, residual as 0.5·A + 0.5·I, from the mean pool back to the %d x %d stage-0 tokens"
                            .formatted(a.modelName(), source(a), map.height(), map.width()),
                    "Σ = %.4f over all tokens. Attention is not an explanation: rollout shows where information could flow, not why."
                            .formatted(map.sum())});
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
        return Overlays.framed("Class activation map: " + label, picture, Draw.sequential(colormap), Draw.number(hi), Draw.number(lo),
                new String[]{
                    "%s · %s · %s · cam(t) = w_c · LN(x_t) over the last stage's %d x %d tokens"
                            .formatted(a.modelName(), source(a), label.equals("class " + classIndex) ? label : "class %d (%s)".formatted(classIndex, label),
                                    map.height(), map.width()),
                    "Its mean plus the head's bias is the class logit. Coarse: one value per %d px token.".formatted(a.tokenPixels(a.stages() - 1))});
    }

    private static String source(AnalysedImage a) { return a.source() == null ? "image" : a.source().getFileName().toString(); }

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
        for (String line : caption) w = Math.max(w, Draw.width(line, Draw.CAPTION));
        h += caption.length * Draw.lineHeight(Draw.CAPTION) + Draw.GAP;
        BufferedImage out = Draw.white(w + 2 * Draw.GAP, h);
        Graphics2D g = Draw.graphics(out);
        int y = Draw.GAP;
        for (BufferedImage i : images) {
            g.drawImage(i, Draw.GAP, y, null);
            y += i.getHeight() + Draw.GAP;
        }
        Draw.lines(g, caption, Draw.GAP, y, Draw.CAPTION);
        g.dispose();
        return out;
    }
}
