package io.swinlens.model.swin;

import java.util.Random;

/**
 * Random weights of any requested shape, for benchmarks and tests: N(0, 0.02²) like the official
 * initialisation, LayerNorm weights 1 and biases 0.
 */
public final class RandomTensorSource implements TensorSource {

    private final long seed;

    public RandomTensorSource(long seed) { this.seed = seed; }

    @Override public long[] shapeOf(String key) { return null; }

    @Override public float[] get(String key, long... shape) {
        long count = 1;
        for (long d : shape) count *= d;
        float[] values = new float[Math.toIntExact(count)];
        boolean isNorm = key.contains("norm");
        if (isNorm && key.endsWith(".weight")) {
            java.util.Arrays.fill(values, 1f);
        } else if (!isNorm) {
            Random random = new Random(seed * 31 + key.hashCode());
            for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * 0.02);
        }
        return values;
    }
}
