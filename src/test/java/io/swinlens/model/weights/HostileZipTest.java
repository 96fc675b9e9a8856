package io.swinlens.model.weights;

import io.swinlens.model.weights.WeightsException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Checkpoints that would make a reader allocate or wait without end. */
class HostileZipTest {

    @TempDir Path dir;

    @Test
    void aStorageThatInflatesFarBeyondItsFileIsRefusedAsAZipBomb() throws Exception {
        long numel = 64L << 20 >> 2;                     // a 64 MiB float storage of zeros, deflated to ~64 KB
        byte[] pickle = new TorchZipWriter().storage("0", "FloatStorage", numel, new byte[0])
                .view("head.weight", "0", 0, new long[] {numel}, new long[] {1}).pickle();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/data/0", new byte[(int) (numel * 4)]);
        Path file = dir.resolve("bomb.pth");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));      // DEFLATED
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        assertThat(Files.size(file)).isLessThan(1 << 20);
        WeightsException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertKind(file, Kind.CORRUPT, "bomb.pth: "));
        assertThat(e.getMessage()).contains("zip entry 'archive/data/0' claims 67108864 bytes").contains("zip bomb");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("weights.pth");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        WeightsException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertKind(fifo, Kind.UNREADABLE, "weights.pth: "));
        assertThat(e.getMessage()).contains("is not a regular file");
    }

    @Test
    void devZeroIsRefused() {
        WeightsException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertKind(Path.of("/dev/zero"), Kind.UNREADABLE, "zero: "));
        assertThat(e.getMessage()).contains("is not a regular file");
    }
}
