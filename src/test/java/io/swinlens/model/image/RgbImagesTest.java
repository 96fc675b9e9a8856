package io.swinlens.model.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversion to TYPE_INT_RGB reads each layout's samples as they are stored, whichever way it reads them. */
class RgbImagesTest {

    @Test
    void interleavedByteLayoutsGiveTheirStoredSamples() {
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY}) {
            BufferedImage image = noise(type, 37, 23);
            assertThat(toPixels(RgbImages.toIntRgb(image))).as("type %d", type).isEqualTo(storedSamples(image));
            // a sub-image shares its parent's array from an offset, with the parent's row stride
            BufferedImage part = image.getSubimage(5, 7, 20, 11);
            assertThat(toPixels(RgbImages.toIntRgb(part))).as("type %d, a sub-image", type).isEqualTo(storedSamples(part));
        }
    }

    @Test
    void otherComponentLayoutsGiveTheirStoredSamplesToo() {
        BufferedImage image = noise(BufferedImage.TYPE_USHORT_GRAY, 19, 13);   // 16-bit grey: the high byte
        int[] expected = new int[19 * 13];
        Raster raster = image.getRaster();
        for (int y = 0; y < 13; y++) {
            for (int x = 0; x < 19; x++) {
                int v = raster.getSample(x, y, 0) >>> 8;
                expected[y * 19 + x] = v << 16 | v << 8 | v;
            }
        }
        assertThat(toPixels(RgbImages.toIntRgb(image))).isEqualTo(expected);
    }

    /** Random samples in every band, alpha included. */
    private static BufferedImage noise(int type, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, type);
        var raster = image.getRaster();
        Random random = new Random(type);
        int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int band = 0; band < raster.getNumBands(); band++) raster.setSample(x, y, band, random.nextInt(max + 1));
            }
        }
        return image;
    }

    /** 0xRRGGBB from the raster's first three bands (or its one grey band), read one sample at a time. */
    private static int[] storedSamples(BufferedImage image) {
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1;
        int[] out = new int[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = raster.getSample(x, y, 0);
                int g = raster.getSample(x, y, grey ? 0 : 1);
                int b = raster.getSample(x, y, grey ? 0 : 2);
                out[y * image.getWidth() + x] = r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    private static int[] toPixels(BufferedImage intRgb) {
        assertThat(intRgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        return RgbImages.pixels(intRgb);
    }
}
