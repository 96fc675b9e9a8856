package io.swinlens.model.capture;

import io.swinlens.model.geometry.BlockGeometry;

/**
 * One block's post-softmax attention, float32 (nW, heads, N, N) in C order, windows in partition
 * order over the cyclically shifted map (docs/swin-reference.md §3.7), exactly as the PyTorch implementations hold it.
 */
public record BlockAttention(BlockGeometry geometry, int heads, float[] probs) {

    public BlockAttention {
        int n = geometry.tokensPerWindow();
        long expected = (long) geometry.windowCount() * heads * n * n;
        if (probs.length != expected) {
            throw new IllegalArgumentException("attention of " + geometry + " needs " + expected + " values, got " + probs.length);
        }
    }

    public int stage() { return geometry.stage(); }

    public int block() { return geometry.block(); }

    public int windows() { return geometry.windowCount(); }

    public int tokensPerWindow() { return geometry.tokensPerWindow(); }

    /** Shape (nW, heads, N, N). */
    public long[] shape() {
        int n = tokensPerWindow();
        return new long[]{windows(), heads, n, n};
    }

    /** Attention of query i to key j in window w, head h. */
    public float get(int window, int head, int i, int j) {
        int n = tokensPerWindow();
        return probs[((window * heads + head) * n + i) * n + j];
    }

    /** Offset of row (w, h, i) in {@link #probs}: the N keys of that query follow. */
    public int rowOffset(int window, int head, int query) {
        int n = tokensPerWindow();
        return ((window * heads + head) * n + query) * n;
    }
}
