package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.config.SwinConfig;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One token's path through one Swin block, step by step, from the forward pass's own numbers (a {@link Trace}):
 * each step's formula, the shapes for the whole window, and the token's values as colour strips with their
 * norms. V1 (pre-norm) and V2 (res-post-norm, cosine attention) have their own order (docs/swin-reference.md §3.5,
 * docs/swin-reference.md §9). Heads are drawn side by side, so that the same query is seen in every head.
 */
public final class BlockWalkthrough {

    /** A picture and where its key cells are, so that a pointer over a key can be told which key it is. */
    public record Rendered(BufferedImage image, List<KeyCell> keys) { }

    /** Key {@code key} of the query's window is drawn in {@code area}. */
    public record KeyCell(Rectangle area, int key) { }

    private record Step(String title, String formula, String shapes, Function<Context, BufferedImage> body) { }

    /** {@code keys} collects key cells relative to the step's body. */
    private record Context(AnalysedImage image, Trace trace, SwinConfig config, Diverging signed, int hoverKey, List<KeyCell> keys) { }

    private static final int STRIP_WIDTH = 520;
    private static final int STRIP_HEIGHT = 16;
    private static final int THUMB = 150;

    private BlockWalkthrough() { }

    /** The steps' titles in the model's order. */
    public static List<String> titles(SwinConfig config) {
        return steps(config).stream().map(Step::title).toList();
    }

    /**
     * @param step     a step index, or -1 for every step, one under the other
     * @param hoverKey a key of the query's window to show with its value vector and place on the image, or -1
     */
    public static Rendered render(AnalysedImage image, Trace trace, int step, int hoverKey, Diverging signed) {
        SwinConfig config = image.config();
        List<Step> steps = steps(config);
        if (step < -1 || step >= steps.size()) throw new IllegalArgumentException("step " + step + " does not exist: 0.." + (steps.size() - 1));   // not user text: a programming error
        List<KeyCell> keys = new ArrayList<>();
        List<BufferedImage> panels = new ArrayList<>();
        int y = Draw.GAP;                                  // TeachingRenderer.column puts panel k at (GAP, y)
        for (int k = 0; k < steps.size(); k++) {
            if (step >= 0 && k != step) continue;
            Step s = steps.get(k);
            List<KeyCell> bodyKeys = new ArrayList<>();
            int[] bodyAt = new int[2];
            BufferedImage panel = panel(k + 1, steps.size(), s, new Context(image, trace, config, signed, hoverKey, bodyKeys), bodyAt);
            for (KeyCell cell : bodyKeys) {
                Rectangle r = new Rectangle(cell.area());
                r.translate(Draw.GAP + bodyAt[0], y + bodyAt[1]);
                keys.add(new KeyCell(r, cell.key()));
            }
            panels.add(panel);
            y += panel.getHeight() + Draw.GAP;
        }
        var g = trace.geometry();
        String[] caption = {
            Messages.get("teach.block.caption.where", image.modelName(), g.stage(), g.block(), g.kind(), g.window(), Draw.shift(g),
                    trace.tokenY(), trace.tokenX(), trace.queryIndex(), trace.window(), config.heads(g.stage()), config.headDim(g.stage())),
            Messages.get(config.isV2() ? "teach.block.caption.order.v2" : "teach.block.caption.order.v1"),
            Messages.get("teach.block.caption.strips")};
        return new Rendered(TeachingRenderer.column(panels, caption), List.copyOf(keys));
    }

    /** @param bodyAt receives where the body lies in the panel */
    private static BufferedImage panel(int number, int total, Step s, Context c, int[] bodyAt) {
        BufferedImage body = s.body().apply(c);
        String title = "%d/%d  %s".formatted(number, total, s.title());
        java.awt.Font titleFont = Draw.title();
        java.awt.Font captionFont = Draw.caption();
        java.awt.Font smallFont = Draw.small();
        int titleH = Draw.lineHeight(titleFont) + 2;
        int lineH = Draw.lineHeight(captionFont);
        int w = Math.max(body.getWidth(), Math.max(Draw.width(title, titleFont), Math.max(Draw.width(s.formula(), captionFont),
                Draw.width(s.shapes(), smallFont)))) + 12;
        int bodyTop = titleH + 2 * lineH + 8;
        BufferedImage out = Draw.white(w, bodyTop + body.getHeight() + 6);
        Graphics2D g = Draw.graphics(out);
        g.setColor(new Color(245, 246, 250));
        g.fillRect(0, 0, w, bodyTop - 4);
        Draw.text(g, title, 6, 2, titleFont, Draw.INK);
        Draw.text(g, s.formula(), 6, titleH + 2, captionFont, new Color(20, 60, 140));
        Draw.text(g, s.shapes(), 6, titleH + lineH + 4, smallFont, new Color(90, 90, 90));
        g.drawImage(body, 6, bodyTop, null);
        g.dispose();
        bodyAt[0] = 6;
        bodyAt[1] = bodyTop;
        return out;
    }

