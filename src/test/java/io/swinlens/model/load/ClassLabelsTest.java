package io.swinlens.model.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The labels file beside a checkpoint: used when it fits, said when it does not, never printed raw. */
class ClassLabelsTest {

    @TempDir
    Path dir;

    @Test
    void aFittingFileIsUsedWithItsControlCharactersEscapedAndLongNamesCut() throws Exception {
        Path weights = dir.resolve("model.pth");
        Files.writeString(dir.resolve("model.labels.txt"), "cat\n\u001b[31mred\u0007\n" + "x".repeat(500) + "\n");
        ClassLabels labels = ClassLabels.forModel(3, weights);
        assertThat(labels.source()).isEqualTo("model.labels.txt");
        assertThat(labels.warning()).isNull();
        assertThat(labels.name(0)).isEqualTo("cat");
        assertThat(labels.name(1)).doesNotContain("\u001b").doesNotContain("\u0007").contains("red");
        assertThat(labels.name(2)).hasSize(ClassLabels.MAX_NAME).endsWith("…");
    }

    @Test
    void aFileWithTheWrongNumberOfNamesIsNotUsedAndSaysSo() throws Exception {
        Path weights = dir.resolve("model.safetensors");
        Files.writeString(dir.resolve("model.labels.txt"), "a\nb\n");
        ClassLabels labels = ClassLabels.forModel(3, weights);
        assertThat(labels.source()).isEqualTo("generic");
        assertThat(labels.name(2)).isEqualTo("class 2");
        assertThat(labels.warning()).contains("model.labels.txt").contains("2 names").contains("3 outputs");
    }

    @Test
    void aFileThatIsNotUtf8IsNotUsedAndSaysSo() throws Exception {
        Path weights = dir.resolve("model.pth");
        Files.write(dir.resolve("model.labels.txt"), new byte[]{'a', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'c', '\n'});
        ClassLabels labels = ClassLabels.forModel(3, weights);
        assertThat(labels.source()).isEqualTo("generic");
        assertThat(labels.warning()).contains("is not UTF-8 text").doesNotContain("Exception");
    }

    @Test
    void aHugeFileIsNotReadAndSaysSo() throws Exception {
        Path weights = dir.resolve("model.pth");
        try (var f = new java.io.RandomAccessFile(dir.resolve("model.labels.txt").toFile(), "rw")) {
            f.setLength(ClassLabels.MAX_FILE_BYTES + 1);                    // sparse: no 16 MB written
        }
        ClassLabels labels = ClassLabels.forModel(3, weights);
        assertThat(labels.source()).isEqualTo("generic");
        assertThat(labels.warning()).contains("over 16 MB");
    }

    @Test
    void withoutAFileThereIsNothingToSay() {
        ClassLabels labels = ClassLabels.forModel(4, dir.resolve("model.pth"));
        assertThat(labels.source()).isEqualTo("generic");
        assertThat(labels.warning()).isNull();
    }
}
