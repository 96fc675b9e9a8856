package io.swinlens.analysis;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;

/** Scales heatmap values to [0, 1] (see {@link Normalisation}). */
public final class Normaliser {

    private Normaliser() { }

    /**
     * The map scaled to [0, 1].
     *
     * @param geometry  the block whose windows PER_WINDOW uses (its own partition, shifted for SW-MSA)
     * @param globalMax the largest value over all heads of the block (used by GLOBAL only); see {@link #globalMax}
     */
    public static float[] normalise(TokenMap map, BlockGeometry geometry, Normalisation normalisation, float globalMax) {
        return switch (normalisation) {
            case PER_HEAD -> scaled(map.values(), map.max());
            case GLOBAL -> scaled(map.values(), globalMax);
            case PER_WINDOW -> perWindow(map, geometry);
        };
    }

    /** Normalises the map of this attention, head and mode, computing the global maximum when needed. */
    public static float[] normalise(TokenMap map, BlockAttention a, HeatmapMode mode, int tokenY, int tokenX, Normalisation n) {
        float global = n == Normalisation.GLOBAL ? globalMax(a, mode, tokenY, tokenX) : 0;
        return normalise(map, a.geometry(), n, global);
    }

    /** The largest value of the mode's map over every head of the block. */
    public static float globalMax(BlockAttention a, HeatmapMode mode, int tokenY, int tokenX) {
        float max = 0;
        for (int h = 0; h < a.heads(); h++) {
            TokenMap m = mode == HeatmapMode.QUERY ? AttentionMaps.query(a, h, tokenY, tokenX) : AttentionMaps.received(a, h);
            max = Math.max(max, m.max());
        }
        return max;
    }

    /** The value that 1.0 stands for, for a colorbar label; NaN for PER_WINDOW (each window has its own). */
    public static float upperValue(TokenMap map, BlockAttention a, HeatmapMode mode, int tokenY, int tokenX, Normalisation n) {
        return switch (n) {
            case PER_HEAD -> map.max();
            case GLOBAL -> globalMax(a, mode, tokenY, tokenX);
            case PER_WINDOW -> mode == HeatmapMode.QUERY ? map.max() : Float.NaN;
        };
    }

    private static float[] scaled(float[] values, float max) {
        float[] out = new float[values.length];
        if (!(max > 0)) return out;
        for (int k = 0; k < values.length; k++) out[k] = Math.min(1f, values[k] / max);
        return out;
    }

    private static float[] perWindow(TokenMap map, BlockGeometry g) {
        int n = g.tokensPerWindow();
        int[] index = AttentionMaps.partitionIndex(g);
        float[] out = new float[map.values().length];
        for (int w = 0; w < g.windowCount(); w++) {
            float max = 0;
            for (int j = 0; j < n; j++) if (index[w * n + j] >= 0) max = Math.max(max, map.values()[index[w * n + j]]);
            for (int j = 0; j < n; j++) {
                int t = index[w * n + j];
                if (t < 0) continue;                 // padding
                out[t] = max > 0 ? Math.min(1f, map.values()[t] / max) : 0;
            }
        }
        return out;
    }
}