    private static String t(String key) { return Messages.get(key); }

    private static List<Step> steps(SwinConfig config) {
        return config.isV2() ? stepsV2() : stepsV1();
    }

    private static List<Step> stepsV1() {
        List<Step> s = new ArrayList<>();
        s.add(new Step(t("teach.block.step.input.title"), t("teach.block.step.input.formula.v1"), "(L, C) = (H·W, C)",
                c -> strips(c, List.of(new Named("x", c.trace().get("input"))))));
        s.add(new Step(t("teach.block.step.ln1.before.title"), t("teach.block.step.ln1.before.formula"),
                t("teach.block.step.ln1.before.shapes"), c -> strips(c, List.of(new Named("LN1(x)", c.trace().get("norm1"))))));
        s.add(qkvStep(t("teach.block.step.qkv.formula.v1")));
        s.add(new Step(t("teach.block.step.scores.title"), t("teach.block.step.scores.formula"),
                t("teach.block.step.scores.shapes"), c -> rows(c, "scores", "q·kᵀ/√d")));
        s.add(new Step(t("teach.block.step.bias.title"), t("teach.block.step.bias.formula"),
                t("teach.block.step.bias.shapes"), BlockWalkthrough::biasAndMask));
        s.add(softmaxStep());
        s.add(sumStep());
        s.add(projStep());
        s.add(residualStep(t("teach.block.step.residual1.title"), "x' = x + proj", "input", "proj", "residual1"));
        s.add(new Step(t("teach.block.step.ln2.before.title"), t("teach.block.step.ln2.before.formula"), "(L, C) → (L, C)",
                c -> strips(c, List.of(new Named("LN2(x')", c.trace().get("norm2"))))));
        s.add(new Step(t("teach.block.step.fc1.title"), "fc1(LN2(x')) = LN2(x')·W_1ᵀ + b_1", "(L, C) → (L, 4C)", c -> strips(c, List.of(new Named("fc1", c.trace().get("fc1"))))));
        s.add(new Step("GELU", t("teach.block.step.gelu.formula.v1"), "(L, 4C) → (L, 4C)",
                c -> strips(c, List.of(new Named("fc1", c.trace().get("fc1")), new Named("GELU", c.trace().get("gelu"))))));
        s.add(new Step(t("teach.block.step.fc2.title"), "fc2(GELU) = GELU·W_2ᵀ + b_2", "(L, 4C) → (L, C)", c -> strips(c, List.of(new Named("fc2", c.trace().get("fc2"))))));
        s.add(residualStep(t("teach.block.step.residual2.title"), "out = x' + fc2", "residual1", "fc2", "output"));
        return s;
    }

