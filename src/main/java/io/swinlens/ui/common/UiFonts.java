package io.swinlens.ui.common;

import io.swinlens.i18n.Fonts;
import io.swinlens.i18n.Language;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Parent;
import javafx.scene.text.Font;

import java.io.IOException;
import java.io.InputStream;

/**
 * The JavaFX side of {@link Fonts}: where the system has no font that draws Chinese, a window shown in
 * Chinese takes the bundled font (loaded into JavaFX once) as its root's font family; in English, or where
 * the system draws Chinese itself, the root keeps its own style. Windows and dialogs call {@link #follow}.
 */
public final class UiFonts {

    private static final String LISTENER = "swinlens.uiFonts.listener";
    private static final String STYLE = "swinlens.uiFonts.style";
    private static String family;
    private static boolean loaded;

    private UiFonts() { }

    /** Sets {@code root}'s font for the current language, and again after every change of language. */
    public static <T extends Parent> T follow(T root) {
        update(root);
        ChangeListener<Language> listener = (o, was, now) -> update(root);
        root.getProperties().put(LISTENER, listener);              // held by the node: goes with it
        Tr.languageProperty().addListener(new WeakChangeListener<>(listener));
        return root;
    }

    /** True where text in {@code language} needs the bundled font: Chinese on a system without a Chinese font. */
    public static boolean needsBundled(Language language) {
        return language == Language.SIMPLIFIED_CHINESE && !Fonts.systemDrawsChinese();
    }

    /** {@code preferred}, or the bundled family where the current language needs it (a view that picks its own font). */
    public static String family(String preferred) {
        String bundled = needsBundled(Tr.languageProperty().get()) ? bundledFamily() : null;
        return bundled == null ? preferred : bundled;
    }

    /** The bundled font's family in JavaFX, loaded on first use; null when the jar has no such font. */
    public static synchronized String bundledFamily() {
        if (!loaded) {
            loaded = true;
            try (InputStream in = Fonts.class.getResourceAsStream(Fonts.BUNDLED);
                 InputStream bold = Fonts.class.getResourceAsStream(Fonts.BUNDLED_BOLD)) {
                Font font = in == null ? null : Font.loadFont(in, 13);
                if (bold != null) Font.loadFont(bold, 13);        // the same family's bold face, for headings
                family = font == null ? null : font.getFamily();
            } catch (IOException e) {
                family = null;                                    // the system font then, as in English
            }
        }
        return family;
    }

    private static void update(Parent root) {
        String wanted = needsBundled(Tr.languageProperty().get()) ? bundledFamily() : null;
        String mine = wanted == null ? "" : "-fx-font-family: '" + wanted.replace("'", "") + "';";
        Object previous = root.getProperties().get(STYLE);
        String style = root.getStyle() == null ? "" : root.getStyle();
        if (previous instanceof String p && !p.isEmpty()) style = style.replace(p, "");
        root.setStyle((style.strip() + " " + mine).strip());
        root.getProperties().put(STYLE, mine);
    }
}
