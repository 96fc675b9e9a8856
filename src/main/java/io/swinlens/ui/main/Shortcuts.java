package io.swinlens.ui.main;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;

/** Single-key shortcuts of the image view; the Ctrl ones are menu accelerators. */
final class Shortcuts {

    /** Key, then what it does: a text key, or a literal key name (the same in every language). */
    private static final String[][] ROWS = {
            {"@ui.shortcuts.stage.keys", "ui.shortcuts.stage"},
            {"@ui.shortcuts.block.keys", "ui.shortcuts.block"},
            {"[ / ]", "ui.shortcuts.head"},
            {"M", "ui.shortcuts.mean"},
            {"A", "ui.shortcuts.all"},
            {"Q / R", "ui.shortcuts.mode"},
            {"H", "ui.shortcuts.heatmap"},
            {"G", "ui.shortcuts.grid"},
            {"W", "ui.shortcuts.windows"},
            {"S", "ui.shortcuts.shifted"},
            {"@ui.shortcuts.query.keys", "ui.shortcuts.query"},
            null,
            {"Ctrl+O", "ui.shortcuts.openImage"},
            {"Ctrl+Shift+O", "ui.shortcuts.openWeights"},
            {"Ctrl+V", "ui.shortcuts.paste"},
            {"Ctrl+E", "ui.shortcuts.export"},
            {"Ctrl+1 .. Ctrl+9", "ui.shortcuts.teach"},
            {"@ui.shortcuts.step.keys", "ui.shortcuts.step"},
            {"Ctrl+Shift+G", "ui.shortcuts.getModel"},
            {"F1", "ui.shortcuts.help"},
            {"Esc", "ui.shortcuts.closeBanner"},
            null,
    };

    /** The help in English, as the tests measure it (after {@link #ROWS}, which it reads); the window shows {@link #help()}. */
    static final String HELP = help(Language.ENGLISH);

    /** The shortcut list in the current language. */
    static String help() { return help(Messages.language()); }

    /** Two columns, keys on the left, padded to the longest key (a Chinese character takes two columns). */
    static String help(Language language) {
        List<String[]> rows = new ArrayList<>();
        for (String[] row : ROWS) {
            rows.add(row == null ? null : new String[]{row[0].startsWith("@") ? Messages.in(language, row[0].substring(1)) : row[0],
                    Messages.in(language, row[1])});
        }
        int width = rows.stream().filter(r -> r != null).mapToInt(r -> columns(r[0])).max().orElse(0) + 3;
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) lines.add(row == null ? "" : row[0] + " ".repeat(width - columns(row[0])) + row[1]);
        lines.add(Messages.in(language, "ui.shortcuts.drop"));
        return String.join("\n", lines);
    }

    /** The width of {@code text} in a monospaced font: East Asian wide characters take two columns. */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
            boolean wide = b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                    || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                    || b == Character.UnicodeBlock.GENERAL_PUNCTUATION && (c == 0x201C || c == 0x201D);
            n += wide ? 2 : 1;
        }
        return n;
    }

    private Shortcuts() { }

    /** Applies the key's action; returns false for keys that are not shortcuts. */
    static boolean handle(KeyEvent e, ViewControls c) {
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown()) return false;
        ViewSettings s = c.settings();
        KeyCode code = e.getCode();
        switch (code) {
            case UP, PAGE_UP -> c.stepStage(-1);
            case DOWN, PAGE_DOWN -> c.stepStage(1);
            case LEFT -> c.stepBlock(-1);
            case RIGHT -> c.stepBlock(1);
            case OPEN_BRACKET -> c.stepHead(-1);
            case CLOSE_BRACKET -> c.stepHead(1);
            case M -> c.setHead(HeadChoice.mean());
            case A -> c.setHead(HeadChoice.all());
            case Q -> c.setMode(HeatmapMode.QUERY);
            case R -> c.setMode(HeatmapMode.RECEIVED);
            case H -> c.setShowHeatmap(!s.showHeatmap());
            case G -> c.setShowPatchGrid(!s.showPatchGrid());
            case W -> c.setShowWindows(!s.showWindows());
            case S -> c.setShowShifted(!s.showShifted());
            default -> { return false; }
        }
        return true;
    }
}
