package io.swinlens.model.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Architecture of a Swin V1 model. Letters as in the paper: C = {@link #embedDim}, M = {@link #windowSize}.
 * Stage i works at width C·2^i with {@code numHeads[i]} heads over {@code depths[i]} blocks.
 * The input resolution is not part of the architecture; {@link #imageSize} is only the size the model
 * was trained at, used to preprocess images.
 */
public record SwinConfig(String name, int embedDim, int[] depths, int[] numHeads, int windowSize,
                         int numClasses, int imageSize, int patchSize, int inChannels, int mlpRatio) {

    public static final int IMAGENET_1K = 1000;
    public static final int IMAGENET_22K = 21841;

    public SwinConfig {
        depths = depths.clone();
        numHeads = numHeads.clone();
        if (depths.length == 0 || depths.length != numHeads.length) {
            throw new IllegalArgumentException("depths and num_heads need one entry per stage, got "
                    + Arrays.toString(depths) + " and " + Arrays.toString(numHeads));
        }
        for (int i = 0; i < depths.length; i++) {
            if (depths[i] <= 0 || numHeads[i] <= 0) {
                throw new IllegalArgumentException("stage " + i + ": depth and heads must be positive");
            }
            int dim = embedDim << i;
            if (dim % numHeads[i] != 0) {
                throw new IllegalArgumentException("stage " + i + ": " + numHeads[i] + " heads do not divide width " + dim);
            }
        }
        if (embedDim <= 0 || windowSize <= 0 || numClasses <= 0 || patchSize <= 0 || inChannels <= 0 || mlpRatio <= 0) {
            throw new IllegalArgumentException("embed_dim, window_size, num_classes, patch_size must be positive");
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

    @Override public int[] depths() { return depths.clone(); }

    @Override public int[] numHeads() { return numHeads.clone(); }

    public SwinConfig withName(String newName) {
        return new SwinConfig(newName, embedDim, depths, numHeads, windowSize, numClasses, imageSize, patchSize, inChannels, mlpRatio);
    }

    public SwinConfig withImageSize(int size) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, numClasses, size, patchSize, inChannels, mlpRatio);
    }

    public SwinConfig withNumClasses(int classes) {
        return new SwinConfig(name, embedDim, depths, numHeads, windowSize, classes, imageSize, patchSize, inChannels, mlpRatio);
    }

    /** True when the architecture (not the name or image size) is the same. */
    public boolean sameArchitecture(SwinConfig o) {
        return embedDim == o.embedDim && Arrays.equals(depths, o.depths) && Arrays.equals(numHeads, o.numHeads)
                && windowSize == o.windowSize && numClasses == o.numClasses && patchSize == o.patchSize
                && inChannels == o.inChannels && mlpRatio == o.mlpRatio;
    }

    @Override public boolean equals(Object o) {
        return o instanceof SwinConfig c && sameArchitecture(c) && name.equals(c.name) && imageSize == c.imageSize;
    }

    @Override public int hashCode() { return Arrays.hashCode(depths) * 31 + embedDim * 7 + windowSize; }

    @Override public String toString() {
        return "%s(embed_dim=%d, depths=%s, num_heads=%s, window=%d, classes=%d, image=%d)".formatted(
                name, embedDim, Arrays.toString(depths), Arrays.toString(numHeads), windowSize, numClasses, imageSize);
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
            default -> throw new IllegalArgumentException("presets exist at 224 (window 7) and 384 (window 12), not " + imageSize);
        };
        String name = "%s_patch4_window%d_%d%s".formatted(variant, window, imageSize, classes == IMAGENET_22K ? "_22k" : "");
        return new SwinConfig(name, c, depths, heads, window, classes, imageSize, 4, 3, 4);
    }

    /** Every preset: four variants, two resolutions, 1k and 22k heads. */
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
        return out;
    }

    /** A preset by variant name (swin_tiny, swin_small, swin_base, swin_large). */
    public static SwinConfig variant(String variant, int imageSize, int classes) {
        return switch (variant) {
            case "swin_tiny", "tiny", "swin_t" -> swinTiny(imageSize, classes);
            case "swin_small", "small", "swin_s" -> swinSmall(imageSize, classes);
            case "swin_base", "base", "swin_b" -> swinBase(imageSize, classes);
            case "swin_large", "large", "swin_l" -> swinLarge(imageSize, classes);
            default -> throw new IllegalArgumentException("unknown variant '" + variant + "' (swin_tiny, swin_small, swin_base, swin_large)");
        };
    }

    /** The preset with this architecture, if any. */
    public Optional<SwinConfig> matchingPreset() {
        return presets().stream().filter(this::sameArchitecture).findFirst();
    }
}
