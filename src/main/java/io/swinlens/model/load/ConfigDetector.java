package io.swinlens.model.load;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.config.SwinVersion;
import io.swinlens.model.config.WindowRule;
import io.swinlens.model.geometry.WindowGeometry;
import io.swinlens.model.weights.NamingConvention;
import io.swinlens.model.weights.RawTensor;
import io.swinlens.model.weights.WeightsException;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Swin architecture off canonical (official) tensor names and shapes: stages and depths from
 * {@code layers.i.blocks.j}, width and patch size from the patch embedding, classes from the head (none in
 * a backbone). V1: heads and window from each stage's relative position table. V2 (docs/swin-reference.md §9):
 * heads from logit_scale, the window from the relative_coords_table buffer where the file has one, else from
 * the hints (a config.json beside the file, the file name); the pretrained window from the same buffer, the
 * hints or the user. The input resolution is not stored in a checkpoint; the training size is inferred as the
 * size at which the last stage is one window, or, where a later stage's table was clamped to a smaller
 * window, the size that gives that stage that resolution.
 */
final class ConfigDetector {

    private static final Pattern BLOCK = Pattern.compile("^layers\\.(\\d+)\\.blocks\\.(\\d+)\\.");
    private static final Pattern WINDOW_IN_NAME = Pattern.compile("window(\\d{1,2})(?!\\d)");
    private static final Pattern SIZE_IN_NAME = Pattern.compile("(?:_|to)(\\d{3})(?!\\d)");

    /** What the file does not say and the loader found elsewhere (see {@link LoadHints}). */
    record Detected(SwinConfig config, String windowSource, String pretrainedSource) { }

    private ConfigDetector() { }

    static SwinConfig detect(String fileName, Map<String, RawTensor> tensors) throws WeightsException {
        return detect(fileName, tensors, false, NamingConvention.OFFICIAL, LoadHints.NONE).config();
    }

