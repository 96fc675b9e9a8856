package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face Swin naming: renames to official keys and joins each block's separate
 * query/key/value projections into one qkv (rows q, then k, then v), as official
 * {@code nn.Linear(C, 3C)} expects (after HF convert_swin_timm_to_pytorch.py, reversed).
 */
final class HfQkvMerger {

    private static final String SELF = "attention.self.";
    private static final List<String> PARTS = List.of("query", "key", "value");

    private HfQkvMerger() {
    }

    /** V2 ({@code v2}): the key projection has no bias; a zero third takes its place in qkv.bias. */
    static Map<String, RawTensor> merge(Path file, Map<String, RawTensor> stored, boolean v2) throws WeightsException {
        Map<String, RawTensor> byRenamed = new LinkedHashMap<>();
        stored.values().forEach(t -> byRenamed.put(rename(t.name()), t));
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (RawTensor t : stored.values()) {
            String key = rename(t.name());
            if (KeyMapper.isDropped(key) || key.startsWith("pooler.")) {
                continue;
            }
            String[] split = splitProjection(key);
            if (split == null) {
                out.put(key, key.equals(t.name()) ? t : t.renamed(key));
                continue;
            }
            // split = {block prefix, part, "weight"|"bias"}; emit qkv once, at the first part seen
            String qkvKey = split[0] + "attn.qkv." + split[2];
            if (!out.containsKey(qkvKey)) {
                out.put(qkvKey, concat(file, byRenamed, split[0], split[2], qkvKey, v2));
            }
        }
        return out;
    }

    /** Official key for an HF key; query/key/value keep their HF form for {@link #merge}. */
    static String rename(String key) {
        String k = key.startsWith("swin.") ? key.substring("swin.".length())
                : key.startsWith("swinv2.") ? key.substring("swinv2.".length()) : key;
        k = k.startsWith("encoder.") ? k.substring("encoder.".length()) : k;
        k = k.replaceFirst("^embeddings\\.patch_embeddings\\.projection\\.", "patch_embed.proj.")
                .replaceFirst("^embeddings\\.norm\\.", "patch_embed.norm.")
                .replaceFirst("^layernorm\\.", "norm.")
                .replaceFirst("^classifier\\.", "head.");
        if (!k.startsWith("layers.") || !k.contains(".blocks.")) {
            return k;
        }
        return k.replace(".layernorm_before.", ".norm1.")
                .replace(".layernorm_after.", ".norm2.")
                .replace(".attention.output.dense.", ".attn.proj.")
                .replace(".attention.self.relative_position_bias_table", ".attn.relative_position_bias_table")
                .replace(".attention.self.relative_position_index", ".attn.relative_position_index")
                .replace(".attention.self.relative_coords_table", ".attn.relative_coords_table")
                .replace(".attention.self.logit_scale", ".attn.logit_scale")
                .replace(".attention.self.continuous_position_bias_mlp.", ".attn.cpb_mlp.")
                .replace(".intermediate.dense.", ".mlp.fc1.")
                .replace(".output.dense.", ".mlp.fc2.");
    }

    /** {prefix ending in "blocks.j.", "query"|"key"|"value", "weight"|"bias"} or null. */
    private static String[] splitProjection(String key) {
        int at = key.indexOf(SELF);
        if (at < 0) {
            return null;
        }
        String[] rest = key.substring(at + SELF.length()).split("\\.");
        if (rest.length != 2 || !PARTS.contains(rest[0]) || !(rest[1].equals("weight") || rest[1].equals("bias"))) {
            return null;
        }
        return new String[] {key.substring(0, at), rest[0], rest[1]};
    }

    private static RawTensor concat(Path file, Map<String, RawTensor> byRenamed, String blockPrefix, String kind,
                                    String qkvKey, boolean v2) throws WeightsException {
        RawTensor[] parts = new RawTensor[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = byRenamed.get(blockPrefix + SELF + PARTS.get(i) + "." + kind);
            if (parts[i] == null && v2 && i == 1 && kind.equals("bias") && byRenamed.containsKey(blockPrefix + SELF + "query.bias")) {
                long[] shape = byRenamed.get(blockPrefix + SELF + "query.bias").shape();
                if (shape.length == 1) parts[i] = RawTensor.ofFloats(blockPrefix + SELF + "key.bias", shape, new float[(int) shape[0]]);
            }
            if (parts[i] == null) {
                throw WeightsException.of(Kind.MISSING_TENSOR, file, Messages.get("error.hf.qkvMissing", qkvKey, PARTS.get(i) + "." + kind, blockPrefix + "attention.self"));
            }
        }
        long[] q = parts[0].shape();
        for (int i = 1; i < 3; i++) {
            boolean synthesized = v2 && i == 1 && kind.equals("bias") && !byRenamed.containsKey(blockPrefix + SELF + "key.bias");
            if (!Arrays.equals(q, parts[i].shape()) || (parts[i].dtype() != parts[0].dtype() && !synthesized) || q.length == 0) {
                throw WeightsException.of(Kind.SHAPE_MISMATCH, file, Messages.get("error.hf.qkvMismatch", qkvKey,
                        parts[0].dtype() + Arrays.toString(q), PARTS.get(i), parts[i].dtype() + Arrays.toString(parts[i].shape())));
            }
        }
        return RawTensor.concatRows(qkvKey, List.of(parts));
    }
}