    private static List<Step> stepsV2() {
        List<Step> s = new ArrayList<>();
        s.add(new Step(t("teach.block.step.input.title"), t("teach.block.step.input.formula.v2"),
                t("teach.block.step.input.shapes.v2"), c -> strips(c, List.of(new Named("x", c.trace().get("input"))))));
        s.add(qkvStep(t("teach.block.step.qkv.formula.v2")));
        s.add(new Step(t("teach.block.step.scores.title.v2"), t("teach.block.step.scores.formula.v2"),
                t("teach.block.step.scores.shapes.v2"), c -> rows(c, "scores", "τ·cos")));
        s.add(new Step(t("teach.block.step.bias.title.v2"), t("teach.block.step.bias.formula.v2"),
                t("teach.block.step.bias.shapes.v2"), BlockWalkthrough::biasAndMask));
        s.add(softmaxStep());
        s.add(sumStep());
        s.add(projStep());
        s.add(new Step(t("teach.block.step.ln1.after.title"), t("teach.block.step.ln1.after.formula"), "(L, C) → (L, C)",
                c -> strips(c, List.of(new Named("LN1(proj)", c.trace().get("norm1"))))));
        s.add(residualStep(t("teach.block.step.residual1.title"), "x' = x + LN1(proj)", "input", "norm1", "residual1"));
        s.add(new Step(t("teach.block.step.fc1.title"), "fc1(x') = x'·W_1ᵀ + b_1", "(L, C) → (L, 4C)", c -> strips(c, List.of(new Named("fc1", c.trace().get("fc1"))))));
        s.add(new Step("GELU", t("teach.block.step.gelu.formula.v2"), "(L, 4C) → (L, 4C)",
                c -> strips(c, List.of(new Named("fc1", c.trace().get("fc1")), new Named("GELU", c.trace().get("gelu"))))));
        s.add(new Step(t("teach.block.step.fc2.title"), "fc2(GELU) = GELU·W_2ᵀ + b_2", "(L, 4C) → (L, C)", c -> strips(c, List.of(new Named("fc2", c.trace().get("fc2"))))));
        s.add(new Step(t("teach.block.step.ln2.after.title"), "LN2(fc2)", "(L, C) → (L, C)", c -> strips(c, List.of(new Named("LN2(fc2)", c.trace().get("norm2"))))));
        s.add(residualStep(t("teach.block.step.residual2.title"), "out = x' + LN2(fc2)", "residual1", "norm2", "output"));
        return s;
    }

