package io.swinlens.cli;

import io.swinlens.i18n.Messages;

import java.nio.file.Path;

/** Checks on {@code --out} that picocli cannot make: a name, and a folder rather than a file. */
final class OutputFolders {

    private OutputFolders() { }

    /** An empty {@code --out ""} would silently mean the current folder: refuse it. */
    static void require(Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.out.noName"));
        }
        if (java.nio.file.Files.isSymbolicLink(out) && !java.nio.file.Files.exists(out)) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.out.danglingLink", out));
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.out.isFile", out));
        }
    }
}
