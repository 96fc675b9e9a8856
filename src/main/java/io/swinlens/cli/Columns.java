package io.swinlens.cli;

/** Text padded to terminal columns, for the CLI's tables: a Chinese character or full-width sign takes two. */
final class Columns {

    private Columns() { }

    /** The columns {@code text} takes on a terminal. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean wide = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);   // CJK and full-width punctuation
            width += wide ? 2 : 1;
            i += Character.charCount(c);
        }
        return width;
    }

    /** Left-aligned in {@code columns} columns, as {@code %-Ns} does for Latin text. */
    static String left(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - width(text)));
    }

    /** Right-aligned in {@code columns} columns, as {@code %Ns} does for Latin text. */
    static String right(String text, int columns) {
        return " ".repeat(Math.max(0, columns - width(text))) + text;
    }
}
