package io.swinlens.model.capture;

/** A stage's feature map after its last block and before patch merging: (H, W, C) row-major tokens. */
public record StageOutput(int stage, int height, int width, int channels, float[] tokens) {

    public float get(int y, int x, int c) { return tokens[(y * width + x) * channels + c]; }
}
