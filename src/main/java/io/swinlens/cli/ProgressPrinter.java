package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.Downloader;

import java.io.PrintWriter;

/**
 * Download progress on stderr: a redrawn bar on a terminal, else (logs, pipes) one line per tenth of
 * the file, or per 10 MB when the size is unknown.
 */
final class ProgressPrinter implements Downloader.Progress {

    private static final int BAR = 30;
    private static final long UNKNOWN_STEP = 10_000_000;

    private final PrintWriter err;
    private final String name;
    private final boolean terminal;
    private long lastStep = -1;

    ProgressPrinter(PrintWriter err, String name) { this(err, name, System.console() != null); }

    ProgressPrinter(PrintWriter err, String name, boolean terminal) {
        this.err = err;
        this.name = name;
        this.terminal = terminal;
    }

    @Override public void update(long bytesSoFar, long total) {
        long step = total > 0 ? bytesSoFar * (terminal ? 100 : 10) / total : bytesSoFar / UNKNOWN_STEP;
        if (step == lastStep) return;
        lastStep = step;
        String mb = String.format(java.util.Locale.ROOT, "%.1f MB", bytesSoFar / 1e6);
        if (!terminal) {
            err.println(total > 0 ? Messages.get("cli.fetch.progress", name, step * 10, mb, String.format(java.util.Locale.ROOT, "%.1f MB", total / 1e6))
                    : name + ": " + mb);
        } else if (total > 0) {
            int filled = (int) (bytesSoFar * BAR / total);
            err.print("\r" + name + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + step + "% " + mb);
            if (bytesSoFar >= total) err.println();
        } else {
            err.print("\r" + name + " " + mb);
        }
        err.flush();
    }
}
