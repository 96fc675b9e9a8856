package io.swinlens.cli;

/**
 * The exit code of a batch: OK when every input worked; PARTIAL_FAILURE when some did and some failed (the
 * others were processed); when all failed, their common code, or PARTIAL_FAILURE when their codes differ.
 */
final class ExportOutcome {

    private int succeeded;
    private int firstFailure = ExitCodes.OK;
    private boolean mixed;

    void ok() { succeeded++; }

    void failed(int code) {
        if (firstFailure == ExitCodes.OK) {
            firstFailure = code;
        } else if (code != firstFailure) {
            mixed = true;
        }
    }

    int succeeded() { return succeeded; }

    int exitCode() {
        if (firstFailure == ExitCodes.OK) return ExitCodes.OK;
        return mixed || succeeded > 0 ? ExitCodes.PARTIAL_FAILURE : firstFailure;
    }
}
