package io.swinlens.analysis;

/**
 * How an exported view is framed: with or without its caption and colorbar, and at a width in pixels of
 * the picture itself (0: the settings' scale, model-input pixels times {@code scale}).
 */
public record ExportStyle(boolean caption, boolean colorbar, int width) {

    public static final int MIN_WIDTH = 64;
    public static final int MAX_WIDTH = 8192;

    /** Caption and colorbar, at the settings' scale: what the app and the CLI write by default. */
    public static final ExportStyle FULL = new ExportStyle(true, true, 0);

    public ExportStyle {
        if (width != 0 && (width < MIN_WIDTH || width > MAX_WIDTH)) {
            throw new IllegalArgumentException("width " + width + " px is outside " + MIN_WIDTH + ".." + MAX_WIDTH); // not user text: a programming error, the CLI checks --width first
        }
    }

    public ExportStyle withCaption(boolean on) { return new ExportStyle(on, colorbar, width); }

    public ExportStyle withColorbar(boolean on) { return new ExportStyle(caption, on, width); }

    public ExportStyle withWidth(int px) { return new ExportStyle(caption, colorbar, px); }
}
