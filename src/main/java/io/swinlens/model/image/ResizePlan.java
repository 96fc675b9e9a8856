package io.swinlens.model.image;

import io.swinlens.i18n.Messages;
import java.util.Locale;

/**
 * Where one preset sends an image: resize the whole image to {@code resizedWidth x resizedHeight},
 * then keep the {@code cropWidth x cropHeight} box at ({@code left}, {@code top}).
 * The formulas follow torchvision 0.14 ({@code F_pil.resize}, {@code center_crop}) with the sizes
 * of docs/swin-reference.md §2, scaled by imageSize / 224 for sizes the table does not list.
 */
record ResizePlan(int resizedWidth, int resizedHeight, int left, int top, int cropWidth, int cropHeight) {

    static ResizePlan of(int width, int height, int imageSize, Preprocess preset, String variantHint) {
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize must be positive, got " + imageSize);
        }
        return switch (preset) {
            // the 384 configs of the official repo set TEST.CROP False
            case OFFICIAL -> imageSize >= 384 ? squash(imageSize)
                    : shortSideThenCrop(width, height, (int) ((256.0 / 224.0) * imageSize), imageSize);
            case TIMM -> shortSideThenCrop(width, height, (int) Math.floor(imageSize / timmCropPct(imageSize)), imageSize);
            case TORCHVISION -> shortSideThenCrop(width, height, torchvisionShortSide(imageSize, variantHint), imageSize);
            case HF -> squash(imageSize);
        };
    }

    /**
     * A rectangular input (--image-size H,W): the whole image resized, aspect kept, to the smallest size
     * that covers H x W, then the centred H x W box. No preset has a rectangular recipe; this is the
     * obvious one and says so in the docs (docs/swin-reference.md §5).
     */
    static ResizePlan cover(int width, int height, int targetWidth, int targetHeight) {
        if (targetWidth < 1 || targetHeight < 1) throw new IllegalArgumentException(Messages.get("error.input.notPositive"));
        double scale = Math.max((double) targetWidth / width, (double) targetHeight / height);
        int rw = Math.max(targetWidth, (int) Math.round(width * scale));
        int rh = Math.max(targetHeight, (int) Math.round(height * scale));
        return new ResizePlan(rw, rh, (int) Math.rint((rw - targetWidth) / 2.0), (int) Math.rint((rh - targetHeight) / 2.0),
                targetWidth, targetHeight);
    }

    /** timm's swin configs: crop_pct 0.9, except the 384 models with 1.0. */
    static double timmCropPct(int imageSize) {
        return imageSize >= 384 ? 1.0 : 0.9;
    }

    /**
     * torchvision's per-variant resize_size (232 T, 246 S, 238 B for V1 at 224; 260 T/S, 272 B for
     * V2 at 256), scaled to imageSize; 232/224 when the hint names no known variant.
     */
    static int torchvisionShortSide(int imageSize, String variantHint) {
        String hint = variantHint == null ? "" : variantHint.toLowerCase(Locale.ROOT);
        boolean v2 = hint.contains("v2");
        int resize;
        int crop = v2 ? 256 : 224;
        if (names(hint, "tiny", "t")) {
            resize = v2 ? 260 : 232;
        } else if (names(hint, "small", "s")) {
            resize = v2 ? 260 : 246;
        } else if (names(hint, "base", "b")) {
            resize = v2 ? 272 : 238;
        } else {
            resize = 232;
            crop = 224;
        }
        return resize * imageSize / crop;
    }

    private static boolean names(String hint, String word, String letter) {
        for (String token : hint.split("[^a-z0-9]+")) {
            if (token.equals(word) || token.equals(letter)) {
                return true;
            }
        }
        return false;
    }

    private static ResizePlan squash(int size) {
        return new ResizePlan(size, size, 0, 0, size, size);
    }

    /** torchvision Resize(int): short side to s, long side int(s * long / short); CenterCrop(size). */
    private static ResizePlan shortSideThenCrop(int width, int height, int shortSide, int size) {
        int resizedWidth;
        int resizedHeight;
        if (width <= height) {
            resizedWidth = shortSide;
            resizedHeight = (int) ((double) shortSide * height / width);
        } else {
            resizedHeight = shortSide;
            resizedWidth = (int) ((double) shortSide * width / height);
        }
        // Python's round() is half-to-even, as Math.rint
        int top = (int) Math.rint((resizedHeight - size) / 2.0);
        int left = (int) Math.rint((resizedWidth - size) / 2.0);
        return new ResizePlan(resizedWidth, resizedHeight, left, top, size, size);
    }

    /** The crop box mapped back to the coordinates of the {@code width x height} original. */
    CropBox cropInOriginal(int width, int height) {
        double sx = (double) width / resizedWidth;
        double sy = (double) height / resizedHeight;
        return new CropBox(left * sx, top * sy, cropWidth * sx, cropHeight * sy);
    }
}
