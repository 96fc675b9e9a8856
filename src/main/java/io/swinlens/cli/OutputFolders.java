package io.swinlens.cli;

import java.nio.file.Path;

/** Checks on {@code --out} that picocli cannot make: a name, and a folder rather than a file. */
final class OutputFolders {

    private OutputFolders() { }

    /** An empty {@code --out ""} would silently mean the current folder: refuse it. */
    static void require(Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--out needs a folder name (use --out . for the current folder)");
        }
        if (java.nio.file.Files.isSymbolicLink(out) && !java.nio.file.Files.exists(out)) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, "--out " + out + " is a symbolic link to nothing; name a folder");
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, "--out " + out + " is a file, not a folder; name a folder (it is created if missing)");
        }
    }
}
