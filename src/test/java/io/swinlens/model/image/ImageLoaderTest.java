package io.swinlens.model.image;

import static io.swinlens.model.image.PreprocessorParityTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding and conversion to upright 8-bit RGB; failures are in ImageLoaderErrorTest. */
class ImageLoaderTest {

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientationLikePillowExifTranspose(int orientation) throws Exception {
        BufferedImage loaded = ImageLoader.load(resource("/images/orient-" + orientation + ".jpg"));
        BufferedImage pillow = ImageIO.read(resource("/images/orient-" + orientation + "-expected.png").toFile());

        assertThat(loaded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(loaded.getWidth()).isEqualTo(pillow.getWidth());
        assertThat(loaded.getHeight()).isEqualTo(pillow.getHeight());
        // the quadrants differ by ~200 levels; a wrong orientation cannot stay within 2
        assertThat(maxChannelDifference(loaded, pillow)).isLessThanOrEqualTo(2);
    }

    @Test
    void readsBigEndianExif() throws Exception {
        BufferedImage stored = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                stored.setRGB(x, y, x < 12 && y < 8 ? 0xE61414 : 0x1414E6);
            }
        }
        byte[] jpeg = withMotorolaExifOrientation(encodeJpeg(stored), 8);

        assertThat(JpegMetadata.orientation(jpeg)).isEqualTo(8);
        // orientation 8 turns the stored image 90 degrees anticlockwise: its top-left lands bottom-left
        BufferedImage shown = ExifOrientation.apply(stored, 8);
        assertThat(shown.getWidth()).isEqualTo(16);
        assertThat(shown.getHeight()).isEqualTo(24);
        assertThat(shown.getRGB(2, 21) & 0xFFFFFF).isEqualTo(0xE61414);
        assertThat(shown.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0x1414E6);
    }

    @Test
    void copiesGreyToAllChannels() throws Exception {
        BufferedImage raw = ImageIO.read(resource("/images/gray-120x90.png").toFile());
        BufferedImage loaded = ImageLoader.load(resource("/images/gray-120x90.png"));

        for (int y = 0; y < 90; y += 7) {
            for (int x = 0; x < 120; x += 5) {
                int v = raw.getRaster().getSample(x, y, 0);
                assertThat(loaded.getRGB(x, y) & 0xFFFFFF).isEqualTo(v << 16 | v << 8 | v);
            }
        }
    }

    @Test
    void dropsAlphaKeepingTheColourUnderneathLikePillowConvertRgb() throws Exception {
        // rgba-90x110.png: r = 2.5x, g = 2y, b = 255 - 2.5x, alpha = (7x + 3y) mod 256
        BufferedImage loaded = ImageLoader.load(resource("/images/rgba-90x110.png"));

        assertThat(loaded.getRGB(0, 0) & 0xFFFFFF).as("alpha 0 keeps its blue").isEqualTo(0x0000FF);
        assertThat(loaded.getRGB(10, 20) & 0xFFFFFF).isEqualTo(25 << 16 | 40 << 8 | 230);
    }

    @Test
    void takesTheHighByteOfSixteenBitGrey() throws Exception {
        BufferedImage loaded = ImageLoader.load(resource("/images/gray16-70x50.png"));

        assertThat(loaded.getWidth()).isEqualTo(70);
        for (int y = 0; y < 50; y += 3) {
            for (int x = 0; x < 70; x += 4) {
                int v = ((x * 900 + y * 1300) % 65536) >> 8;
                assertThat(loaded.getRGB(x, y) & 0xFFFFFF).isEqualTo(v << 16 | v << 8 | v);
            }
        }
    }

    @Test
    void looksUpPaletteColours() throws Exception {
        BufferedImage raw = ImageIO.read(resource("/images/palette-100x80.gif").toFile());
        BufferedImage loaded = ImageLoader.load(resource("/images/palette-100x80.gif"));

        assertThat(raw.getType()).isEqualTo(BufferedImage.TYPE_BYTE_INDEXED);
        assertThat(maxChannelDifference(loaded, raw)).isZero();
    }

    @Test
    void readsBmp(@TempDir Path dir) throws Exception {
        BufferedImage original = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));
        Path bmp = dir.resolve("copy.bmp");
        ImageIO.write(original, "bmp", bmp.toFile());

        assertThat(maxChannelDifference(ImageLoader.load(bmp), original)).isZero();
    }

    /** PIL leaves a JPEG's ICC profile unapplied (torchvision's loader: Image.open(f).convert("RGB")); so does SwinLens. */
    @ParameterizedTest
    @ValueSource(strings = {"linear RGB", "grey", "damaged"})
    void leavesAJpegsIccProfileUnappliedLikePillow(String profile, @TempDir Path dir) throws Exception {
        BufferedImage original = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));
        byte[] plain = encodeJpeg(original);
        byte[] icc = switch (profile) {
            case "linear RGB" -> java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
            case "grey" -> java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_GRAY).getData();
            default -> java.util.Arrays.copyOf(java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData(), 200);
        };
        Path withProfile = dir.resolve("profiled.jpg");
        java.nio.file.Files.write(withProfile, withIccProfile(plain, icc));
        Path without = dir.resolve("plain.jpg");
        java.nio.file.Files.write(without, plain);

        assertThat(maxChannelDifference(ImageLoader.load(withProfile), ImageLoader.load(without))).isZero();
        assertThat(JpegMetadata.withoutIccProfile(plain)).isSameAs(plain);
    }

    /** Inserts an APP2 ICC_PROFILE segment (one chunk of one) right after SOI. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        return withSegment(jpeg, 0xE2, new byte[]{'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0, 1, 1}, profile);
    }

    /** Inserts a segment with this marker, its length and the parts as its payload right after SOI. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[]... parts) {
        int length = 2;
        for (byte[] p : parts) length += p.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        for (byte[] p : parts) out.writeBytes(p);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    max = Math.max(max, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
                }
            }
        }
        return max;
    }

    static byte[] encodeJpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment with a big-endian ("MM") TIFF header right after SOI. */
    static byte[] withMotorolaExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8,   // header, IFD0 at offset 8
            0, 1,                          // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0,                    // no next IFD
        };
        return withSegment(jpeg, 0xE1, new byte[]{'E', 'x', 'i', 'f', 0, 0}, tiff);
    }
}
