package io.swinlens.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** .npy headers that lie: each gets one sentence about the file, never a Java exception's text. */
class NpyHostileTest {

    @TempDir Path dir;

    private Path npy(String shape, int dataBytes) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }\n";
        byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        Path file = dir.resolve("input.npy");
        Files.write(file, b.array());
        return file;
    }

    private String failure(Path file) {
        IOException e = catchThrowableOfType(() -> Npy.read(file), IOException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).startsWith("input.npy: ").doesNotContain("Exception").doesNotContain("\n");
        return e.getMessage();
    }

    @ParameterizedTest(name = "shape ({0})")
    @CsvSource(delimiter = ';', value = {
            "3, 0, 4; holds no values",
            "-3, 4, 4; must hold non-negative integers",
            "99999999999999999999, 1; must hold non-negative integers",
            "4294967296, 4294967296, 4294967296; more elements than any file can hold",
            "3, 1000, 1000; truncated"})
    void lyingShapesAreRefused(String shape, String says) throws IOException {
        assertThat(failure(npy(shape, 16))).contains(says);
    }

    @Test
    void aFourGigabyteHeaderLengthIsRefused() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(-1);
        Path file = dir.resolve("input.npy");
        Files.write(file, b.array());
        assertThat(failure(file)).contains("header of 4294967295 bytes is not plausible");
    }

    @Test
    void aHugeNestedHeaderIsCutInTheMessage() throws IOException {
        String nested = "(".repeat(30000) + ")".repeat(30000);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + nested + " }\n";
        byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(h.length).put(h);
        Path file = dir.resolve("input.npy");
        Files.write(file, b.array());
        assertThat(failure(file).length()).isLessThan(300);
    }
}
