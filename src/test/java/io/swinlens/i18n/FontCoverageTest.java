package io.swinlens.i18n;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled font (docs/i18n.md § Fonts) draws every character of the Chinese texts, so an export made on
 * a machine without a CJK font shows no empty boxes; and it really puts ink on the image.
 */
class FontCoverageTest {

    @Test
    void theBundledFontHasEveryCharacterOfTheChineseTexts() {
        Font font = Fonts.bundled();
        assertThat(font).as(Fonts.BUNDLED + " (tools/i18n/subset_font.sh)").isNotNull();
        Set<String> missing = new TreeSet<>();
        for (String key : Messages.keys(Language.SIMPLIFIED_CHINESE)) {
            Messages.pattern(Language.SIMPLIFIED_CHINESE, key).codePoints()
                    .filter(cp -> cp > ' ' && !font.canDisplay(cp))
                    .forEach(cp -> missing.add(new String(Character.toChars(cp)) + " in " + key));
        }
        assertThat(missing).as("characters the bundled font lacks: rerun tools/i18n/subset_font.sh").isEmpty();
        assertThat(font.canDisplayUpTo("Kᵀ W₁ (2M−1)² √d ×·→")).as("formula symbols").isEqualTo(-1);
    }

    @Test
    void chineseDrawnWithTheChosenFontPutsInkOnTheImage() {
        Font font = Fonts.sans(Language.SIMPLIFIED_CHINESE, Font.PLAIN, 24);
        String text = "移位窗口注意力";
        assertThat(font.canDisplayUpTo(text)).isEqualTo(-1);
        BufferedImage image = new BufferedImage(200, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.setFont(font);
        g.drawString(text, 4, 30);
        g.dispose();
        int lit = 0;
        for (int y = 0; y < 40; y++) for (int x = 0; x < 200; x++) if ((image.getRGB(x, y) & 0xff) > 128) lit++;
        assertThat(lit).as("lit pixels").isGreaterThan(300);
        Font bold = Fonts.sans(Language.SIMPLIFIED_CHINESE, Font.BOLD, 24);
        if (!Fonts.systemDrawsChinese()) assertThat(bold.getFontName()).as("the bundled bold face").endsWith("Bold");
        assertThat(bold.canDisplayUpTo(text)).isEqualTo(-1);
        assertThat(Fonts.sans(Language.ENGLISH, Font.BOLD, 12).getFamily()).isEqualTo(new Font(Font.SANS_SERIF, Font.BOLD, 12).getFamily());
    }
}
