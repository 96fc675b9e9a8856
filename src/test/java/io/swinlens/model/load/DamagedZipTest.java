package io.swinlens.model.load;

import io.swinlens.model.weights.WeightsException;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A checkpoint whose zip index points a tensor's entry at the wrong place: one line in the user's terms. */
class DamagedZipTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "local header offset moved by {0}")
    @ValueSource(ints = {1, 7, -3})
    void aTensorEntryThatIsNotWhereTheIndexSaysIsNamedAsDamage(int shift) throws Exception {
        byte[] zip = Files.readAllBytes(Fixtures.file("m7", "official.pth"));
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int moved = 0;
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (b.getInt(i) != 0x02014b50) continue;                       // a central directory entry
            int nameLength = b.getShort(i + 28) & 0xFFFF;
            String name = new String(zip, i + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
            if (name.matches(".*/data/\\d+")) {                            // a tensor storage, not data.pkl
                b.putInt(i + 42, b.getInt(i + 42) + shift);
                moved++;
            }
        }
        assertThat(moved).isGreaterThan(0);
        Path file = Files.write(dir.resolve("damaged.pth"), zip);
        WeightsException e = catchThrowableOfType(() -> ModelLoader.load(file), WeightsException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("damaged.pth: ").doesNotContain("null").doesNotContain("LOC");
        assertThat(e.getMessage().lines()).hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void aFlippedByteInATensorIsCaughtByTheEntrysCrc() throws Exception {
        byte[] zip = Files.readAllBytes(Fixtures.file("m7", "official.pth"));
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int flipped = 0;
        for (int i = 0; i + 30 <= zip.length && flipped == 0; i++) {            // the first storage entry's first data byte
            if (b.getInt(i) != 0x04034b50) continue;
            int nameLength = b.getShort(i + 26) & 0xFFFF;
            int extra = b.getShort(i + 28) & 0xFFFF;
            if (new String(zip, i + 30, nameLength, java.nio.charset.StandardCharsets.UTF_8).matches(".*/data/\\d+")) {
                zip[i + 30 + nameLength + extra] ^= 0x40;
                flipped++;
            }
        }
        Path file = Files.write(dir.resolve("flipped.pth"), zip);
        WeightsException e = catchThrowableOfType(() -> ModelLoader.load(file), WeightsException.class);
        assertThat(e).as("loaded a damaged weight").isNotNull();
        assertThat(e.getMessage()).contains("fail its CRC-32 check").hasLineCount(1);
    }

    @org.junit.jupiter.api.Test
    void aTensorEntryPointedAtAnotherEntrysHeaderIsRefusedNotRead() throws Exception {
        byte[] zip = Files.readAllBytes(Fixtures.file("m7", "official.pth"));
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int moved = 0;
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (b.getInt(i) != 0x02014b50) continue;
            int nameLength = b.getShort(i + 28) & 0xFFFF;
            if (new String(zip, i + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8).matches(".*/data/\\d+")) {
                b.putInt(i + 42, 0);                                          // the first entry's header: data.pkl's
                moved++;
            }
        }
        assertThat(moved).isGreaterThan(0);
        Path file = Files.write(dir.resolve("elsewhere.pth"), zip);
        WeightsException e = catchThrowableOfType(() -> ModelLoader.load(file), WeightsException.class);
        assertThat(e).as("loaded another entry's bytes as weights").isNotNull();
        assertThat(e.getMessage()).startsWith("elsewhere.pth: the zip index points entry").contains("at data that is not that entry's");
    }
}
