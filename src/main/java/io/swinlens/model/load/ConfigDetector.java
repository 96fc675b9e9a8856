package io.swinlens.model.load;

import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.WindowGeometry;
import io.swinlens.model.weights.RawTensor;
import io.swinlens.model.weights.WeightsException;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Swin V1 architecture off canonical (official) tensor names and shapes: stages and depths from
 * {@code layers.i.blocks.j}, width and patch size from the patch embedding, heads and window from each
 * stage's relative position table, classes from the head. The input resolution is not stored in a
 * checkpoint; the training size is inferred as the size at which the last stage is one window, or, where a
 * later stage's table was clamped to a smaller window, the size that gives that stage that resolution.
 */
final class ConfigDetector {

    private static final Pattern BLOCK = Pattern.compile("^layers\\.(\\d+)\\.blocks\\.(\\d+)\\.");

    private ConfigDetector() { }

    static SwinConfig detect(String fileName, Map<String, RawTensor> tensors) throws WeightsException {
        RawTensor embed = require(fileName, tensors, "patch_embed.proj.weight");
        long[] es = embed.shape();
        if (es.length != 4 || es[2] != es[3]) {
            throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, fileName
                    + ": key 'patch_embed.proj.weight': expected [C, 3, P, P], got " + java.util.Arrays.toString(es));
        }
        int embedDim = (int) es[0];
        int inChannels = (int) es[1];
        int patch = (int) es[2];
        TreeMap<Integer, TreeSet<Integer>> blocks = new TreeMap<>();
        for (String key : tensors.keySet()) {
            Matcher m = BLOCK.matcher(key);
            if (m.find()) blocks.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
        }
        if (blocks.isEmpty() || blocks.lastKey() != blocks.size() - 1) {
            throw new WeightsException(WeightsException.Kind.MISSING_TENSOR, fileName + ": no consecutive 'layers.N.blocks.M' tensors; stages found: " + blocks.keySet());
        }
        int stages = blocks.size();
        int[] depths = new int[stages];
        int[] heads = new int[stages];
        int[] tableWindows = new int[stages];
        for (int s = 0; s < stages; s++) {
            depths[s] = blocks.get(s).last() + 1;
            String key = "layers.%d.blocks.0.attn.relative_position_bias_table".formatted(s);
            long[] shape = require(fileName, tensors, key).shape();
            tableWindows[s] = shape.length == 2 ? WindowGeometry.tableWindow(shape[0]) : -1;
            if (tableWindows[s] < 0) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, fileName + ": key '" + key
                        + "': expected [(2M-1)^2, heads], got " + java.util.Arrays.toString(shape));
            }
            heads[s] = (int) shape[1];
        }
        RawTensor head = tensors.get("head.weight");
        if (head == null) {
            throw new WeightsException(WeightsException.Kind.MISSING_TENSOR, fileName
                    + ": no classification head ('head.weight'); SwinLens needs a classifier checkpoint, not a backbone");
        }
        int window = tableWindows[0];
        int imageSize = SwinConfig.naturalImageSize(patch, window, stages);
        for (int s = 1; s < stages; s++) {
            if (tableWindows[s] < window) {      // a clamped stage: its resolution was its table's window
                imageSize = tableWindows[s] * patch << s;
                break;
            }
        }
        SwinConfig detected;
        try {
            detected = new SwinConfig("custom", embedDim, depths, heads, window, (int) head.shape()[0], imageSize, patch, inChannels, 4);
        } catch (IllegalArgumentException e) {
            throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, fileName + ": not a valid Swin: " + e.getMessage());
        }
        SwinConfig config = detected;
        return detected.matchingPreset().map(p -> config.withName(p.name())).orElse(detected);
    }

    private static RawTensor require(String fileName, Map<String, RawTensor> tensors, String key) throws WeightsException {
        RawTensor t = tensors.get(key);
        if (t == null) throw new WeightsException(WeightsException.Kind.MISSING_TENSOR, fileName + ": missing tensor '" + key + "'");
        return t;
    }
}
