package io.swinlens.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookaheadTest {

    @Test void resultsComeInOrderAndAFailureBelongsToItsOwnFile() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 7; i++) files.add(Path.of("f" + i + ".png"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Lookahead<String> reader = new Lookahead<>(files, 2, file -> {
            threads.add(Thread.currentThread().getName());
            if (file.toString().equals("f3.png")) throw new CliException(ExitCodes.UNREADABLE_INPUT, "f3.png: broken");
            if (file.toString().equals("f5.png")) throw new OutOfMemoryError("too big");
            return file.toString().toUpperCase();
        })) {
            for (int i = 0; i < 7; i++) {
                int index = i;
                if (i == 3) {
                    assertThatThrownBy(reader::next).isInstanceOf(CliException.class).hasMessage("f3.png: broken");
                } else if (i == 5) {
                    assertThatThrownBy(reader::next).isInstanceOf(OutOfMemoryError.class);
                } else {
                    assertThat(reader.next()).as("file %d", index).isEqualTo("F" + i + ".PNG");
                }
            }
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
        }
        assertThat(threads).containsExactly("swinlens-read-ahead");
    }
}
