package io.swinlens.model.weights;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {

    @TempDir
    Path dir;

    private static SafetensorsWriter swinStub() {
        return new SafetensorsWriter().f32("patch_embed.proj.weight", new long[] {2, 2}, new float[] {1f, -1f, 0.5f, 8f});
    }

    private Path write(SafetensorsWriter w, String name) throws Exception {
        Path file = dir.resolve(name);
        w.write(file);
        return file;
    }

    @Test
    void readsFloat32Float16Bfloat16AndInt64() throws Exception {
        SafetensorsWriter w = swinStub()
                .tensor("half", "F16", new long[] {3}, Bytes.u16(0x3800, 0xFC00, 0x8000))
                .tensor("bf16", "BF16", new long[] {2}, Bytes.u16(0x4049, 0xBF80))
                .tensor("ids", "I64", new long[] {2}, Bytes.i64(-5, 48));
        try (Checkpoint c = Checkpoint.open(write(w, "model.safetensors"))) {
            assertThat(c.fileType()).isEqualTo(FileType.SAFETENSORS);
            assertThat(c.canonicalTensors().get("patch_embed.proj.weight").toFloats()).containsExactly(1f, -1f, 0.5f, 8f);
            assertThat(c.canonicalTensors().get("half").toFloats()).containsExactly(0.5f, Float.NEGATIVE_INFINITY, -0f);
            assertThat(c.canonicalTensors().get("bf16").toFloats()).containsExactly(3.140625f, -1f);
            assertThat(c.canonicalTensors().get("ids").toLongs()).containsExactly(-5, 48);
        }
    }

    @Test
    void detectsFormatByContentNotExtension() throws Exception {
        try (Checkpoint c = Checkpoint.open(write(swinStub(), "actually_safetensors.pth"))) {
            assertThat(c.fileType()).isEqualTo(FileType.SAFETENSORS);
        }
    }

    @Test
    void refusesHeaderLengthBeyondFileSize() throws Exception {
        byte[] bytes = swinStub().toBytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 20);
        Path file = dir.resolve("big.safetensors");
        Files.write(file, bytes);
        assertThat(assertKind(file, Kind.TRUNCATED, "big.safetensors: ").getMessage()).contains("1048576");
    }

    @Test
    void refusesOffsetsPastTheDataBuffer() throws Exception {
        SafetensorsWriter w = swinStub().entry("head.weight", "F32", new long[] {4}, 32, 48, Bytes.f32(1, 2, 3, 4));
        assertThat(assertKind(write(w, "short.safetensors"), Kind.TRUNCATED, "short.safetensors: ").getMessage())
                .contains("head.weight").contains("[32,48]").contains("(32 bytes)");
    }

    @Test
    void refusesOffsetsThatDisagreeWithShape() throws Exception {
        SafetensorsWriter w = swinStub().entry("head.weight", "F32", new long[] {3}, 16, 32, Bytes.f32(1, 2, 3, 4));
        assertThat(assertKind(write(w, "mismatch.safetensors"), Kind.CORRUPT, "mismatch.safetensors: ").getMessage())
                .contains("head.weight").contains("needs 12 bytes").contains("cover 16");
    }

    @Test
    void refusesFloat8AsUnsupportedDtype() throws Exception {
        SafetensorsWriter w = swinStub().tensor("head.weight", "F8_E4M3", new long[] {2}, new byte[2]);
        assertThat(assertKind(write(w, "fp8.safetensors"), Kind.UNSUPPORTED_DTYPE, "fp8.safetensors: ").getMessage())
                .contains("head.weight").contains("F8_E4M3");
    }

    @Test
    void refusesHeaderThatIsNotJson() throws Exception {
        byte[] bytes = swinStub().toBytes();
        Arrays.fill(bytes, 9, 14, (byte) '#');
        Path file = dir.resolve("garbled.safetensors");
        Files.write(file, bytes);
        assertKind(file, Kind.CORRUPT, "garbled.safetensors: ");
    }
}
