package io.swinlens.model.config;

import io.swinlens.i18n.Messages;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Architecture of a Swin V1 or V2 model. Letters as in the paper: C = {@link #embedDim}, M = {@link #windowSize}.
 * Stage i works at width C·2^i with {@code numHeads[i]} heads over {@code depths[i]} blocks.
 * The input resolution is not part of the architecture; {@link #imageSize} is only the size the model
 * was trained at, used to preprocess images. {@code numClasses} is 0 for a backbone without a classifier.
 * {@code pretrainedWindows[i]} is the window stage i's V2 position bias was pretrained at (0: none, the
 * coordinates are divided by M-1; docs/swin-reference.md §9). {@code windowRule} is how stages smaller
 * than or not a multiple of the window are handled, as the file's origin does it.
 */
public record SwinConfig(String name, int embedDim, int[] depths, int[] numHeads, int windowSize,
                         int numClasses, int imageSize, int patchSize, int inChannels, int mlpRatio,
                         SwinVersion version, int[] pretrainedWindows, WindowRule windowRule) {

    /** A V1 classifier with the official window rule. */
    public SwinConfig(String name, int embedDim, int[] depths, int[] numHeads, int windowSize,
                      int numClasses, int imageSize, int patchSize, int inChannels, int mlpRatio) {
        this(name, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio,
                SwinVersion.V1, new int[depths.length], WindowRule.CLAMP);
    }

    public static final int IMAGENET_1K = 1000;
    public static final int IMAGENET_22K = 21841;

    public SwinConfig {
        depths = depths.clone();
        numHeads = numHeads.clone();
        pretrainedWindows = pretrainedWindows == null ? new int[depths.length] : pretrainedWindows.clone();
        if (version == null || windowRule == null) throw new IllegalArgumentException("version and window rule are required");
        if (pretrainedWindows.length != depths.length) {
            throw new IllegalArgumentException(Messages.get("error.config.pretrainedCount", depths.length, Arrays.toString(pretrainedWindows)));
        }
        for (int pw : pretrainedWindows) {
            if (pw != 0 && pw < 2) throw new IllegalArgumentException(Messages.get("error.config.pretrainedBelow2", pw));
        }
        if (version == SwinVersion.V1 && Arrays.stream(pretrainedWindows).anyMatch(pw -> pw != 0)) {
            throw new IllegalArgumentException(Messages.get("error.config.pretrainedV1"));
        }
        if (depths.length == 0 || depths.length != numHeads.length) {
            throw new IllegalArgumentException(Messages.get("error.config.depthsHeads", Arrays.toString(depths), Arrays.toString(numHeads)));
        }
        for (int i = 0; i < depths.length; i++) {
            if (depths[i] <= 0 || numHeads[i] <= 0) {
                throw new IllegalArgumentException(Messages.get("error.config.notPositive", i));
            }
            int dim = embedDim << i;
            if (dim % numHeads[i] != 0) {
                throw new IllegalArgumentException(Messages.get("error.config.headsDivide", i, numHeads[i], dim));
            }
        }
        if (embedDim <= 0 || windowSize <= 0 || numClasses < 0 || patchSize <= 0 || inChannels <= 0 || mlpRatio <= 0) {
            throw new IllegalArgumentException(Messages.get("error.config.sizes"));
        }
    }

    /**
     * The input size at which the last stage is exactly one window: 224 for window 7 and 4 stages,
     * 384 for window 12. Matches every released Swin.
     */
    public static int naturalImageSize(int patchSize, int windowSize, int stages) {
        return patchSize * windowSize << (stages - 1);
    }

    public int numStages() { return depths.length; }

    public int stageDim(int stage) { return embedDim << stage; }

    public int heads(int stage) { return numHeads[stage]; }

    public int depth(int stage) { return depths[stage]; }

    public int headDim(int stage) { return stageDim(stage) / numHeads[stage]; }

    public int finalDim() { return stageDim(numStages() - 1); }

    public int totalBlocks() { return Arrays.stream(depths).sum(); }

    /** False for a backbone (a detection or segmentation file): no head, no predictions, no CAM. */
    public boolean hasClassifier() { return numClasses > 0; }

    public boolean isV2() { return version == SwinVersion.V2; }

    /** Stage i's pretrained window, 0 when the checkpoint has none. */
    public int pretrainedWindow(int stage) { return pretrainedWindows[stage]; }

    public boolean hasPretrainedWindows() { return Arrays.stream(pretrainedWindows).anyMatch(pw -> pw != 0); }

    @Override public int[] depths() { return depths.clone(); }

    @Override public int[] numHeads() { return numHeads.clone(); }

    @Override public int[] pretrainedWindows() { return pretrainedWindows.clone(); }

    public SwinConfig withName(String newName) {
        return new SwinConfig(newName, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio,
                version, pretrainedWindows, windowRule);
    }

    public SwinConfig withImageSize(int size) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, numClasses, size, patchSize, inChannels, mlpRatio,
                version, pretrainedWindows, windowRule);
    }

    public SwinConfig withNumClasses(int classes) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, classes, imageSize, patchSize, inChannels, mlpRatio,
                version, pretrainedWindows, windowRule);
    }

    public SwinConfig withVersion(SwinVersion v) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio,
                v, v == SwinVersion.V1 ? null : pretrainedWindows, windowRule);
    }

    public SwinConfig withPretrainedWindows(int[] windows) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio,
                version, windows, windowRule);
    }

    public SwinConfig withWindowRule(WindowRule rule) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio,
                version, pretrainedWindows, rule);
    }

    /** True when the architecture (not the name, image size, pretrained windows or window rule) is the same. */
    public boolean sameArchitecture(SwinConfig o) {
        return embedDim == o.embedDim && Arrays.equals(depths, o.depths) && Arrays.equals(numHeads, o.numHeads)
                && windowSize == o.windowSize && numClasses == o.numClasses && patchSize == o.patchSize
                && inChannels == o.inChannels && mlpRatio == o.mlpRatio && version == o.version;
    }

    @Override public boolean equals(Object o) {
        return o instanceof SwinConfig c && sameArchitecture(c) && name.equals(c.name) && imageSize == c.imageSize
                && Arrays.equals(pretrainedWindows, c.pretrainedWindows) && windowRule == c.windowRule;
    }

    @Override public int hashCode() { return Arrays.hashCode(depths) * 31 + embedDim * 7 + windowSize; }

    @Override public String toString() {
        return "%s(%s, embed_dim=%d, depths=%s, num_heads=%s, window=%d, classes=%d, image=%d%s)".formatted(
                name, version, embedDim, Arrays.toString(depths), Arrays.toString(numHeads), windowSize, numClasses, imageSize,
                hasPretrainedWindows() ? ", pretrained_windows=" + Arrays.toString(pretrainedWindows) : "");
    }

    // ---- presets (docs/swin-reference.md §1) ----

    public static SwinConfig swinTiny(int imageSize, int classes) { return preset("swin_tiny", 96, new int[]{2, 2, 6, 2}, new int[]{3, 6, 12, 24}, imageSize, classes); }
    public static SwinConfig swinSmall(int imageSize, int classes) { return preset("swin_small", 96, new int[]{2, 2, 18, 2}, new int[]{3, 6, 12, 24}, imageSize, classes); }
    public static SwinConfig swinBase(int imageSize, int classes) { return preset("swin_base", 128, new int[]{2, 2, 18, 2}, new int[]{4, 8, 16, 32}, imageSize, classes); }
    public static SwinConfig swinLarge(int imageSize, int classes) { return preset("swin_large", 192, new int[]{2, 2, 18, 2}, new int[]{6, 12, 24, 48}, imageSize, classes); }

    private static SwinConfig preset(String variant, int c, int[] depths, int[] heads, int imageSize, int classes) {
        int window = switch (imageSize) {
            case 224 -> 7;
            case 384 -> 12;
            default -> throw new IllegalArgumentException(Messages.get("error.config.presetSize", imageSize));
        };
        String name = "%s_patch4_window%d_%d%s".formatted(variant, window, imageSize, classes == IMAGENET_22K ? "_22k" : "");
        return new SwinConfig(name, c, depths, heads, window, classes, imageSize, 4, 3, 4);
    }

    // Swin V2 (docs/swin-reference.md §9): window 8 or 16 at 256 px, ImageNet-1k.
    public static SwinConfig swinV2Tiny(int window) { return presetV2("swinv2_tiny", 96, new int[]{2, 2, 6, 2}, new int[]{3, 6, 12, 24}, window); }
    public static SwinConfig swinV2Small(int window) { return presetV2("swinv2_small", 96, new int[]{2, 2, 18, 2}, new int[]{3, 6, 12, 24}, window); }
    public static SwinConfig swinV2Base(int window) { return presetV2("swinv2_base", 128, new int[]{2, 2, 18, 2}, new int[]{4, 8, 16, 32}, window); }

    private static SwinConfig presetV2(String variant, int c, int[] depths, int[] heads, int window) {
        if (window != 8 && window != 16) throw new IllegalArgumentException(Messages.get("error.config.v2Window", window));
        return new SwinConfig("%s_window%d_256".formatted(variant, window), c, depths, heads, window, IMAGENET_1K, 256, 4, 3, 4,
                SwinVersion.V2, null, WindowRule.CLAMP);
    }

    /** Every preset: four V1 variants, two resolutions, 1k and 22k heads; three V2 variants at two windows. */
    public static List<SwinConfig> presets() {
        var out = new java.util.ArrayList<SwinConfig>();
        for (int size : new int[]{224, 384}) {
            for (int classes : new int[]{IMAGENET_1K, IMAGENET_22K}) {
                out.add(swinTiny(size, classes));
                out.add(swinSmall(size, classes));
                out.add(swinBase(size, classes));
                out.add(swinLarge(size, classes));
            }
        }
        for (int window : new int[]{8, 16}) {
            out.add(swinV2Tiny(window));
            out.add(swinV2Small(window));
            out.add(swinV2Base(window));
        }
        return out;
    }

    /** The size a preset runs at unless told otherwise: 256 for the V2 presets, 224 for V1. */
    public static int defaultImageSize(String variant) { return isV2Variant(variant) ? 256 : 224; }

    private static boolean isV2Variant(String variant) { return variant.startsWith("swin_v2_") || variant.startsWith("swinv2_"); }

    /** A preset by variant name (swin_tiny, swin_small, swin_base, swin_large; swin_v2_tiny, swin_v2_small, swin_v2_base at 256). */
    public static SwinConfig variant(String variant, int imageSize, int classes) {
        if (isV2Variant(variant)) {
            if (imageSize != 256) throw new IllegalArgumentException(Messages.get("error.config.v2Size", imageSize));
            SwinConfig v2 = switch (variant.replace("swinv2_", "swin_v2_")) {
                case "swin_v2_tiny", "swin_v2_t" -> swinV2Tiny(8);
                case "swin_v2_small", "swin_v2_s" -> swinV2Small(8);
                case "swin_v2_base", "swin_v2_b" -> swinV2Base(8);
                default -> throw new IllegalArgumentException(Messages.get("error.config.unknownVariant", variant, "swin_v2_tiny, swin_v2_small, swin_v2_base"));
            };
            return v2.withNumClasses(classes);
        }
        return switch (variant) {
            case "swin_tiny", "tiny", "swin_t" -> swinTiny(imageSize, classes);
            case "swin_small", "small", "swin_s" -> swinSmall(imageSize, classes);
            case "swin_base", "base", "swin_b" -> swinBase(imageSize, classes);
            case "swin_large", "large", "swin_l" -> swinLarge(imageSize, classes);
            default -> throw new IllegalArgumentException(Messages.get("error.config.unknownVariant", variant,
                    "swin_tiny, swin_small, swin_base, swin_large, swin_v2_tiny, swin_v2_small, swin_v2_base"));
        };
    }

    /** The preset with this architecture, if any. */
    public Optional<SwinConfig> matchingPreset() {
        return presets().stream().filter(this::sameArchitecture).findFirst();
    }
}
