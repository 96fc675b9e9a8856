package io.swinlens.model.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Conversion of decoded images to 8-bit RGB ({@code TYPE_INT_RGB}) with the semantics of
 * Pillow's {@code convert('RGB')}, which is what the PyTorch pipelines apply:
 * <ul>
 *   <li>stored sample values are used as they are; no colour management (an embedded ICC
 *       profile or a linear grey colour space does not change the numbers);</li>
 *   <li>grey is copied to all three channels; a palette is looked up (its transparency ignored);</li>
 *   <li>alpha is dropped, not composited: the colour under a transparent pixel stays;</li>
 *   <li>1, 2 and 4-bit grey is stretched to 0..255 (v * 255 / max), as Pillow's L;2 and L;4;</li>
 *   <li>16-bit samples keep their high byte. Pillow does that for 16-bit RGB, but opens 16-bit
 *       grey as mode I and clips it at 255, which turns most such images white; we take the high
 *       byte for grey too, so a 16-bit grey image looks like itself (documented divergence).</li>
 * </ul>
 */
final class RgbImages {

    private RgbImages() {
    }

    static BufferedImage toIntRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        if (model instanceof IndexColorModel palette) {
            fromPalette(raster, palette, rgb);
        } else if (model instanceof ComponentColorModel && isGreyOrRgb(model)) {
            if (!fromInterleavedBytes(raster, model, rgb)) fromComponents(raster, model, rgb);
        } else {
            // packed (DirectColorModel) and other colour spaces: let Java2D convert
            image.getRGB(0, 0, width, height, rgb, 0, width);
        }
        return out;
    }

    private static boolean isGreyOrRgb(ColorModel model) {
        int type = model.getColorSpace().getType();
        return type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB;
    }

    private static void fromPalette(Raster raster, IndexColorModel palette, int[] rgb) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int size = palette.getMapSize();
        int[] lookup = new int[Math.max(size, 1 << palette.getPixelSize())];
        for (int i = 0; i < size; i++) {
            lookup[i] = palette.getRed(i) << 16 | palette.getGreen(i) << 8 | palette.getBlue(i);
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                rgb[y * width + x] = lookup[row[x]];
            }
        }
    }

    /**
     * 8-bit samples interleaved in one byte array (what ImageIO's JPEG and PNG readers return for RGB, RGBA and grey),
     * read straight from the array: {@link #fromComponents}'s per-band {@code getSamples} took 3 ms of the 17 ms a
     * 1024 x 768 JPEG spent in decoding and preprocessing (BENCHMARKS.md, "Batches"). False, writing nothing, for
     * any other layout.
     */
    private static boolean fromInterleavedBytes(Raster raster, ColorModel model, int[] rgb) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel layout)) {
            return false;
        }
        for (int band = 0; band < model.getNumComponents(); band++) {
            if (model.getComponentSize(band) != 8) return false;
        }
        boolean grey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int[] offsets = layout.getBandOffsets();
        int r = offsets[0];
        int g = offsets[grey ? 0 : 1];
        int b = offsets[grey ? 0 : 2];
        int stride = layout.getPixelStride();
        int scanline = layout.getScanlineStride();
        byte[] data = buffer.getData();
        int width = raster.getWidth();
        int height = raster.getHeight();
        // the sample model's (0, 0) is the raster's (-translateX, -translateY): a sub-image shares its parent's array
        int first = buffer.getOffset() + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * stride;
        for (int y = 0; y < height; y++) {
            int at = first + y * scanline;
            int row = y * width;
            for (int x = 0; x < width; x++, at += stride) {
                rgb[row + x] = (data[at + r] & 0xFF) << 16 | (data[at + g] & 0xFF) << 8 | (data[at + b] & 0xFF);
            }
        }
        return true;
    }

    private static void fromComponents(Raster raster, ColorModel model, int[] rgb) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        boolean grey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int[] bands = grey ? new int[] {0, 0, 0} : new int[] {0, 1, 2};
        int[] row = new int[width];
        for (int channel = 0; channel < 3; channel++) {
            int bits = model.getComponentSize(bands[channel]);
            int shift = 16 - 8 * channel;
            for (int y = 0; y < height; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, bands[channel], row);
                for (int x = 0; x < width; x++) {
                    rgb[y * width + x] |= to8Bit(row[x], bits) << shift;
                }
            }
        }
    }

    private static int to8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    /** The packed 0xRRGGBB pixels of a TYPE_INT_RGB image, row-major, as a fresh array. */
    static int[] pixels(BufferedImage intRgb) {
        int width = intRgb.getWidth();
        int height = intRgb.getHeight();
        Object data = intRgb.getRaster().getDataElements(0, 0, width, height, null);
        int[] rgb = (int[]) data;
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        return rgb;
    }

    static BufferedImage fromPixels(int[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, target, 0, width * height);
        return image;
    }
}
