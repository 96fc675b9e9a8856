package io.swinlens.model.weights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A two-stage Swin small enough to write by hand (C=4, depths 2,2, heads 1,2, window 2, 3 classes),
 * under official keys (docs/swin-reference.md §6) with distinct, exactly representable values.
 */
final class TinySwin {

    static final int C = 4;
    static final int[] HEADS = {1, 2};
    static final int BLOCKS = 2;

    private TinySwin() {
    }

    /** Official key -> shape, in state-dict order, including the two buffers. */
    static Map<String, long[]> officialShapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("patch_embed.proj.weight", new long[] {C, 3, 4, 4});
        s.put("patch_embed.proj.bias", new long[] {C});
        s.put("patch_embed.norm.weight", new long[] {C});
        s.put("patch_embed.norm.bias", new long[] {C});
        for (int i = 0; i < HEADS.length; i++) {
            long ci = (long) C << i;
            for (int j = 0; j < BLOCKS; j++) {
                String b = "layers." + i + ".blocks." + j + ".";
                s.put(b + "norm1.weight", new long[] {ci});
                s.put(b + "norm1.bias", new long[] {ci});
                s.put(b + "attn.relative_position_bias_table", new long[] {9, HEADS[i]});
                s.put(b + "attn.relative_position_index", new long[] {4, 4});
                s.put(b + "attn.qkv.weight", new long[] {3 * ci, ci});
                s.put(b + "attn.qkv.bias", new long[] {3 * ci});
                s.put(b + "attn.proj.weight", new long[] {ci, ci});
                s.put(b + "attn.proj.bias", new long[] {ci});
                s.put(b + "norm2.weight", new long[] {ci});
                s.put(b + "norm2.bias", new long[] {ci});
                s.put(b + "mlp.fc1.weight", new long[] {4 * ci, ci});
                s.put(b + "mlp.fc1.bias", new long[] {4 * ci});
                s.put(b + "mlp.fc2.weight", new long[] {ci, 4 * ci});
                s.put(b + "mlp.fc2.bias", new long[] {ci});
                if (j % 2 == 1 && i < HEADS.length - 1) {
                    s.put(b + "attn_mask", new long[] {4, 4, 4});
                }
            }
            if (i < HEADS.length - 1) {
                s.put("layers." + i + ".downsample.reduction.weight", new long[] {2 * ci, 4 * ci});
                s.put("layers." + i + ".downsample.norm.weight", new long[] {4 * ci});
                s.put("layers." + i + ".downsample.norm.bias", new long[] {4 * ci});
            }
        }
        s.put("norm.weight", new long[] {2 * C});
        s.put("norm.bias", new long[] {2 * C});
        s.put("head.weight", new long[] {3, 2 * C});
        s.put("head.bias", new long[] {3});
        return s;
    }

    /** Official key -> values: tensor number plus element/1024, all exact in float32. */
    static Map<String, float[]> officialValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        int index = 0;
        for (var e : officialShapes().entrySet()) {
            float[] v = new float[Math.toIntExact(RawTensor.numel(e.getValue()))];
            for (int k = 0; k < v.length; k++) {
                v[k] = index + k / 1024f;
            }
            out.put(e.getKey(), v);
            index++;
        }
        return out;
    }

    static boolean isBuffer(String key) {
        return key.endsWith("relative_position_index") || key.endsWith("attn_mask");
    }

    static float[] rows(float[] values, long[] shape, int part) {
        int n = values.length / 3;
        return Arrays.copyOfRange(values, part * n, (part + 1) * n);
    }
}
