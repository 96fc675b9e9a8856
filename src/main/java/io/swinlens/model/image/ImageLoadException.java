package io.swinlens.model.image;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;

import java.nio.file.Path;

/**
 * An image file that SwinLens cannot open. The message is one line that starts with the file
 * name and says what is wrong, e.g. {@code "photo.jpg: not a readable image (truncated JPEG data)"};
 * it is meant to be shown to the user as it is.
 */
public class ImageLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ImageLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    public ImageLoadException(Path file, String problem, Throwable cause) {
        super(Printable.sanitize(Messages.get("error.file.detail", displayName(file), problem)), cause);
        this.file = file;
    }

    /** The file that could not be loaded. */
    public Path file() {
        return file;
    }

    static String displayName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
