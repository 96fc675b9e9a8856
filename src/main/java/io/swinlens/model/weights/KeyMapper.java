package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects which of the four namings a Swin V1 or V2 state dict uses and renames its keys to the
 * official ones (docs/swin-reference.md §6, "Canonical mapping"; docs/swin-reference.md §9 for V2). Buffers the model recomputes
 * (relative_position_index, attn_mask) are dropped; V2's relative_coords_table is kept, since it tells the
 * pretrained window. V2's separate q and v biases become one qkv.bias with a zero k third, as torchvision
 * stores it. Keys it does not recognise pass through unchanged so the model loader can report them as unexpected.
 */
final class KeyMapper {

    private static final Set<String> DROPPED_SUFFIXES = Set.of("relative_position_index", "attn_mask");
    private static final Pattern V2_BIAS = Pattern.compile("^(.*\\.attn\\.)(q_bias|v_bias)$");
    private static final Pattern DOWNSAMPLE = Pattern.compile("^layers\\.(\\d+)\\.downsample\\.(.*)");
    private static final Pattern TV_BLOCK = Pattern.compile("^features\\.(\\d+)\\.(\\d+)\\.(.*)");
    private static final Pattern TV_MERGE = Pattern.compile("^features\\.(\\d+)\\.(.*)");

    /** The detected naming and version and the tensors under official names, in file order. */
    record Mapped(NamingConvention convention, boolean v2, Map<String, RawTensor> tensors) {
    }

    private KeyMapper() {
    }

    static Mapped toCanonical(Path file, Map<String, RawTensor> stored) throws WeightsException {
        NamingConvention convention = detect(file, stored.keySet());
        boolean v2 = isV2(stored.keySet());
        Map<String, RawTensor> out = new LinkedHashMap<>();
        if (convention == NamingConvention.HF) {
            out = HfQkvMerger.merge(file, stored, v2);
        } else {
            for (RawTensor t : stored.values()) {
                String key = rename(convention, t.name());
                if (!isDropped(key)) {
                    out.put(key, key.equals(t.name()) ? t : t.renamed(key));
                }
            }
        }
        if (v2) out = joinV2Biases(file, out);
        return new Mapped(convention, v2, out);
    }

    /** Swin V2 names: scaled cosine attention (logit_scale) and the continuous position bias MLP. */
    static boolean isV2(Set<String> keys) {
        return keys.stream().anyMatch(k -> k.endsWith("logit_scale") || k.contains("cpb_mlp") || k.endsWith("q_bias")
                || k.contains("continuous_position_bias_mlp") || k.startsWith("swinv2."));
    }

    /** attn.q_bias + attn.v_bias (official, timm) -> attn.qkv.bias = [q_bias; 0; v_bias], at the place of q_bias. */
    private static Map<String, RawTensor> joinV2Biases(Path file, Map<String, RawTensor> in) throws WeightsException {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (RawTensor t : in.values()) {
            Matcher m = V2_BIAS.matcher(t.name());
            if (!m.matches()) {
                out.put(t.name(), t);
                continue;
            }
            String prefix = m.group(1);
            if (m.group(2).equals("v_bias")) {
                if (!in.containsKey(prefix + "q_bias")) {
                    throw WeightsException.of(Kind.MISSING_TENSOR, file, Messages.get("error.v2.noMatchingBias", t.name(), prefix + "q_bias"));
                }
                continue;
            }
            RawTensor v = in.get(prefix + "v_bias");
            if (v == null) throw WeightsException.of(Kind.MISSING_TENSOR, file, Messages.get("error.v2.noMatchingBias", t.name(), prefix + "v_bias"));
            if (t.shape().length != 1 || !java.util.Arrays.equals(t.shape(), v.shape())) {
                throw WeightsException.of(Kind.SHAPE_MISMATCH, file, Messages.get("error.v2.biasShapes", t.name(), java.util.Arrays.toString(t.shape()),
                        v.name(), java.util.Arrays.toString(v.shape())));
            }
            if (in.containsKey(prefix + "qkv.bias")) {
                throw WeightsException.of(Kind.UNEXPECTED_TENSOR, file, Messages.get("error.v2.twoQBiases", prefix + "qkv.bias", t.name()));
            }
            String key = prefix + "qkv.bias";
            RawTensor zeros = RawTensor.ofFloats(prefix + "k_bias", t.shape(), new float[(int) t.shape()[0]]);
            out.put(key, RawTensor.concatRows(key, java.util.List.of(t, zeros, v)));
        }
        return out;
    }