    private static Step qkvStep(String formula) {
        return new Step(t("teach.block.step.qkv.title"), formula, "(nW·N, C) → (nW·N, 3C) → 3 × (nW, h, N, d)", c -> {
            Trace t = c.trace();
            int heads = (int) t.shape("q")[0];
            int n = (int) t.shape("q")[1];
            int d = (int) t.shape("q")[2];
            List<BufferedImage> columns = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                columns.add(stripColumn(c.signed(), Messages.get("teach.block.head", h), List.of(
                        new Named("q", slice(t.get("q"), (h * n + t.queryIndex()) * d, d)),
                        new Named("k", slice(t.get("k"), (h * n + t.queryIndex()) * d, d)),
                        new Named("v", slice(t.get("v"), (h * n + t.queryIndex()) * d, d))), headWidth(heads)));
            }
            return wrap(columns);
        });
    }

    private static Step softmaxStep() {
        return new Step(t("teach.block.step.softmax.title"), t("teach.block.step.softmax.formula"),
                t("teach.block.step.softmax.shapes"), BlockWalkthrough::softmax);
    }

    private static Step sumStep() {
        return new Step(t("teach.block.step.sum.title"), t("teach.block.step.sum.formula"),
                t("teach.block.step.sum.shapes"), c -> {
                    Trace t = c.trace();
                    int heads = (int) t.shape("context")[0];
                    int d = (int) t.shape("context")[1];
                    List<BufferedImage> columns = new ArrayList<>();
                    for (int h = 0; h < heads; h++) {
                        columns.add(stripColumn(c.signed(), Messages.get("teach.block.head", h), List.of(new Named("o", slice(t.get("context"), h * d, d))), headWidth(heads)));
                    }
                    return wrap(columns);
                });
    }

    private static Step projStep() {
        return new Step(t("teach.block.step.proj.title"), t("teach.block.step.proj.formula"),
                t("teach.block.step.proj.shapes"), c -> {
                    Trace t = c.trace();
                    int heads = (int) t.shape("context")[0];
                    List<BufferedImage> parts = new ArrayList<>();
                    parts.add(strip(c.signed(), "concat(o_1..o_" + heads + ")", t.get("context"), heads, STRIP_WIDTH));
                    parts.add(strip(c.signed(), "proj", t.get("proj"), 0, STRIP_WIDTH));
                    return TeachingRenderer.column(parts, new String[0]);
                });
    }

    private static Step residualStep(String title, String formula, String before, String delta, String after) {
        return new Step(title, formula, "(L, C) + (L, C) → (L, C)", c -> {
            Trace t = c.trace();
            float[] x = t.get(before);
            float[] dx = t.get(delta);
            double ratio = norm(dx) / Math.max(1e-12, norm(x));
            List<BufferedImage> parts = new ArrayList<>();
            parts.add(strip(c.signed(), Messages.get("teach.block.residual.before"), x, 0, STRIP_WIDTH));
            parts.add(strip(c.signed(), Messages.get("teach.block.residual.branch"), dx, 0, STRIP_WIDTH));
            parts.add(strip(c.signed(), Messages.get("teach.block.residual.after"), t.get(after), 0, STRIP_WIDTH));
            return TeachingRenderer.column(parts, new String[]{Messages.get("teach.block.residual.ratio", ratio)});
        });
    }

    private record Named(String name, float[] values) { }

    private static BufferedImage strips(Context c, List<Named> named) {
        List<BufferedImage> parts = new ArrayList<>();
        for (Named n : named) parts.add(strip(c.signed(), n.name(), n.values(), 0, STRIP_WIDTH));
        return TeachingRenderer.column(parts, new String[0]);
    }

    private static int headWidth(int heads) {
        return Math.max(90, Math.min(STRIP_WIDTH, (STRIP_WIDTH + 200) / Math.min(heads, 4) - 16));
    }

    private static BufferedImage stripColumn(Diverging signed, String title, List<Named> named, int width) {
        List<BufferedImage> parts = new ArrayList<>();
        for (Named n : named) parts.add(strip(signed, n.name(), n.values(), 0, width));
        BufferedImage body = TeachingRenderer.column(parts, new String[0]);
        java.awt.Font font = Draw.title();
        int titleH = Draw.lineHeight(font);
        BufferedImage out = Draw.white(Math.max(body.getWidth(), Draw.width(title, font) + 4), titleH + body.getHeight());
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, Draw.GAP, 0, font, Draw.INK);
        g.drawImage(body, 0, titleH, null);
        g.dispose();
        return out;
    }

    /** Columns left to right, wrapped after 4. */
    private static BufferedImage wrap(List<BufferedImage> columns) {
        List<BufferedImage> rows = new ArrayList<>();
        for (int i = 0; i < columns.size(); i += 4) rows.add(TeachingRenderer.row(columns.subList(i, Math.min(columns.size(), i + 4))));
        return TeachingRenderer.column(rows, new String[0]);
    }

    /**
     * A labelled colour strip of a vector with its norm; {@code segments} > 1 outlines that many equal parts
     * (the heads of a concatenation).
     */
    static BufferedImage strip(String name, float[] v, int segments, int width) {
        return strip(Diverging.RED_BLUE, name, v, segments, width);
    }

    /** The same in the signed-values map the user chose (View > Signed values). */
    static BufferedImage strip(Diverging signed, String name, float[] v, int segments, int width) {
        double max = 0;
        for (float x : v) max = Math.max(max, Math.abs(x));
        String label = name + "  (" + v.length + ")";
        String normText = "‖·‖ = " + Draw.number(norm(v));
        java.awt.Font font = Draw.small();
        int labelH = Draw.lineHeight(font);
        int cells = Math.min(v.length, width);
        double per = (double) v.length / cells;
        int cellW = Math.max(1, width / cells);
        int w = Math.max(cells * cellW, Draw.width(label, font) + Draw.width(normText, font) + 12);
        BufferedImage out = Draw.white(w + 2, labelH + STRIP_HEIGHT + 4);
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, label, 0, 0, font, Draw.INK);
        Draw.text(g, normText, w - Draw.width(normText, font), 0, font, new Color(90, 90, 90));
        for (int k = 0; k < cells; k++) {
            int from = (int) Math.floor(k * per);
            int to = Math.max(from + 1, (int) Math.floor((k + 1) * per));
            double s = 0;
            for (int i = from; i < to; i++) s += v[i];
            double mean = s / (to - from);
            g.setColor(new Color(signed.argb(max > 0 ? mean / max : 0), true));
            g.fillRect(k * cellW, labelH + 2, cellW, STRIP_HEIGHT);
        }
        g.setColor(new Color(120, 120, 120));
        g.drawRect(0, labelH + 2, cells * cellW - 1, STRIP_HEIGHT - 1);
        if (segments > 1) {
            g.setColor(Draw.INK);
            g.setStroke(new BasicStroke(2f));
            for (int s = 1; s < segments; s++) {
                int x = (int) Math.round((double) s * cells * cellW / segments);
                g.drawLine(x, labelH, x, labelH + STRIP_HEIGHT + 3);
            }
        }
        g.dispose();
        return out;
    }

    /** Each head's row of one (h, N) array as an N-cell strip. */
    private static BufferedImage rows(Context c, String name, String label) {
        Trace t = c.trace();
        int heads = (int) t.shape(name)[0];
        int n = (int) t.shape(name)[1];
        List<BufferedImage> parts = new ArrayList<>();
        for (int h = 0; h < heads; h++) parts.add(strip(c.signed(), Messages.get("teach.block.head.label", h, label), slice(t.get(name), h * n, n), 0, Math.min(STRIP_WIDTH, n * 14)));
        return TeachingRenderer.column(parts, new String[0]);
    }

    private static BufferedImage biasAndMask(Context c) {
        Trace t = c.trace();
        int heads = (int) t.shape("bias")[0];
        int n = (int) t.shape("bias")[1];
        List<BufferedImage> parts = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            float[] total = new float[n];
            for (int j = 0; j < n; j++) total[j] = t.get("scores")[h * n + j] + t.get("bias")[h * n + j] + t.get("mask")[h * n + j];
            parts.add(TeachingRenderer.row(List.of(
                    strip(c.signed(), Messages.get("teach.block.strip.bias", h), slice(t.get("bias"), h * n, n), 0, Math.min(260, n * 8)),
                    strip(c.signed(), Messages.get("teach.block.strip.mask"), slice(t.get("mask"), h * n, n), 0, Math.min(260, n * 8)),
                    strip(c.signed(), Messages.get("teach.block.strip.sum"), total, 0, Math.min(260, n * 8)))));
        }
        return TeachingRenderer.column(parts, new String[0]);
    }

    /** Each head's weights as bars over the N keys, the top keys with their value vectors, and the window on the image. */
    private static BufferedImage softmax(Context c) {
        Trace t = c.trace();
        int heads = (int) t.shape("probs")[0];
        int n = (int) t.shape("probs")[1];
        int d = (int) t.shape("v")[2];
        int cell = Math.max(5, Math.min(24, 360 / n));
        int barH = 46;
        java.awt.Font font = Draw.small();
        int labelH = Draw.lineHeight(font);
        List<BufferedImage> bars = new ArrayList<>();
        List<BufferedImage> tops = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            float[] p = slice(t.get("probs"), h * n, n);
            float largest = 0;
            for (float v : p) largest = Math.max(largest, v);
            // bars to the head's largest weight: over 49 keys the weights are a few hundredths, a few pixels on a 0..1 scale
            String title = Messages.get("teach.block.softmax.weights", h, n, t.queryIndex(), largest);
            BufferedImage b = Draw.white(Math.max(n * cell + 2, Draw.width(title, font) + 4), labelH + barH + 4);
            Graphics2D g = Draw.graphics(b);
            Draw.text(g, title, 0, 0, font, Draw.INK);
            for (int j = 0; j < n; j++) {
                int bh = Math.max(1, (int) Math.round(largest > 0 ? p[j] / largest * barH : 0));   // at least a hairline: a weight of ~0 still shows
                boolean padded = t.sources()[j] < 0;
                g.setColor(j == c.hoverKey() ? new Color(220, 40, 40) : padded ? new Color(170, 170, 170) : new Color(40, 90, 170));
                g.fillRect(j * cell + 1, labelH + 2 + barH - bh, cell - 2, bh);
                if (j == t.queryIndex()) {
                    g.setColor(Draw.INK);
                    g.drawRect(j * cell, labelH + 1, cell - 1, barH + 2);
                }
            }
            g.dispose();
            bars.add(b);
            List<BufferedImage> column = new ArrayList<>();
            for (int j : top(p, 3)) {
                String where = t.sources()[j] < 0 ? Messages.get("teach.block.softmax.padding")
                        : Messages.get("teach.block.softmax.token", t.sources()[j] / t.width(), t.sources()[j] % t.width());
                column.add(strip(c.signed(), Messages.get("teach.block.softmax.top", p[j], j, where), slice(t.get("v"), (h * n + j) * d, d), 0, 180));
            }
            if (c.hoverKey() >= 0 && c.hoverKey() < n) {
                int j = c.hoverKey();
                column.add(strip(c.signed(), Messages.get("teach.block.softmax.pointed", j, p[j]), slice(t.get("v"), (h * n + j) * d, d), 0, 180));
            }
            tops.add(stack(column));
        }
        BufferedImage thumb = windowOnImage(c, heads, n);
        int barsW = bars.stream().mapToInt(BufferedImage::getWidth).max().orElse(0);
        int topsW = tops.stream().mapToInt(BufferedImage::getWidth).max().orElse(0);
        int height = 0;
        for (int h = 0; h < heads; h++) height += Math.max(bars.get(h).getHeight(), tops.get(h).getHeight()) + Draw.GAP;
        int x2 = barsW + 2 * Draw.GAP;
        int x3 = x2 + topsW + 2 * Draw.GAP;
        BufferedImage out = Draw.white(x3 + thumb.getWidth(), Math.max(height, thumb.getHeight()));
        Graphics2D g = out.createGraphics();
        int y = 0;
        for (int h = 0; h < heads; h++) {
            g.drawImage(bars.get(h), 0, y, null);
            g.drawImage(tops.get(h), x2, y, null);
            for (int j = 0; j < n; j++) c.keys().add(new KeyCell(new Rectangle(j * cell, y + labelH + 2, cell, barH), j));
            y += Math.max(bars.get(h).getHeight(), tops.get(h).getHeight()) + Draw.GAP;
        }
        g.drawImage(thumb, x3, 0, null);
        g.dispose();
        return out;
    }

    /** Images top to bottom, no margins. */
    private static BufferedImage stack(List<BufferedImage> images) {
        int w = 1;
        int h = 1;
        for (BufferedImage i : images) {
            w = Math.max(w, i.getWidth());
            h += i.getHeight() + 2;
        }
        BufferedImage out = Draw.white(w, h);
        Graphics2D g = out.createGraphics();
        int y = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, 0, y, null);
            y += i.getHeight() + 2;
        }
        g.dispose();
        return out;
    }

    /** The model's input with the query's window: its keys outlined, the query in black, the hovered key in red. */
    private static BufferedImage windowOnImage(Context c, int heads, int n) {
        Trace t = c.trace();
        AnalysedImage a = c.image();
        BufferedImage view = a.input().modelView();
        double k = (double) THUMB / Math.max(view.getWidth(), view.getHeight());
        int w = (int) Math.round(view.getWidth() * k);
        int h = (int) Math.round(view.getHeight() * k);
        java.awt.Font font = Draw.small();
        int labelH = Draw.lineHeight(font);
        String title = Messages.get("teach.block.softmax.window");
        BufferedImage out = Draw.white(Math.max(w + 2, Draw.width(title, font) + 2), h + labelH + 4);
        Graphics2D g = Draw.graphics(out);
        Draw.text(g, title, 0, 0, font, Draw.INK);
        g.drawImage(view, 0, labelH + 2, w, h, null);
        double token = (double) a.tokenPixels(t.geometry().stage()) * k;
        float[] mean = new float[n];
        for (int hh = 0; hh < heads; hh++) for (int j = 0; j < n; j++) mean[j] += t.get("probs")[hh * n + j] / heads;
        float max = 0;
        for (float m : mean) max = Math.max(max, m);
        for (int j = 0; j < n; j++) {
            int src = t.sources()[j];
            if (src < 0) continue;
            int x = (int) Math.round((src % t.width()) * token);
            int y = labelH + 2 + (int) Math.round((src / t.width()) * token);
            int side = (int) Math.ceil(token);
            g.setColor(new Color(255, 200, 0, (int) Math.round(40 + 180 * (max > 0 ? mean[j] / max : 0))));
            g.fillRect(x, y, side, side);
            g.setColor(j == t.queryIndex() ? Color.BLACK : j == c.hoverKey() ? new Color(220, 40, 40) : new Color(255, 255, 255, 160));
            g.setStroke(new BasicStroke(j == t.queryIndex() || j == c.hoverKey() ? 2f : 1f));
            g.drawRect(x, y, side - 1, side - 1);
        }
        g.dispose();
        return out;
    }

    private static int[] top(float[] p, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Float.compare(p[y], p[x]));
        int[] out = new int[Math.min(k, p.length)];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }

    private static float[] slice(float[] v, int from, int length) {
        return java.util.Arrays.copyOfRange(v, from, from + length);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }
}
