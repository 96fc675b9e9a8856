package io.swinlens.model.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Memory bombs and endless inputs: refused from the header or the file type, before anything big is read. */
class ImageLimitsTest {

    @TempDir Path dir;

    @Test
    void aPngDeclaringThirtyThousandSquaredIsRefusedFromItsHeader() throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, png(30000, 30000));
        assertThat(Files.size(bomb)).isLessThan(4096);
        ImageLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(() -> ImageLoader.load(bomb), ImageLoadException.class));
        assertThat(e.getMessage()).isEqualTo("bomb.png: image is too large: 30000 x 30000 pixels (900 megapixels; at most 200)");
    }

    @Test
    void largeImagesAreSubsampledToAtMostThirtySixMegapixels() {
        assertThat(ImageLoader.subsampling(4000, 3000)).isEqualTo(1);
        assertThat(ImageLoader.subsampling(6000, 6000)).isEqualTo(1);
        assertThat(ImageLoader.subsampling(8000, 6000)).isEqualTo(2);
        assertThat(ImageLoader.subsampling(20000, 20000)).isEqualTo(4);
        long w = 19999;
        long h = 19999;
        int k = ImageLoader.subsampling(w, h);
        assertThat((w / k) * (h / k)).isLessThanOrEqualTo(ImageLoader.SUBSAMPLE_ABOVE_PIXELS);
        assertThat((w / (k - 1)) * (h / (k - 1))).isGreaterThan(ImageLoader.SUBSAMPLE_ABOVE_PIXELS);
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        ImageLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(() -> ImageLoader.load(fifo), ImageLoadException.class));
        assertThat(e.getMessage()).isEqualTo("pipe.png: is not a regular file (a device, pipe or socket); SwinLens reads image files only");
    }

    @Test
    void aDeviceThatNeverEndsIsRefused() {
        Path zero = Path.of("/dev/zero");
        ImageLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(() -> ImageLoader.load(zero), ImageLoadException.class));
        assertThat(e.getMessage()).contains("is not a regular file");
    }

    /** A valid PNG with a tiny IDAT that declares {@code width x height} (it would inflate to gigabytes). */
    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.write(new byte[] {8, 2, 0, 0, 0});           // 8-bit RGB, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] idat = new byte[2048];
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
