package io.swinlens.analysis.teaching;

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
        if (query < 0 || query >= n) throw new IllegalArgumentException("query " + query + " is outside the window's " + n + " tokens");
        float[] all = probs(p, bias, mask);
        float[] out = new float[n];
        System.arraycopy(all, query * n, out, 0, n);
        return out;
    }

    /** The formula, as the reference implementations compute it. */
    public static final String FORMULA = "Attention(Q, K, V) = softmax(Q·Kᵀ/√d + B + M)·V";

    /** Mistakes seen in explainers of this formula, one line each. */
    public static final String[] COMMON_MISTAKES = {
        "The scale 1/√d (d = head dim) multiplies q before q·kᵀ; the softmax output is never divided by d_k.",
        "The scale is 1/√d, not √d_k/√d_k (= 1), and not √d.",
        "Masked pairs get -100, not -inf: exp(-100) ≈ 4e-44 is all but zero, and a row never becomes NaN.",
        "Swin's MLP uses the exact GELU (erf), not the tanh approximation.",
    };
}
