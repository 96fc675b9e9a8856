package io.swinlens.i18n;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The font Java2D draws text with (exports, teaching pictures, captions): the logical {@code SansSerif}
 * in English, and in Chinese too where the system has a font that draws Chinese; else the bundled
 * subset of Noto Sans SC (SIL Open Font License 1.1, see {@code NotoSansSC-LICENSE.txt} beside it),
 * which holds every character of the Chinese bundles. Ask for a font when drawing, not once: the
 * language can change between two pictures.
 */
public final class Fonts {

    /** The bundled font's resource, beside this class. */
    public static final String BUNDLED = "/io/swinlens/i18n/fonts/NotoSansSC-SwinLens.ttf";
    /** Its bold face (Java2D would otherwise embolden the regular one, JavaFX not at all). */
    public static final String BUNDLED_BOLD = "/io/swinlens/i18n/fonts/NotoSansSC-SwinLens-Bold.ttf";

    /** A few characters every Chinese text has: whether the system's SansSerif can draw Chinese. */
    private static final String PROBE = "注意力窗口";

    private static final class Holder {
        static final Font BUNDLED_FONT = load(BUNDLED);
        static final Font BUNDLED_BOLD_FONT = load(BUNDLED_BOLD);
        static final boolean SYSTEM_HAS_CJK = new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplayUpTo(PROBE) < 0;
    }

    private Fonts() { }

    /** A sans-serif font for text in the current language. */
    public static Font sans(int style, float size) { return sans(Messages.language(), style, size); }

    public static Font sans(Language language, int style, float size) {
        if (language == Language.ENGLISH || Holder.SYSTEM_HAS_CJK || Holder.BUNDLED_FONT == null) {
            return new Font(Font.SANS_SERIF, style, Math.round(size)).deriveFont(size);
        }
        if ((style & Font.BOLD) != 0 && Holder.BUNDLED_BOLD_FONT != null) {
            return Holder.BUNDLED_BOLD_FONT.deriveFont(style & ~Font.BOLD, size);
        }
        return Holder.BUNDLED_FONT.deriveFont(style, size);
    }

    /** Whether the system's own fonts draw Chinese (else the bundled font does). */
    public static boolean systemDrawsChinese() { return Holder.SYSTEM_HAS_CJK; }

    /** The bundled Chinese font at size 12, or null if the jar lacks it. */
    public static Font bundled() { return Holder.BUNDLED_FONT; }

    private static Font load(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) return null;
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(12f);
        } catch (IOException | FontFormatException e) {
            return null;
        }
    }
}
