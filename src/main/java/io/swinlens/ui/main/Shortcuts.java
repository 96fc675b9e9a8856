package io.swinlens.ui.main;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.ViewSettings;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Single-key shortcuts of the image view; the Ctrl ones are menu accelerators. */
final class Shortcuts {

    static final String HELP = String.join("\n",
            "Up / Down, PageUp / PageDown   previous / next stage",
            "Left / Right                   previous / next block",
            "[ / ]                          previous / next head",
            "M                              mean of heads",
            "A                              all heads",
            "Q / R                          query / received mode",
            "H                              heatmap on / off",
            "G                              patch grid on / off",
            "W                              window grid of the block (shifted on SW-MSA blocks) on / off",
            "S                              shifted windows (SW-MSA) on / off",
            "Click or drag on the image     set the query token",
            "",
            "Ctrl+O                         open image(s)",
            "Ctrl+Shift+O                   open weights",
            "Ctrl+V                         paste an image",
            "Ctrl+E                         export the view as PNG (the teaching view when one is showing)",
            "Ctrl+1 .. Ctrl+9               Teach: scores, bias, shift, rollout, CAM, head statistics, block, embedding, merging",
            ". and ,  (Block view)          next / previous step",
            "Ctrl+Shift+G                   get a model (download official weights)",
            "F1                             this help",
            "",
            "Drop images, a folder or a checkpoint anywhere on the window.");

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
