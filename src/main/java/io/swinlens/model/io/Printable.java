package io.swinlens.model.io;

/**
 * Names from a file (tensor keys, pickle globals, zip entries) as they may appear in a message: control
 * characters, escape sequences, NUL and invisible format characters (bidi overrides) are written as
 * {@code \xNN} or {@code \}{@code uNNNN}, so that a hostile name cannot clear a terminal, set its title or
 * split a message over lines; and long names are cut.
 */
public final class Printable {

    private static final int MAX_LENGTH = 120;

    private Printable() { }

    public static String quoted(String name) {
        if (name == null) return "null";
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH) + 8);
        int i = 0;
        while (i < name.length() && out.length() < MAX_LENGTH) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (c == '\\') out.append("\\\\");
            else if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
            else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED) {
                out.append(String.format("\\u%04x", c));
            } else out.appendCodePoint(c);
        }
        return i < name.length() ? out + "..." : out.toString();
    }

    /**
     * A whole message made safe for a terminal or a banner: control and invisible format characters
     * escaped as in {@link #quoted}, everything else (backslashes, length) left as it is.
     */
    /** Messages longer than this are cut: a 1 MB number or URL echoed back helps no one. */
    static final int MAX_MESSAGE = 1000;

    public static String sanitize(String message) {
        if (message == null) return null;
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        StringBuilder out = null;
        for (int i = 0; i < message.length(); ) {
            int c = message.codePointAt(i);
            int width = Character.charCount(c);
            boolean unsafe = c < 0x20 || c == 0x7f || Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
            if (unsafe && out == null) out = new StringBuilder(message.substring(0, i));
            if (out != null) {
                if (!unsafe) out.appendCodePoint(c);
                else if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
                else out.append(String.format("\\u%04x", c));
            }
            i += width;
        }
        return out == null ? message : out.toString();
    }
}
