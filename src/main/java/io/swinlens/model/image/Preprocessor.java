package io.swinlens.model.image;

import java.awt.image.BufferedImage;

/**
 * Turns an RGB image into the network input of one evaluation preset: the torchvision pipeline
 * {@code Resize(..., BICUBIC)}, {@code CenterCrop}, {@code ToTensor}, {@code Normalize(mean, std)}
 * (docs/swin-reference.md §2), with Pillow's resampling reproduced by {@link PilBicubicResampler}.
 */
public final class Preprocessor {

    /** ImageNet's per-channel mean and standard deviation, RGB, on 0..1 values (every Swin source uses them). */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private Preprocessor() {
    }

    /**
     * @param rgb         the image as loaded (any BufferedImage; converted like Pillow's convert('RGB'))
     * @param imageSize   the model's input side, e.g. 224 or 384
     * @param preset      whose evaluation geometry to use
     * @param variantHint model name for torchvision's per-variant resize (e.g. "swin_s"); may be null
     */
    public static ModelInput prepare(BufferedImage rgb, int imageSize, Preprocess preset, String variantHint) {
        return prepare(rgb, imageSize, imageSize, preset, variantHint);
    }

    /** The same for an input of {@code inputHeight x inputWidth}; a rectangle is resized to cover it and centre-cropped. */
    public static ModelInput prepare(BufferedImage rgb, int inputHeight, int inputWidth, Preprocess preset, String variantHint) {
        BufferedImage source = RgbImages.toIntRgb(rgb);
        int width = source.getWidth();
        int height = source.getHeight();
        ResizePlan plan = inputHeight == inputWidth ? ResizePlan.of(width, height, inputHeight, preset, variantHint)
                : ResizePlan.cover(width, height, inputWidth, inputHeight);
        int[] view = PilBicubicResampler.resize(RgbImages.pixels(source), width, height,
                plan.resizedWidth(), plan.resizedHeight(), plan.left(), plan.top(),
                plan.cropWidth(), plan.cropHeight());
        int h = plan.cropHeight();
        int w = plan.cropWidth();
        return new ModelInput(normalise(view, h, w), h, w, RgbImages.fromPixels(view, w, h),
                plan.cropInOriginal(width, height));
    }

    /** ToTensor then Normalize, in float32 as torch does them: (v / 255 - mean) / std. */
    static float[] normalise(int[] rgb, int height, int width) {
        int plane = height * width;
        float[] chw = new float[3 * plane];  // (3, H, W)
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            chw[i] = ((float) ((p >>> 16) & 0xFF) / 255f - MEAN[0]) / STD[0];
            chw[plane + i] = ((float) ((p >>> 8) & 0xFF) / 255f - MEAN[1]) / STD[1];
            chw[2 * plane + i] = ((float) (p & 0xFF) / 255f - MEAN[2]) / STD[2];
        }
        return chw;
    }

    /** The normalisation's mean of channel c (0 R, 1 G, 2 B). */
    public static float mean(int c) { return MEAN[c]; }

    /** The normalisation's standard deviation of channel c. */
    public static float std(int c) { return STD[c]; }
}
