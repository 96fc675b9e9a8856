package io.swinlens.cli;

import java.nio.file.Path;

/** Checks on {@code --out} that picocli cannot make. */
final class OutputFolders {

    private OutputFolders() { }

    /** An empty {@code --out ""} would silently mean the current folder: refuse it. */
    static void require(Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--out needs a folder name (use --out . for the current folder)");
        }
    }
}
