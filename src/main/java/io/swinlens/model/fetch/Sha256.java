package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 of files, as lower-case hex. */
public final class Sha256 {

    private Sha256() { }

    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static boolean isHex(String s) {
        return s != null && s.length() == 64 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Lower-case form of a user-given checksum; IllegalArgumentException unless 64 hex digits. */
    public static String normalise(String hex) {
        String s = hex.trim().toLowerCase(Locale.ROOT);
        if (!isHex(s)) throw new IllegalArgumentException(Messages.get("error.sha256.format", hex));
        return s;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
