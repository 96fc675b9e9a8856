package io.swinlens.analysis.teaching;

import java.util.Arrays;

/**
 * A height x width matrix of values, row-major: (y, x) at index y·width + x. Used for what is not a map
 * over a stage's tokens (those are {@link io.swinlens.analysis.TokenMap}): relative offsets, (query, key) pairs.
 */
public record Grid(int height, int width, float[] values) {

    public Grid {
        if (height <= 0 || width <= 0 || values.length != height * width) {
            throw new IllegalArgumentException("a %dx%d grid needs %d values, got %d".formatted(height, width, height * width, values.length));   // not user text: a programming error
        }
    }

    static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
        return out;
    }

    public float get(int y, int x) { return values[y * width + x]; }

    /** Sum of all values, in double. */
    public double sum() {
        double s = 0;
        for (float v : values) s += v;
        return s;
    }

    public double mean() { return sum() / values.length; }

    @Override public boolean equals(Object o) {
        return o instanceof Grid g && g.height == height && g.width == width && Arrays.equals(g.values, values);
    }

    @Override public int hashCode() { return 31 * (31 * height + width) + Arrays.hashCode(values); }

    @Override public String toString() { return "Grid[" + height + "x" + width + "]"; }
}
