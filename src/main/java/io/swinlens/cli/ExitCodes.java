package io.swinlens.cli;

/** The exit codes scripts rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Some items of a batch failed; the others were processed. */
    public static final int PARTIAL_FAILURE = 1;
    public static final int USAGE = 2;
    public static final int UNREADABLE_INPUT = 3;
    public static final int UNUSABLE_WEIGHTS = 4;
    /** An output could not be written (exists without --overwrite, no space, no permission). */
    public static final int OUTPUT_ERROR = 5;
    /** A download failed: offline, refused, timed out, broken transfer, or an HTTP error status. */
    public static final int NETWORK_ERROR = 6;

    private ExitCodes() { }
}
