package io.swinlens.model.capture;

import io.swinlens.model.geometry.BlockGeometry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TraceRequest} recorded: named float32 arrays in the order the model computes them, each with
 * its shape. For a block, {@code window} and {@code queryIndex} place the token in the block's window order;
 * {@code sources} are, for a merge, the four tokens x0..x3 of the map below (-1 for padding), and for the
 * patch embedding the patch's top-left input pixel (y, x).
 */
public record Trace(TraceRequest request, BlockGeometry geometry, int window, int queryIndex, int height, int width,
                    Map<String, Values> values, int[] sources) {

    /** A float32 array in C order with its shape. */
    public record Values(float[] data, long[] shape) {
        public Values {
            long n = 1;
            for (long d : shape) n *= d;
            if (n != data.length) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public Trace {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public float[] get(String name) {
        Values v = values.get(name);
        if (v == null) throw new IllegalArgumentException("the trace has no '" + name + "'; it has " + values.keySet());
        return v.data();
    }

    public long[] shape(String name) { return values.get(name).shape(); }

    public List<String> names() { return List.copyOf(values.keySet()); }

    /** The token's row (y) and column (x) on its map. */
    public int tokenY() { return request.token() / width; }

    public int tokenX() { return request.token() % width; }
}
