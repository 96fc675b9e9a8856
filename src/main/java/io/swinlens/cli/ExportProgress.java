package io.swinlens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Batch progress on stderr: a redrawn bar on a terminal, otherwise one line per file. Errors always get a line. */
final class ExportProgress {

    private static final int BAR = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean bar;
    private int done;

    ExportProgress(PrintWriter err, int total, boolean bar) {
        this.err = err;
        this.total = total;
        this.bar = bar;
    }

    void done(Path file, String message) {
        done++;
        if (bar) {
            drawBar(file);
        } else {
            err.printf("[%d/%d] %s%n", done, total, io.swinlens.model.io.Printable.sanitize(message));
            err.flush();
        }
    }

    void failed(Path file, String message) {
        done++;
        if (bar) err.print("\r\033[K");
        err.println(io.swinlens.model.io.Printable.sanitize(message));
        if (bar) drawBar(file);
        err.flush();
    }

    void finish() {
        if (bar) {
            err.println();
            err.flush();
        }
    }

    private void drawBar(Path file) {
        int filled = total == 0 ? BAR : done * BAR / total;
        err.printf("\r\033[K[%s%s] %d/%d %s", "#".repeat(filled), " ".repeat(BAR - filled), done, total, io.swinlens.model.io.Printable.sanitize(String.valueOf(file.getFileName())));
        err.flush();
    }
}
