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

    /** Swin V2's formula (docs/swin-reference.md §9): scaled cosine similarity and a bias from a small MLP. */
    public static final String FORMULA_V2 = "Attention(Q, K, V) = softmax(τ_h·cos(Q, K) + 16·σ(CPB(Δ)) + M)·V,  τ_h = exp(min(logit_scale_h, ln 100))";

    /** The formula of this version. */
    public static String formula(io.swinlens.model.config.SwinVersion version) {
        return version == io.swinlens.model.config.SwinVersion.V2 ? FORMULA_V2 : FORMULA;
    }

    /** What the bias term is called in this version's formula. */
    public static String biasLegend(io.swinlens.model.config.SwinVersion version) {
        return version == io.swinlens.model.config.SwinVersion.V2
                ? "16·σ(CPB): the continuous position bias, an MLP of the log-spaced offset Δ, in (0, 16)"
                : "B: relative position bias";
    }

    /** What V2 changed and why, in a few lines for the Scores view. */
    public static final String[] V2_CHANGES = {
        "Swin V2 changed three things so that large models train stably and transfer across window sizes:",
        "cosine similarity instead of q·kᵀ/√d, so no pair of tokens can dominate by vector length; a learned τ_h per head (at most 100) sets how sharp it is;",
        "the bias comes from a small MLP over log-spaced offsets, so it exists for any window size (a table could not grow from 8 to 24);",
        "LayerNorm after the attention and the MLP (res-post-norm) instead of before, which keeps activations from growing with depth.",
    };

    /** Mistakes seen in explainers of the V2 formula, one line each. */
    public static final String[] COMMON_MISTAKES_V2 = {
        "V2 has no 1/√d: the cosine is in [-1, 1] and τ_h = exp(min(logit_scale_h, ln 100)) scales it, so the logits reach ±100 at most.",
        "The bias is 16·sigmoid(MLP(Δ)), in (0, 16): never negative, unlike V1's table.",
        "The k projection has no bias in V2 (torchvision stores one and zeroes it every forward).",
        "Masked pairs still get -100, and with logits up to 100 that mask is soft: it is added, not a -inf.",
    };

    public static String[] commonMistakes(io.swinlens.model.config.SwinVersion version) {
        return version == io.swinlens.model.config.SwinVersion.V2 ? COMMON_MISTAKES_V2 : COMMON_MISTAKES;
    }

    /** Mistakes seen in explainers of this formula, one line each. */
    public static final String[] COMMON_MISTAKES = {
        "The scale 1/√d (d = head dim) multiplies q before q·kᵀ; the softmax output is never divided by d_k.",
        "The scale is 1/√d, not √d_k/√d_k (= 1), and not √d.",
        "Masked pairs get -100, not -inf: exp(-100) ≈ 4e-44 is all but zero, and a row never becomes NaN.",
        "Swin's MLP uses the exact GELU (erf), not the tanh approximation.",
    };
}
