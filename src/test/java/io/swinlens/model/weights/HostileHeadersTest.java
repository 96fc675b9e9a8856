package io.swinlens.model.weights;

import io.swinlens.model.weights.WeightsException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

/** Offsets, dimensions and names crafted to wrap around, to read as internals, or to drive a terminal. */
class HostileHeadersTest {

    @TempDir Path dir;

    /** A safetensors file with exactly this JSON header and {@code dataBytes} zero bytes of data. */
    private Path safetensors(String name, String json, int dataBytes) throws Exception {
        StringBuilder header = new StringBuilder(json);
        while ((8 + header.length()) % 8 != 0) header.append(' ');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h);
        Path file = dir.resolve(name);
        Files.write(file, out.array());
        return file;
    }

    @Test
    void aDimensionBeyondSixtyFourBitsDoesNotWrapAround() throws Exception {
        // 2^64 + 6 would read as 6 if taken modulo 2^64
        Path file = safetensors("wrap.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[18446744073709551622],\"data_offsets\":[0,24]}}", 24);
        assertThat(assertKind(file, Kind.CORRUPT, "wrap.safetensors: ").getMessage())
                .contains("tensor 'w'").contains("18446744073709551622 is out of range");
    }

    @Test
    void aShapeWhoseProductOverflowsIsNamed() throws Exception {
        Path file = safetensors("product.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8);
        assertThat(assertKind(file, Kind.CORRUPT, "product.safetensors: ").getMessage()).contains("tensor 'w'").contains("overflows")
                .doesNotContain("internal error");
    }

    @Test
    void tensorsThatShareBytesAreRefused() throws Exception {
        Path file = safetensors("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16);
        assertThat(assertKind(file, Kind.CORRUPT, "overlap.safetensors: ").getMessage()).contains("'a' and 'b' share bytes");
        Path fine = safetensors("adjacent.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16);
        WeightsException notSwin = org.assertj.core.api.Assertions.catchThrowableOfType(() -> Checkpoint.open(fine).close(), WeightsException.class);
        assertThat(notSwin.getMessage()).contains("not a Swin Transformer checkpoint").contains("'a', 'e', 'b'");   // read past the offsets
    }

    @Test
    void aTensorNamedTwiceIsRefused() throws Exception {
        Path file = safetensors("twice.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertThat(assertKind(file, Kind.CORRUPT, "twice.safetensors: ").getMessage()).contains("names tensor 'a' twice");
    }

    @Test
    void aNullDtypeIsDescribedNotDumped() throws Exception {
        Path file = safetensors("null.safetensors", "{\"w\":{\"dtype\":null,\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertThat(assertKind(file, Kind.CORRUPT, "null.safetensors: ").getMessage())
                .contains("dtype must be a string").doesNotContain("JsonNull");
    }

    @Test
    void escapeSequencesInATensorNameAreWrittenOut() throws Exception {
        Path file = safetensors("ansi.safetensors",
                "{\"x\\u001b[2J\\u001b]0;owned\\u0007\\u0000\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1);
        String message = assertKind(file, Kind.UNSUPPORTED_DTYPE, "ansi.safetensors: ").getMessage();
        assertThat(message).contains("x\\x1b[2J\\x1b]0;owned\\x07\\x00");
        assertThat(message.chars().filter(c -> c < 0x20 || c == 0x7f)).isEmpty();
    }

    @Test
    void aNegativeStorageOffsetIsRefused() throws Exception {
        Path file = dir.resolve("negative.pth");
        new TorchZipWriter().storage("0", "FloatStorage", 4, new byte[16])
                .view("w", "0", -1, new long[] {2}, new long[] {1}).write(file);
        assertThat(assertKind(file, Kind.CORRUPT, "negative.pth: ").getMessage()).contains("storage offset -1");
    }

    @Test
    void aHugeStorageOffsetIsRefusedWithoutWrapping() throws Exception {
        Path file = dir.resolve("huge.pth");
        new TorchZipWriter().storage("0", "FloatStorage", 4, new byte[16])
                .view("w", "0", 1L << 62, new long[] {2}, new long[] {1}).write(file);
        assertThat(assertKind(file, Kind.CORRUPT, "huge.pth: ").getMessage()).contains("tensor 'w'").contains("overflows");
    }
}
