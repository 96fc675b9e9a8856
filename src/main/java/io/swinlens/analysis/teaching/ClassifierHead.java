package io.swinlens.analysis.teaching;

import io.swinlens.model.swin.SwinModel;

/**
 * What follows the last stage (docs/swin-reference.md §3.3): the final LayerNorm(8C) and the Linear(8C -> classes) head.
 *
 * @param weight (classes, channels) row-major, as head.weight is stored
 */
public record ClassifierHead(int classes, int channels, float[] normWeight, float[] normBias, float[] weight, float[] bias) {

    /** LayerNorm epsilon, 1e-5 everywhere in Swin (docs/swin-reference.md §3.2). */
    public static final double LAYER_NORM_EPS = 1e-5;

    public ClassifierHead {
        if (normWeight.length != channels || normBias.length != channels || weight.length != classes * channels || bias.length != classes) {
            throw new IllegalArgumentException("a head for %d classes over %d channels got norm %d/%d, weight %d, bias %d"   // not user text: a programming error
                    .formatted(classes, channels, normWeight.length, normBias.length, weight.length, bias.length));
        }
    }

    public static ClassifierHead of(SwinModel model) {
        return new ClassifierHead(model.config().numClasses(), model.config().finalDim(), model.finalNormWeight(),
                model.finalNormBias(), model.headWeight(), model.headBias());
    }

    /** LN(x) for one token of {@code channels} values starting at {@code offset}; biased variance. */
    double[] normalize(float[] tokens, int offset) {
        double mean = 0;
        for (int k = 0; k < channels; k++) mean += tokens[offset + k];
        mean /= channels;
        double variance = 0;
        for (int k = 0; k < channels; k++) {
            double d = tokens[offset + k] - mean;
            variance += d * d;
        }
        double inv = 1 / Math.sqrt(variance / channels + LAYER_NORM_EPS);
        double[] out = new double[channels];
        for (int k = 0; k < channels; k++) out[k] = (tokens[offset + k] - mean) * inv * normWeight[k] + normBias[k];
        return out;
    }
}
