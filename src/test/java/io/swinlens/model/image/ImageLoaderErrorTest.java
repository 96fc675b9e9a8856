package io.swinlens.model.image;

import static io.swinlens.model.image.PreprocessorParityTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a file can fail gives one line that starts with the file name. */
class ImageLoaderErrorTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        assertThat(messageFor(dir.resolve("photo.jpg"))).isEqualTo("photo.jpg: file not found");
    }

    @Test
    void directory() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("holiday.png"));
        assertThat(messageFor(folder)).isEqualTo("holiday.png: is a folder, not an image file");
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThat(messageFor(empty)).isEqualTo("empty.png: file is empty (0 bytes)");
    }

    @Test
    void textFileNamedPng() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "these are not pixels\n");
        assertThat(messageFor(text)).startsWith("notes.png: not a readable image (unrecognised format");
    }

    @Test
    void pngCutInHalf() throws Exception {
        Path cut = halfOf("gradient-noise-300x200.png", "cut.png");
        assertThat(messageFor(cut)).isEqualTo("cut.png: not a readable image (truncated PNG data)");
    }

    @Test
    void jpegCutInHalf() throws Exception {
        Path cut = halfOf("exif6-150x333.jpg", "cut.jpg");
        assertThat(messageFor(cut)).isEqualTo("cut.jpg: not a readable image (truncated JPEG data)");
    }

    @Test
    void gifCutInHalf() throws Exception {
        Path cut = halfOf("palette-100x80.gif", "cut.gif");
        assertThat(messageFor(cut)).isEqualTo("cut.gif: not a readable image (truncated GIF data)");
    }

    @Test
    void headersThatGiveNoSizeOrAnEnormousOneAreNamedBeforeDecoding() throws Exception {
        BufferedImage image = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        byte[] zero = png.toByteArray().clone();
        Arrays.fill(zero, 16, 24, (byte) 0);                                // IHDR width and height
        assertThat(messageFor(Files.write(dir.resolve("zero.png"), zero))).isEqualTo("zero.png: the PNG header gives a size of 0 x 0 pixels; the file is damaged");
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(image, "bmp", bmp);
        byte[] huge = bmp.toByteArray();
        java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, 100_000).putInt(22, -100_000);   // top-down
        assertThat(messageFor(Files.write(dir.resolve("huge.bmp"), huge))).startsWith("huge.bmp: image is too large: 100000 x 100000 pixels");
    }

    @Test
    void bmpCutInHalf() throws Exception {
        BufferedImage image = ImageLoader.load(resource("/images/gradient-noise-300x200.png"));
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(image, "bmp", bmp);
        byte[] bytes = bmp.toByteArray();
        Path cut = Files.write(dir.resolve("cut.bmp"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(messageFor(cut)).isEqualTo("cut.bmp: not a readable image (truncated BMP data)");
    }

    @Test
    void cmykJpeg() throws Exception {
        assertThat(messageFor(resource("/images/cmyk-40x30.jpg")))
                .isEqualTo("cmyk-40x30.jpg: CMYK JPEG is not supported; convert it to RGB");
    }

    private Path halfOf(String image, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(resource("/images/" + image));
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static String messageFor(Path file) {
        ImageLoadException e = catchThrowableOfType(() -> ImageLoader.load(file), ImageLoadException.class);
        assertThat(e).as("load(%s) should fail", file).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(e.file()).isEqualTo(file);
        return e.getMessage();
    }
}
