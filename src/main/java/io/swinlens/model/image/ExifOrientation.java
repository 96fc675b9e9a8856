package io.swinlens.model.image;

import java.awt.image.BufferedImage;

/**
 * Applies an EXIF orientation so the image is upright, as Pillow's {@code ImageOps.exif_transpose}:
 * 2 mirror left-right, 3 rotate 180, 4 mirror top-bottom, 5 transpose, 6 rotate 90 clockwise,
 * 7 transverse, 8 rotate 90 anticlockwise.
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static BufferedImage apply(BufferedImage intRgb, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return intRgb;
        }
        int w = intRgb.getWidth();
        int h = intRgb.getHeight();
        int[] in = RgbImages.pixels(intRgb);
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[y * outW + x] = in[source(orientation, x, y, w, h)];
            }
        }
        return RgbImages.fromPixels(out, outW, outH);
    }

    /** Index in the stored (w x h) image of the pixel shown at (x, y). */
    private static int source(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            case 8 -> x * w + (w - 1 - y);
            default -> y * w + x;
        };
    }
}
