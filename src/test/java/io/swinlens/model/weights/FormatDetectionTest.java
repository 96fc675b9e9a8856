package io.swinlens.model.weights;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectionTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsNotFound() {
        assertThat(assertKind(dir.resolve("nope.pth"), Kind.NOT_FOUND, "nope.pth: ").getMessage()).contains("not found");
    }

    @Test
    void directoryIsUnreadable() throws Exception {
        assertKind(Files.createDirectory(dir.resolve("folder.pth")), Kind.UNREADABLE, "folder.pth: ");
    }

    @Test
    void emptyFileIsUnknownFormat() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.pth"));
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "empty.pth: ").getMessage()).contains("empty");
    }

    @Test
    void randomBytesAreUnknownFormat() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x11;   // keep the noise from starting like a zip or pickle by chance
        noise[8] = 0x22;
        Path file = dir.resolve("noise.bin");
        Files.write(file, noise);
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "noise.bin: ").getMessage()).contains("first bytes 11");
    }

    @Test
    void pngImageIsUnknownFormatNamedAsImage() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Path file = dir.resolve("cat.pth");
        Files.write(file, png);
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "cat.pth: ").getMessage()).contains("PNG image");
    }

    @Test
    void requireShapeNamesKeyExpectedAndActual() {
        RawTensor t = RawTensor.ofFloats("w", new long[] {48, 32}, new float[48 * 32]);
        WeightsException e = org.junit.jupiter.api.Assertions.assertThrows(WeightsException.class,
                () -> Checkpoint.requireShape("layers.0.blocks.0.attn.qkv.weight", t, 48, 16));
        assertThat(e.kind()).isEqualTo(Kind.SHAPE_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("key 'layers.0.blocks.0.attn.qkv.weight': expected [48, 16], got [48, 32]");
    }

    @Test
    void halfPrecisionConversionCoversSubnormalsAndSpecials() {
        assertThat(Float16.halfToFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(Float16.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(Float16.halfToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f);
        assertThat(Float16.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Float16.bfloat16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
    }
}
