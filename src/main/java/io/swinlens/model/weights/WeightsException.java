package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;

import java.nio.file.Path;

/**
 * A checkpoint could not be opened or does not fit the model. The message is one line a user can
 * act on: it names the file and, where relevant, the key, offset, or expected versus actual value.
 */
public class WeightsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can react (for example, offer a file chooser on NOT_FOUND). */
    public enum Kind {
        NOT_FOUND, UNREADABLE, UNKNOWN_FORMAT, TRUNCATED, CORRUPT, UNSAFE,
        MISSING_TENSOR, UNEXPECTED_TENSOR, SHAPE_MISMATCH, UNSUPPORTED_DTYPE,
        /** What the user said of the file (--pretrained-window) does not fit it: a usage error, not a bad file. */
        USER_HINT
    }

    private final Kind kind;

    public WeightsException(Kind kind, String message) {
        super(Printable.sanitize(message));
        this.kind = kind;
    }

    public WeightsException(Kind kind, String message, Throwable cause) {
        super(Printable.sanitize(message), cause);
        this.kind = kind;
    }

    /** Builds {@code "<file name>: <detail>"}, the message form used throughout this package. */
    public static WeightsException of(Kind kind, Path file, String detail) {
        return new WeightsException(kind, Messages.get("error.file.detail", fileName(file), detail));
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    public Kind kind() {
        return kind;
    }
}
