package io.swinlens.analysis.teaching;

import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.ScoreParts;

/**
 * The attention of one window and head taken apart (docs/swin-reference.md §3.8): probs = softmax(q·scale·kᵀ + B + M)
 * row by row, B the gathered relative position bias and M the shift mask (0 or -100). Switching B or M
 * off recomputes the softmax without it, to show what each term does.
 */
public final class ScoreDecomposition {

    private ScoreDecomposition() { }

    /** The (N, N) logits qk + [B] + [M]. */
    public static float[] logits(ScoreParts p, boolean bias, boolean mask) {
        float[] out = p.qk().clone();
        for (int k = 0; k < out.length; k++) {
            if (bias) out[k] += p.bias()[k];
            if (mask) out[k] += p.mask()[k];
        }
        return out;
    }

    /** softmax over each row of an (N, N) matrix, in double, max-subtracted. */
    public static float[] softmaxRows(float[] logits, int n) {
        float[] out = new float[logits.length];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, logits[i * n + j]);
            double sum = 0;
            double[] e = new double[n];
            for (int j = 0; j < n; j++) sum += e[j] = Math.exp(logits[i * n + j] - max);
            for (int j = 0; j < n; j++) out[i * n + j] = (float) (e[j] / sum);
        }
        return out;
    }

    /** The (N, N) probabilities with the chosen terms; with both on this is {@link ScoreParts#probs()} up to rounding. */
    public static float[] probs(ScoreParts p, boolean bias, boolean mask) {
        return softmaxRows(logits(p, bias, mask), p.tokensPerWindow());
    }

    /** One query's row of {@link #probs}: its attention to the N keys of the window, in window order. */
    public static float[] row(ScoreParts p, int query, boolean bias, boolean mask) {
        int n = p.tokensPerWindow();
        if (query < 0 || query >= n) throw new IllegalArgumentException("query " + query + " is outside the window's " + n + " tokens");   // not user text: a programming error
        float[] all = probs(p, bias, mask);
        float[] out = new float[n];
        System.arraycopy(all, query * n, out, 0, n);
        return out;
    }

    /** The formula, as the reference implementations compute it. */
    public static final String FORMULA = "Attention(Q, K, V) = softmax(Q·Kᵀ/√d + B + M)·V";

    /** Swin V2's formula (docs/swin-reference.md §9): scaled cosine similarity and a bias from a small MLP. */
    public static final String FORMULA_V2 = "Attention(Q, K, V) = softmax(τ_h·cos(Q, K) + 16·σ(CPB(Δ)) + M)·V,  τ_h = exp(min(logit_scale_h, ln 100))";

    /** The formula of this version. */
    public static String formula(io.swinlens.model.config.SwinVersion version) {
        return version == io.swinlens.model.config.SwinVersion.V2 ? FORMULA_V2 : FORMULA;
    }

    /** What the bias term is called in this version's formula, in the current language. */
    public static String biasLegend(io.swinlens.model.config.SwinVersion version) {
        return Messages.get(version == io.swinlens.model.config.SwinVersion.V2 ? "teach.scores.legend.bias.v2" : "teach.scores.legend.bias");
    }

    /** What V2 changed and why, in a few lines for the Scores view, in the current language. */
    public static String[] v2Changes() {
        return lines("teach.scores.v2changes.1", "teach.scores.v2changes.2", "teach.scores.v2changes.3", "teach.scores.v2changes.4");
    }

    /** Mistakes seen in explainers of this version's formula, one line each, in the current language. */
    public static String[] commonMistakes(io.swinlens.model.config.SwinVersion version) {
        return version == io.swinlens.model.config.SwinVersion.V2
                ? lines("teach.mistake.v2.noScale", "teach.mistake.v2.biasPositive", "teach.mistake.v2.noKeyBias", "teach.mistake.v2.softMask")
                : lines("teach.mistake.v1.scale", "teach.mistake.v1.notSqrt", "teach.mistake.v1.mask", "teach.mistake.v1.gelu");
    }

    private static String[] lines(String... keys) {
        String[] out = new String[keys.length];
        for (int k = 0; k < keys.length; k++) out[k] = Messages.get(keys[k]);
        return out;
    }
}
