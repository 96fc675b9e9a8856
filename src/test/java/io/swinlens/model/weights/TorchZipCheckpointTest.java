package io.swinlens.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swinlens.model.weights.WeightsException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchZipCheckpointTest {

    @TempDir
    Path dir;

    /** The smallest tensor set that passes as an official Swin checkpoint. */
    private static TorchZipWriter swinStub() {
        return new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {2, 3}, Bytes.range(6, 0f));
    }

    private Checkpoint open(TorchZipWriter writer, String name) throws Exception {
        Path file = dir.resolve(name);
        writer.write(file);
        return Checkpoint.open(file);
    }

    @Test
    void readsFloat32ValuesAndShape() throws Exception {
        try (Checkpoint c = open(swinStub(), "model.pth")) {
            RawTensor t = c.canonicalTensors().get("patch_embed.proj.weight");
            assertThat(c.fileType()).isEqualTo(FileType.TORCH_ZIP);
            assertThat(t.dtype()).isEqualTo(DType.F32);
            assertThat(t.shape()).containsExactly(2, 3);
            assertThat(t.toFloats()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
        }
    }

    @Test
    void convertsHalfAndBfloat16Storages() throws Exception {
        TorchZipWriter w = swinStub()
                .storage("h", "HalfStorage", 4, Bytes.u16(0x3C00, 0xC000, 0x0001, 0x7BFF))
                .view("half", "h", 0, new long[] {4}, new long[] {1})
                .storage("b", "BFloat16Storage", 3, Bytes.u16(0x3F80, 0xC040, 0x3E20))
                .view("bf16", "b", 0, new long[] {3}, new long[] {1});
        try (Checkpoint c = open(w, "half.pt")) {
            assertThat(c.canonicalTensors().get("half").dtype()).isEqualTo(DType.F16);
            assertThat(c.canonicalTensors().get("half").toFloats()).containsExactly(1f, -2f, 0x1p-24f, 65504f);
            assertThat(c.canonicalTensors().get("bf16").toFloats()).containsExactly(1f, -3f, 0.15625f);
        }
    }

    @Test
    void readsNonContiguousTransposedView() throws Exception {
        // storage holds a 2x3 matrix row-major; the tensor is its transpose (3x2, stride (1, 3))
        TorchZipWriter w = swinStub()
                .storage("s", "FloatStorage", 6, Bytes.f32(1, 2, 3, 4, 5, 6))
                .view("t", "s", 0, new long[] {3, 2}, new long[] {1, 3});
        try (Checkpoint c = open(w, "view.pth")) {
            assertThat(c.canonicalTensors().get("t").toFloats()).containsExactly(1, 4, 2, 5, 3, 6);
        }
    }

    @Test
    void readsViewsSharingOneStorageWithOffsets() throws Exception {
        TorchZipWriter w = swinStub()
                .storage("s", "FloatStorage", 6, Bytes.f32(1, 2, 3, 4, 5, 6))
                .view("first", "s", 0, new long[] {2}, new long[] {1})
                .view("rest", "s", 2, new long[] {2, 2}, new long[] {2, 1})
                .view("every_other", "s", 1, new long[] {3}, new long[] {2});
        try (Checkpoint c = open(w, "shared.pth")) {
            assertThat(c.canonicalTensors().get("first").toFloats()).containsExactly(1, 2);
            assertThat(c.canonicalTensors().get("rest").toFloats()).containsExactly(3, 4, 5, 6);
            assertThat(c.canonicalTensors().get("every_other").toFloats()).containsExactly(2, 4, 6);
        }
    }

    @Test
    void readsInt64BufferAsLongs() throws Exception {
        TorchZipWriter w = swinStub()
                .storage("i", "LongStorage", 3, Bytes.i64(7, -1, 1L << 40))
                .view("ids", "i", 0, new long[] {3}, new long[] {1});
        try (Checkpoint c = open(w, "ids.pth")) {
            assertThat(c.originalTensors().get("ids").toLongs()).containsExactly(7, -1, 1L << 40);
        }
    }

    @Test
    void unwrapsModelEntryOfOfficialCheckpoint() throws Exception {
        TorchZipWriter w = swinStub().wrapIn("model", p -> p.unicode("epoch").integer(299)
                .unicode("max_accuracy").binfloat(81.2));
        try (Checkpoint c = open(w, "swin_tiny.pth")) {
            assertThat(c.originalKeys()).containsExactly("patch_embed.proj.weight");
            assertThat(c.convention()).isEqualTo(NamingConvention.OFFICIAL);
        }
    }

    @Test
    void unwrapsStateDictEntry() throws Exception {
        try (Checkpoint c = open(swinStub().wrapIn("state_dict", p -> { }), "timm.pth")) {
            assertThat(c.canonicalTensors()).containsOnlyKeys("patch_embed.proj.weight");
        }
    }

    @Test
    void stripsDataParallelModulePrefix() throws Exception {
        TorchZipWriter w = new TorchZipWriter()
                .f32("module.patch_embed.proj.weight", new long[] {1}, new float[] {3f})
                .f32("module.head.weight", new long[] {1}, new float[] {4f});
        try (Checkpoint c = open(w, "dp.pth")) {
            assertThat(c.canonicalTensors()).containsOnlyKeys("patch_embed.proj.weight", "head.weight");
            assertThat(c.originalKeys()).containsExactly("module.patch_embed.proj.weight", "module.head.weight");
        }
    }

    @Test
    void refusesLegacyTorchFormatWithAdvice() throws Exception {
        Path file = dir.resolve("old.pth");
        byte[] legacy = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
            0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e, (byte) 0x80};
        Files.write(file, legacy);
        assertThatThrownBy(() -> Checkpoint.open(file)).isInstanceOfSatisfying(WeightsException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_FORMAT);
            assertThat(e.getMessage()).startsWith("old.pth: ").contains("torch >= 1.6").contains("safetensors");
        });
    }

    @Test
    void refusesZipCutInHalfAsTruncated() throws Exception {
        Path full = dir.resolve("full.pth");
        swinStub().f32("head.weight", new long[] {64}, new float[64]).write(full);
        byte[] bytes = Files.readAllBytes(full);
        Path half = dir.resolve("half.pth");
        Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertKind(half, Kind.TRUNCATED, "half.pth: ");
    }

    @Test
    void refusesStorageShorterThanItsDeclaredSize() throws Exception {
        TorchZipWriter w = swinStub().storage("7", "FloatStorage", 9216, new byte[1200])
                .view("head.weight", "7", 0, new long[] {96, 96}, new long[] {96, 1});
        Path file = dir.resolve("model.pth");
        w.write(file);
        WeightsException e = assertKind(file, Kind.TRUNCATED, "model.pth: ");
        assertThat(e.getMessage()).contains("'archive/data/7' needs 36864 bytes, file has 1200");
    }

    @Test
    void refusesViewReachingPastItsStorage() throws Exception {
        TorchZipWriter w = swinStub().storage("s", "FloatStorage", 4, Bytes.f32(1, 2, 3, 4))
                .view("head.weight", "s", 2, new long[] {2, 2}, new long[] {2, 1});
        Path file = dir.resolve("view.pth");
        w.write(file);
        assertThat(assertKind(file, Kind.CORRUPT, "view.pth: ").getMessage()).contains("head.weight");
    }

    @Test
    void refusesZipWithoutDataPkl() throws Exception {
        Path file = dir.resolve("other.zip.pth");
        TorchZipWriter.writeZip(file, java.util.Map.of("docs/readme.txt", new byte[] {1}));
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "other.zip.pth: ").getMessage()).contains("data.pkl");
    }

    @Test
    void refusesUnknownOpcodeNamingItsOffset() throws Exception {
        Path file = dir.resolve("odd.pth");
        TorchZipWriter.writeRawPickle(file, new byte[] {(byte) 0x80, 2, (byte) 0xff, '.'});
        assertThat(assertKind(file, Kind.CORRUPT, "odd.pth: ").getMessage()).contains("0xff").contains("offset 2");
    }

    @Test
    void aTopLevelThatIsNoDictIsDescribedInPythonsTerms() throws Exception {
        Path file = dir.resolve("tuple.pth");
        TorchZipWriter.writeRawPickle(file, new byte[] {(byte) 0x80, 2, 'K', 1, 'K', 2, (byte) 0x86, '.'});     // (1, 2)
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "tuple.pth: ").getMessage()).contains("a tuple of 2 items").doesNotContain("List");
    }

    @Test
    void refusesPickleEndingMidOpcode() throws Exception {
        Path file = dir.resolve("cut.pth");
        TorchZipWriter.writeRawPickle(file, new byte[] {(byte) 0x80, 2, 'X', 100, 0, 0, 0, 'a'});
        assertKind(file, Kind.TRUNCATED, "cut.pth: ");
    }

    static WeightsException assertKind(Path file, Kind kind, String messageStart) {
        try {
            Checkpoint.open(file).close();
        } catch (WeightsException e) {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).startsWith(messageStart).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("expected " + kind + " for " + file);
    }
}
