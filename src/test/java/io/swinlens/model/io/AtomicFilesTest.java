package io.swinlens.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aLongButValidNameIsWritten() throws Exception {
        for (String name : new String[]{"x".repeat(240) + ".png", "图".repeat(80) + ".png"}) {      // 244 and 244 bytes
            Path target = dir.resolve(name);
            AtomicFiles.write(target, false, out -> out.write(new byte[]{1, 2, 3}));
            assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
            assertThat(AtomicFiles.tempPrefix(target).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(201);
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aFolderInTheWayIsNamedAsSuch() throws Exception {
        Path target = Files.createDirectories(dir.resolve("manifest.json"));
        Files.writeString(target.resolve("inside.txt"), "x");
        java.io.IOException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> AtomicFiles.write(target, true, out -> out.write(1)), java.io.IOException.class);
        assertThat(AtomicFiles.describe(target, e)).endsWith("manifest.json: Is a directory");      // the reason, not the path again
        assertThat(AtomicFiles.describe(target, new java.nio.file.DirectoryNotEmptyException(target.toString())))
                .endsWith("manifest.json: a folder of that name, not empty, is in the way");
    }
}
