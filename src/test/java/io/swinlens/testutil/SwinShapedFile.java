package io.swinlens.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors file with the official names and shapes of a whole Swin V1 classifier (Swin-T and the like) and one
 * byte of zeros per value (U8): what {@code fetch} checks a download's architecture on, at a quarter of a float
 * file's size. Not a model to run.
 */
public final class SwinShapedFile {

    private SwinShapedFile() { }

    public static byte[] official(int embed, int[] depths, int[] heads, int window, int classes) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("patch_embed.proj.weight", new long[]{embed, 3, 4, 4});
        shapes.put("patch_embed.proj.bias", new long[]{embed});
        shapes.put("patch_embed.norm.weight", new long[]{embed});
        shapes.put("patch_embed.norm.bias", new long[]{embed});
        long c = embed;
        long span = 2L * window - 1;
        for (int i = 0; i < depths.length; i++) {
            c = (long) embed << i;
            for (int j = 0; j < depths[i]; j++) {
                String b = "layers." + i + ".blocks." + j + ".";
                shapes.put(b + "norm1.weight", new long[]{c});
                shapes.put(b + "norm1.bias", new long[]{c});
                shapes.put(b + "attn.relative_position_bias_table", new long[]{span * span, heads[i]});
                shapes.put(b + "attn.qkv.weight", new long[]{3 * c, c});
                shapes.put(b + "attn.qkv.bias", new long[]{3 * c});
                shapes.put(b + "attn.proj.weight", new long[]{c, c});
                shapes.put(b + "attn.proj.bias", new long[]{c});
                shapes.put(b + "norm2.weight", new long[]{c});
                shapes.put(b + "norm2.bias", new long[]{c});
                shapes.put(b + "mlp.fc1.weight", new long[]{4 * c, c});
                shapes.put(b + "mlp.fc1.bias", new long[]{4 * c});
                shapes.put(b + "mlp.fc2.weight", new long[]{c, 4 * c});
                shapes.put(b + "mlp.fc2.bias", new long[]{c});
            }
            if (i < depths.length - 1) {
                shapes.put("layers." + i + ".downsample.reduction.weight", new long[]{2 * c, 4 * c});
                shapes.put("layers." + i + ".downsample.norm.weight", new long[]{4 * c});
                shapes.put("layers." + i + ".downsample.norm.bias", new long[]{4 * c});
            }
        }
        shapes.put("norm.weight", new long[]{c});
        shapes.put("norm.bias", new long[]{c});
        shapes.put("head.weight", new long[]{classes, c});
        shapes.put("head.bias", new long[]{classes});

        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (var e : shapes.entrySet()) {
            long n = 1;
            StringBuilder dims = new StringBuilder();
            for (long d : e.getValue()) {
                n *= d;
                dims.append(dims.length() == 0 ? "" : ",").append(d);
            }
            if (header.length() > 1) header.append(',');
            header.append("\"").append(e.getKey()).append("\":{\"dtype\":\"U8\",\"shape\":[").append(dims)
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + n).append("]}");
            offset += n;
        }
        header.append('}');
        while ((8 + header.length()) % 8 != 0) header.append(' ');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (8 + h.length + offset));
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(new byte[(int) offset]);
        return out.toByteArray();
    }

    /** Swin-T at 224: embed 96, depths 2-2-6-2, heads 3-6-12-24, window 7, 1000 classes. */
    public static byte[] swinTiny() { return official(96, new int[]{2, 2, 6, 2}, new int[]{3, 6, 12, 24}, 7, 1000); }
}
