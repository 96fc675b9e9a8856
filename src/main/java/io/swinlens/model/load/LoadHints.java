package io.swinlens.model.load;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swinlens.i18n.Messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What a V2 checkpoint may not store and the loader looks for elsewhere: its window, its pretrained window
 * sizes (22k-to-1k fine-tuned files, docs/swin-reference.md §9) and its training size. Sources, first
 * that says wins: the user ({@code --pretrained-window}), safetensors metadata, a Hugging Face or timm
 * {@code config.json} beside the file; the file name last (read by {@link ConfigDetector}).
 */
record LoadHints(Integer window, String windowSource, int[] pretrainedWindows, String pretrainedSource,
                 Integer imageSize, String nameHint) {

    static final LoadHints NONE = new LoadHints(null, null, null, null, null, null);

    private static final long MAX_CONFIG_BYTES = 1 << 20;

    /** Hints for {@code file}: the user's pretrained windows (null: none given), its metadata, its config.json. */
    static LoadHints gather(Path file, Map<String, String> metadata, int[] userPretrained) {
        Integer window = null;
        String windowSource = null;
        int[] pretrained = null;
        String pretrainedSource = null;
        Integer imageSize = null;
        String nameHint = null;
        JsonObject config = sidecarConfig(file);
        if (config != null) {
            String cfg = Messages.get("error.source.configJson");
            window = intOf(config.get("window_size"));
            if (window != null) windowSource = cfg;
            pretrained = intsOf(config.get("pretrained_window_sizes"));
            if (pretrained != null && Arrays.stream(pretrained).allMatch(p -> p == 0)) pretrained = null;
            if (pretrained != null) pretrainedSource = cfg;
            imageSize = intOf(config.get("image_size"));
            if (config.get("architecture") != null && config.get("architecture").isJsonPrimitive()) {
                nameHint = config.get("architecture").getAsString();     // timm: "swinv2_tiny_window16_256"
            }
        }
        String meta = metadata.get("pretrained_window_sizes");
        if (meta != null) {
            int[] parsed = parseList(meta);
            if (parsed != null) {
                pretrained = parsed;
                pretrainedSource = Messages.get("error.source.metadata");
            }
        }
        if (userPretrained != null) {
            pretrained = userPretrained.clone();
            pretrainedSource = "--pretrained-window";
        }
        return new LoadHints(window, windowSource, pretrained, pretrainedSource, imageSize, nameHint);
    }

    /** "12,12,12,6" or "[12, 12, 12, 6]"; null when it is not such a list. */
    static int[] parseList(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (t.isBlank()) return null;
        String[] parts = t.split("\\s*,\\s*");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].strip());
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    private static JsonObject sidecarConfig(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) return null;
        Path config = parent.resolve("config.json");
        try {
            if (!Files.isRegularFile(config) || Files.size(config) > MAX_CONFIG_BYTES) return null;
            JsonElement root = JsonParser.parseString(Files.readString(config));
            if (!root.isJsonObject()) return null;
            JsonObject o = root.getAsJsonObject();
            String type = o.has("model_type") && o.get("model_type").isJsonPrimitive() ? o.get("model_type").getAsString() : "";
            String arch = o.has("architecture") && o.get("architecture").isJsonPrimitive() ? o.get("architecture").getAsString() : "";
            return type.startsWith("swin") || arch.startsWith("swin") ? o : null;
        } catch (IOException | RuntimeException e) {
            return null;       // a config.json that is not a Swin's (or not JSON) says nothing about this file
        }
    }

    private static Integer intOf(JsonElement e) {
        try {
            return e != null && e.isJsonPrimitive() ? e.getAsInt() : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static int[] intsOf(JsonElement e) {
        if (e == null || !e.isJsonArray()) return null;
        int[] out = new int[e.getAsJsonArray().size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = intOf(e.getAsJsonArray().get(i));
            if (v == null) return null;
            out[i] = v;
        }
        return out;
    }
}
