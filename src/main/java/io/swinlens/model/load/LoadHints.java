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
                 Integer imageSize, String nameHint, String configWarning) {

    static final LoadHints NONE = new LoadHints(null, null, null, null, null, null, null);

    private static final long MAX_CONFIG_BYTES = 1 << 20;

    /** The sizes a config.json may give, beyond which it is refused rather than believed (a 1e9 image size, a window of 0). */
    static final int MAX_WINDOW = 128;
    static final int MAX_IMAGE = 4096;

    /**
     * Hints for {@code file}: the user's pretrained windows (null: none given), its metadata, its config.json. A Swin
     * config.json with a value no model has (image_size 0 or 1e9, a window of 0) is refused, naming the file.
     */
    static LoadHints gather(Path file, Map<String, String> metadata, int[] userPretrained) throws io.swinlens.model.weights.WeightsException {
        Integer window = null;
        String windowSource = null;
        int[] pretrained = null;
        String pretrainedSource = null;
        Integer imageSize = null;
        String nameHint = null;
        String[] unread = new String[1];
        JsonObject config = sidecarConfig(file, unread);
        if (config != null) {
            String cfg = Messages.get("error.source.configJson");
            String beside = io.swinlens.model.io.Printable.quoted(file.getFileName().toString());
            requireWhole(beside, config, "window_size", 1, MAX_WINDOW);
            requireWhole(beside, config, "image_size", 16, MAX_IMAGE);
            requireWhole(beside, config, "pretrained_window_sizes", 0, MAX_WINDOW);
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
        return new LoadHints(window, windowSource, pretrained, pretrainedSource, imageSize, nameHint, unread[0]);
    }

    /**
     * A number the config gives under {@code key} (or each number of its list, or each of a [H, W] pair) is a whole
     * number in lo..hi, exactly: Gson's getAsInt would wrap 4294967300 to 4 and cut 4.9 to 4, and a string is not a
     * size. Absent or null says nothing.
     */
    private static void requireWhole(String beside, JsonObject config, String key, int lo, int hi)
            throws io.swinlens.model.weights.WeightsException {
        JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) return;
        java.util.List<JsonElement> values = new java.util.ArrayList<>();
        if (e.isJsonArray()) e.getAsJsonArray().forEach(values::add);
        else values.add(e);
        for (JsonElement v : values) {
            java.math.BigDecimal exact = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsBigDecimal() : null;
            boolean whole = exact != null && exact.stripTrailingZeros().scale() <= 0;
            if (!whole || exact.compareTo(java.math.BigDecimal.valueOf(lo)) < 0 || exact.compareTo(java.math.BigDecimal.valueOf(hi)) > 0) {
                throw new io.swinlens.model.weights.WeightsException(io.swinlens.model.weights.WeightsException.Kind.SHAPE_MISMATCH,
                        Messages.get("error.config.outOfRange", beside, key, io.swinlens.model.io.Printable.quoted(e.toString()), lo, hi));
            }
        }
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

    /**
     * The Swin config.json beside the file, or null: none there, or one of another model (it says nothing about this
     * file). One that cannot be read as a JSON object leaves the reason in {@code unread[0]}, for a warning: the
     * window it might have given is then assumed.
     */
    private static JsonObject sidecarConfig(Path file, String[] unread) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) return null;
        Path config = parent.resolve("config.json");
        String beside = io.swinlens.model.io.Printable.quoted(file.getFileName().toString());
        try {
            if (!Files.isRegularFile(config)) return null;
            if (Files.size(config) > MAX_CONFIG_BYTES) {
                unread[0] = Messages.get("error.config.unread", beside, Messages.get("error.config.unread.large", MAX_CONFIG_BYTES >> 20));
                return null;
            }
            JsonElement root = JsonParser.parseString(Files.readString(config));
            if (!root.isJsonObject()) {
                unread[0] = Messages.get("error.config.unread", beside, Messages.get("error.config.unread.notObject"));
                return null;
            }
            JsonObject o = root.getAsJsonObject();
            String type = o.has("model_type") && o.get("model_type").isJsonPrimitive() ? o.get("model_type").getAsString() : "";
            String arch = o.has("architecture") && o.get("architecture").isJsonPrimitive() ? o.get("architecture").getAsString() : "";
            return type.startsWith("swin") || arch.startsWith("swin") ? o : null;
        } catch (IOException | RuntimeException e) {      // not UTF-8, not JSON, unreadable
            unread[0] = Messages.get("error.config.unread", beside, Messages.get(e instanceof java.nio.charset.CharacterCodingException
                    ? "error.config.unread.notUtf8" : e instanceof IOException ? "error.config.unread.io" : "error.config.unread.notJson"));
            return null;
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