    static Detected detect(String fileName, Map<String, RawTensor> tensors, boolean v2, NamingConvention naming,
                           LoadHints hints) throws WeightsException {
        RawTensor embed = require(fileName, tensors, "patch_embed.proj.weight");
        long[] es = embed.shape();
        if (es.length != 4 || es[2] != es[3]) {
            throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", fileName,
                    Messages.get("error.tensor.keyShape", "patch_embed.proj.weight", "[C, 3, P, P]", Arrays.toString(es))));
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
            throw new WeightsException(WeightsException.Kind.MISSING_TENSOR, Messages.get("error.detect.noBlocks", fileName, blocks.keySet()));
        }
        int stages = blocks.size();
        int[] depths = new int[stages];
        int[] heads = new int[stages];
        int[] tableWindows = new int[stages];      // the window each stage's table was stored for; 0 where unknown
        int[] pretrained = new int[stages];
        String windowSource = Messages.get("error.source.tables");
        String pretrainedSource = Messages.get("error.source.none");
        for (int s = 0; s < stages; s++) depths[s] = blocks.get(s).last() + 1;
        if (!v2) {
            for (int s = 0; s < stages; s++) {
                String key = "layers.%d.blocks.0.attn.relative_position_bias_table".formatted(s);
                long[] shape = require(fileName, tensors, key).shape();
                tableWindows[s] = shape.length == 2 ? WindowGeometry.tableWindow(shape[0]) : -1;
                if (tableWindows[s] < 0) {
                    throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", fileName,
                            Messages.get("error.tensor.keyShape", key, "[(2M-1)^2, heads]", Arrays.toString(shape))));
                }
                heads[s] = (int) shape[1];
            }
        } else {
            boolean buffers = true;
            for (int s = 0; s < stages; s++) {
                String key = "layers.%d.blocks.0.attn.logit_scale".formatted(s);
                long[] shape = require(fileName, tensors, key).shape();
                if (shape.length != 3 || shape[1] != 1 || shape[2] != 1 || shape[0] <= 0) {
                    throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", fileName,
                            Messages.get("error.tensor.keyShape", key, "[heads, 1, 1]", Arrays.toString(shape))));
                }
                heads[s] = (int) shape[0];
                RawTensor table = tensors.get("layers.%d.blocks.0.attn.relative_coords_table".formatted(s));
                if (table == null) {
                    buffers = false;
                    continue;
                }
                CoordsTable ct = CoordsTable.read(fileName, table);
                tableWindows[s] = ct.window();
                pretrained[s] = ct.pretrainedWindow();
            }
            if (!buffers) {
                Arrays.fill(tableWindows, 0);
                Arrays.fill(pretrained, 0);
                Integer window = hints.window() != null ? hints.window() : windowFromName(hints.nameHint(), fileName);
                if (window == null) {
                    window = 8;
                    windowSource = Messages.get("error.source.window.assumed");
                } else {
                    windowSource = hints.window() != null ? hints.windowSource() : Messages.get("error.source.fileName");
                }
                tableWindows[0] = window;
            } else {
                windowSource = Messages.get("error.source.coordsBuffers");
                if (Arrays.stream(pretrained).anyMatch(p -> p != 0)) pretrainedSource = Messages.get("error.source.coordsBuffers");
            }
            if (hints.pretrainedWindows() != null) {
                int[] given = hints.pretrainedWindows();
                // a list of the wrong length, or a window below 2, from the user: a usage error (the file's own
                // buffers disagreeing with the user's value stays a file error)
                WeightsException.Kind misfit = "--pretrained-window".equals(hints.pretrainedSource())
                        ? WeightsException.Kind.USER_HINT : WeightsException.Kind.SHAPE_MISMATCH;
                if (given.length != stages) {
                    throw new WeightsException(misfit, Messages.get("error.detect.pretrainedCount", fileName, hints.pretrainedSource(),
                            given.length, Arrays.toString(given), stages));
                }
                for (int s = 0; s < stages; s++) {
                    if (given[s] != 0 && given[s] < 2) {
                        throw new WeightsException(misfit, Messages.get("error.detect.pretrainedBelow2", fileName, hints.pretrainedSource(), given[s], s));
                    }
                    if (buffers && given[s] != (pretrained[s] == 0 ? tableWindows[s] : pretrained[s]) && given[s] != 0) {
                        throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.detect.pretrainedDisagrees", fileName, hints.pretrainedSource(), s, given[s],
                                pretrained[s] == 0 ? tableWindows[s] : pretrained[s]));
                    }
                }
                if (!buffers) {
                    pretrained = given.clone();
                    pretrainedSource = hints.pretrainedSource();
                }
            }
        }
        int numClasses = 0;
        RawTensor head = tensors.get("head.weight");
        if (head != null) {
            if (head.shape().length != 2) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", fileName, Messages.get("error.tensor.keyShape", "head.weight",
                        "[classes, " + (embedDim << (stages - 1)) + "]", Arrays.toString(head.shape()))));
            }
            numClasses = (int) head.shape()[0];
        }
        int window = tableWindows[0];
        int imageSize = SwinConfig.naturalImageSize(patch, window, stages);
        boolean clampedStage = false;
        for (int s = 1; s < stages; s++) {
            if (tableWindows[s] > 0 && tableWindows[s] < window) {      // a clamped stage: its resolution was its table's window
                imageSize = tableWindows[s] * patch << s;
                clampedStage = true;
                break;
            }
        }
        if (!clampedStage && (v2 || hints.imageSize() != null)) {
            Integer named = hints.imageSize() != null ? hints.imageSize() : sizeFromName(hints.nameHint(), fileName);
            if (named != null && named % (patch << (stages - 1)) == 0) imageSize = named;
        }
        WindowRule rule = naming == NamingConvention.TORCHVISION && !clampedStage ? WindowRule.PAD : WindowRule.CLAMP;
        SwinVersion version = v2 ? SwinVersion.V2 : SwinVersion.V1;
        SwinConfig detected;
        try {
            detected = new SwinConfig("custom", embedDim, depths, heads, window, numClasses, imageSize, patch, inChannels, 4,
                    version, pretrained, rule);
        } catch (IllegalArgumentException e) {
            throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.detect.notValidSwin", fileName, e.getMessage(),
                    "layers.N.blocks.0." + (v2 ? "attn.logit_scale" : "attn.relative_position_bias_table")));
        }
        SwinConfig config = detected;
        SwinConfig named = detected.matchingPreset().map(p -> config.withName(p.name())).orElse(detected);
        return new Detected(named, windowSource, pretrainedSource);
    }

    private static Integer windowFromName(String hint, String fileName) {
        for (String s : new String[]{hint, fileName}) {
            if (s == null) continue;
            Matcher m = WINDOW_IN_NAME.matcher(s);
            Integer last = null;
            while (m.find()) last = Integer.parseInt(m.group(1));   // "window12to24": the second number counts
            Matcher to = Pattern.compile("window\\d{1,2}to(\\d{1,2})(?!\\d)").matcher(s);
            if (to.find()) last = Integer.parseInt(to.group(1));
            if (last != null && last >= 2) return last;
        }
        return null;
    }

    private static Integer sizeFromName(String hint, String fileName) {
        for (String s : new String[]{hint, fileName}) {
            if (s == null) continue;
            Matcher m = SIZE_IN_NAME.matcher(s);
            Integer last = null;
            while (m.find()) {
                int v = Integer.parseInt(m.group(1));
                if (v >= 64 && v <= 1024) last = v;
            }
            if (last != null) return last;
        }
        return null;
    }

    /**
     * V2's relative_coords_table buffer, [1, 2M-1, 2M-1, 2]: its shape gives the window M, and its largest
     * value the divisor D the offsets were scaled by (docs/swin-reference.md §9): v = log2(8(M-1)/D + 1)/3,
     * so D = 8(M-1)/(2^(3v) - 1); the pretrained window is D + 1 (0 when that is M itself).
     */
    record CoordsTable(int window, int pretrainedWindow) {
        static CoordsTable read(String fileName, RawTensor table) throws WeightsException {
            long[] s = table.shape();
            if (s.length != 4 || s[0] != 1 || s[1] != s[2] || s[3] != 2 || s[1] % 2 == 0 || s[1] > 255) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", fileName,
                        Messages.get("error.tensor.keyShape", table.name(), "[1, 2M-1, 2M-1, 2]", Arrays.toString(s))));
            }
            int window = (int) (s[1] + 1) / 2;
            if (window == 1) return new CoordsTable(1, 0);
            float[] v = table.toFloats();
            double max = 0;
            for (float x : v) max = Math.max(max, Math.abs(x));
            double t = Math.pow(2, 3 * max) - 1;
            double divisor = t <= 0 ? Double.NaN : 8.0 * (window - 1) / t;
            long p = Math.round(divisor + 1);
            if (!Double.isFinite(divisor) || Math.abs(divisor + 1 - p) > 1e-2 || p < 2) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.detect.notLogSpaced", fileName, table.name(), String.valueOf(max)));
            }
            return new CoordsTable(window, p == window ? 0 : (int) p);
        }
    }

    private static RawTensor require(String fileName, Map<String, RawTensor> tensors, String key) throws WeightsException {
        RawTensor t = tensors.get(key);
        if (t == null) throw new WeightsException(WeightsException.Kind.MISSING_TENSOR, Messages.get("error.tensor.missing", fileName, key));
        return t;
    }
}