    static NamingConvention detect(Path file, Set<String> keys) throws WeightsException {
        if (keys.stream().anyMatch(k -> k.startsWith("swin.embeddings.") || k.startsWith("embeddings.patch_embeddings.")
                || k.startsWith("swinv2.embeddings."))) {
            return NamingConvention.HF;
        }
        if (keys.contains("features.0.0.weight")) {
            return NamingConvention.TORCHVISION;
        }
        if (keys.contains("patch_embed.proj.weight")) {
            boolean stageZeroMerge = keys.stream().anyMatch(k -> k.startsWith("layers.0.downsample."));
            boolean laterMerge = keys.stream().anyMatch(k -> DOWNSAMPLE.matcher(k).matches());
            return keys.contains("head.fc.weight") || (laterMerge && !stageZeroMerge)
                    ? NamingConvention.TIMM : NamingConvention.OFFICIAL;
        }
        String found = keys.stream().limit(6).map(k -> "'" + k + "'").reduce((a, b) -> a + ", " + b).orElse(Messages.get("error.notSwin.none"));
        throw WeightsException.of(Kind.UNKNOWN_FORMAT, file, Messages.get("error.notSwin", found
                + (keys.size() > 6 ? Messages.get("error.notSwin.more", keys.size()) : "")));
    }

    /** True when these keys are a Swin in one of the four namings (V1 or V2). */
    static boolean namesASwin(Set<String> keys) {
        boolean hf = keys.stream().anyMatch(k -> k.startsWith("swin.embeddings.") || k.startsWith("embeddings.patch_embeddings.")
                || k.startsWith("swinv2.embeddings."));
        boolean torchvision = keys.contains("features.0.0.weight") && keys.contains("features.0.2.weight");   // conv, LayerNorm
        return hf || torchvision || keys.contains("patch_embed.proj.weight");
    }

    static boolean isDropped(String key) {
        return DROPPED_SUFFIXES.stream().anyMatch(s -> key.equals(s) || key.endsWith("." + s));
    }

    static String rename(NamingConvention convention, String key) {
        return switch (convention) {
            case OFFICIAL -> key;
            case TIMM -> timm(key);
            case TORCHVISION -> torchvision(key);
            case HF -> HfQkvMerger.rename(key);
        };
    }

    /** timm puts each merge at the start of the next stage and names the classifier head.fc. */
    private static String timm(String key) {
        Matcher m = DOWNSAMPLE.matcher(key);
        if (m.matches() && Integer.parseInt(m.group(1)) > 0) {
            return "layers." + (Integer.parseInt(m.group(1)) - 1) + ".downsample." + m.group(2);
        }
        return key.startsWith("head.fc.") ? "head." + key.substring("head.fc.".length()) : key;
    }

    /** features.0 = patch embed (0: conv, 2: norm); odd N = stage (N-1)/2 blocks; even N = its merge. */
    private static String torchvision(String key) {
        if (key.startsWith("features.0.0.")) {
            return "patch_embed.proj." + key.substring("features.0.0.".length());
        }
        if (key.startsWith("features.0.2.")) {
            return "patch_embed.norm." + key.substring("features.0.2.".length());
        }
        Matcher block = TV_BLOCK.matcher(key);
        if (block.matches() && Integer.parseInt(block.group(1)) % 2 == 1) {
            String rest = block.group(3).replaceFirst("^mlp\\.0\\.", "mlp.fc1.").replaceFirst("^mlp\\.3\\.", "mlp.fc2.");
            return "layers." + (Integer.parseInt(block.group(1)) - 1) / 2 + ".blocks." + block.group(2) + "." + rest;
        }
        Matcher merge = TV_MERGE.matcher(key);
        int n = merge.matches() ? Integer.parseInt(merge.group(1)) : 0;
        if (n >= 2 && n % 2 == 0) {
            return "layers." + (n / 2 - 1) + ".downsample." + merge.group(2);
        }
        return key;
    }
}
