package io.swinlens.analysis;

/** One value per token of a stage's H x W grid, in the original (unshifted) layout, row-major. */
public record TokenMap(int height, int width, float[] values) {

    public TokenMap {
        if (values.length != height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " map needs " + height * width + " values, got " + values.length); // not user text: a programming error
        }
    }

    public float get(int y, int x) { return values[y * width + x]; }

    public float max() {
        float m = 0;
        for (float v : values) m = Math.max(m, v);
        return m;
    }

    public double sum() {
        double s = 0;
        for (float v : values) s += v;
        return s;
    }
}
