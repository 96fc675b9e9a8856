package io.swinlens.cli;

/** The exit code of a batch: OK, the failures' common code, or PARTIAL_FAILURE when they differ. */
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

    int exitCode() { return mixed ? ExitCodes.PARTIAL_FAILURE : firstFailure; }
}
