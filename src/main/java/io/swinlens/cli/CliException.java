package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;

/** A failure with an exit code and a message meant for the user. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(Printable.sanitize(message));
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }

    static int exitCodeOf(Throwable e) {
        if (e instanceof CliException c) return c.exitCode;
        if (e instanceof IllegalArgumentException) return ExitCodes.USAGE;
        return ExitCodes.PARTIAL_FAILURE;
    }

    static String messageOf(Throwable e) {
        String m = e.getMessage();
        if (e instanceof CliException || e instanceof IllegalArgumentException) return m;
        if (e instanceof OutOfMemoryError) return Messages.get("cli.error.outOfMemory");
        return m == null ? Messages.get("cli.error.internal", e.getClass().getSimpleName())
                : Messages.get("cli.error.internalWithMessage", e.getClass().getSimpleName(), m);
    }
}
