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
            else if (isUnsafe(c) || type == Character.SURROGATE || type == Character.UNASSIGNED) escape(c, out);
            else out.appendCodePoint(c);
        }
        return i < name.length() ? out + "..." : out.toString();
    }

    /** Messages longer than this are cut: a 1 MB number or URL echoed back helps no one. */
    static final int MAX_MESSAGE = 1000;

    /**
     * A whole message made safe for a terminal or a banner: control and invisible format characters
     * escaped as in {@link #quoted}, backslashes left as they are, cut after {@link #MAX_MESSAGE} characters.
     */
    public static String sanitize(String message) {
        if (message == null) return null;
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        StringBuilder out = null;
        for (int i = 0; i < message.length(); ) {
            int c = message.codePointAt(i);
            if (isUnsafe(c) && out == null) out = new StringBuilder(message.substring(0, i));
            if (out != null) {
                if (isUnsafe(c)) escape(c, out);
                else out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out == null ? message : out.toString();
    }

    /** Characters a terminal acts on or a reader cannot see: C0 and C1 controls, DEL, format characters, line breaks. */
    private static boolean isUnsafe(int c) {
        int type = Character.getType(c);
        return c < 0x20 || c == 0x7f || type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static void escape(int c, StringBuilder out) {
        out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
    }
}
