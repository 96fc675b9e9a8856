package io.swinlens.model.io;

import io.swinlens.i18n.Messages;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it either appears complete or not at all: the bytes go to a temporary file in
 * the same folder, which is then renamed over the target. An existing file is replaced only when asked.
 */
public final class AtomicFiles {

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() { }

    public static void write(Path target, boolean overwrite, Writer writer) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, Messages.get("error.write.exists"));
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, tempPrefix(target), ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                writer.write(out);
            }
            if (!overwrite && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, Messages.get("error.write.exists"));
            }
            usualPermissions(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * "." and the target's name, cut to 200 characters: the temporary name adds up to 25 more (a random number and
     * ".part"), and a file name may have 255, so a long but valid target still gets a temporary file.
     */
    static String tempPrefix(Path target) {
        String name = target.getFileName().toString();
        int end = name.length() <= 200 ? name.length() : name.offsetByCodePoints(0, Math.min(name.codePointCount(0, name.length()), 200));
        while (name.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 200) end = name.offsetByCodePoints(end, -1);
        return "." + name.substring(0, end);
    }

    /** Temporary files are created private (0600); a finished file gets the usual rw-r--r--. */
    private static void usualPermissions(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the platform's default
        }
    }

    /** One line naming the file and the cause, for users. */
    public static String describe(Path target, IOException e) {
        if (e instanceof FileAlreadyExistsException) return Messages.get("error.write.alreadyExists", target);
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) reason = f.getReason();   // not the path again
        if (e instanceof java.nio.file.DirectoryNotEmptyException) reason = Messages.get("error.write.folderInTheWay");
        else if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null && f.getMessage() != null
                && f.getMessage().equals(f.getFile())) {
            reason = Messages.get("error.write.failed", e.getClass().getSimpleName().replace("Exception", ""));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left")) reason = Messages.get("error.write.noSpace");
        }
        if (e instanceof java.nio.file.AccessDeniedException) reason = Messages.get("error.io.permissionDenied");
        return Messages.get("error.download.cannotWrite", target, reason);
    }
}
