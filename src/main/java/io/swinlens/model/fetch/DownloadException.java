package io.swinlens.model.fetch;

import io.swinlens.model.io.Printable;

/** A download failed; the message is one line a user can act on. */
public class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can choose an exit code or a dialog. */
    public enum Kind {
        /** Offline, refused, timed out, or the connection broke (a .part is kept for resuming). */
        NETWORK,
        /** The server answered with an error status. */
        HTTP_STATUS,
        SIZE_MISMATCH,
        CHECKSUM_MISMATCH,
        /** The bytes arrived intact but do not open as a Swin checkpoint. */
        NOT_A_CHECKPOINT,
        CANCELLED,
        /** The file could not be written (disk full, permissions, another download of it running). */
        LOCAL_IO
    }

    private final Kind kind;

    public DownloadException(Kind kind, String message) {
        super(Printable.sanitize(message));
        this.kind = kind;
    }

    public DownloadException(Kind kind, String message, Throwable cause) {
        super(Printable.sanitize(message), cause);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
