package io.swinlens.model.capture;

import io.swinlens.model.geometry.BlockGeometry;

/**
 * The pieces of one head's scores in one window, each (N, N) row-major: softmax(qk + bias + mask) = probs.
 * {@code qk} is (q·scale)·kᵀ, {@code bias} the gathered relative position bias, {@code mask} 0 or -100.
 */
public record ScoreParts(BlockGeometry geometry, int window, int head, float[] qk, float[] bias, float[] mask, float[] probs) {

    public int tokensPerWindow() { return geometry.tokensPerWindow(); }
}
