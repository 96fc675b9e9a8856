package io.swinlens.analysis;

import io.swinlens.i18n.Messages;

/**
 * Everything that decides one rendered view.
 *
 * @param queryX  query position in model-input pixels; negative means the centre
 * @param queryY  query position in model-input pixels; negative means the centre
 * @param opacity heatmap alpha in [0, 1]
 * @param scale   output pixels per model-input pixel
 */
public record ViewSettings(int stage, int block, HeadChoice head, HeatmapMode mode, int queryX, int queryY,
                           Colormap colormap, Normalisation normalisation, boolean showHeatmap, boolean showPatchGrid,
                           boolean showWindows, boolean showShifted, double opacity, int scale) {

    public ViewSettings {
        if (stage < 0 || block < 0) throw new IllegalArgumentException(Messages.get("export.settings.stageBlock"));
        if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException(Messages.get("export.settings.opacity", String.valueOf(opacity)));
        if (scale < 1 || scale > 16) throw new IllegalArgumentException(Messages.get("export.settings.scale", scale));
        if (head == null || mode == null || colormap == null || normalisation == null) throw new NullPointerException("settings need every field");
    }

    /** Stage 0, block 1 (SW-MSA where the stage has it), mean of heads, query at the centre, viridis, window grid. */
    public static ViewSettings defaults() {
        return new ViewSettings(0, 1, HeadChoice.mean(), HeatmapMode.QUERY, -1, -1, Colormap.VIRIDIS,
                Normalisation.PER_HEAD, true, false, true, false, 0.6, 3);
    }

    public ViewSettings withStage(int v) { return new ViewSettings(v, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withBlock(int v) { return new ViewSettings(stage, v, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withHead(HeadChoice v) { return new ViewSettings(stage, block, v, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withMode(HeatmapMode v) { return new ViewSettings(stage, block, head, v, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withQuery(int x, int y) { return new ViewSettings(stage, block, head, mode, x, y, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withColormap(Colormap v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, v, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withNormalisation(Normalisation v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, v, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withShowHeatmap(boolean v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, v, showPatchGrid, showWindows, showShifted, opacity, scale); }
    public ViewSettings withShowPatchGrid(boolean v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, v, showWindows, showShifted, opacity, scale); }
    public ViewSettings withShowWindows(boolean v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, v, showShifted, opacity, scale); }
    public ViewSettings withShowShifted(boolean v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, v, opacity, scale); }
    public ViewSettings withOpacity(double v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, v, scale); }
    public ViewSettings withScale(int v) { return new ViewSettings(stage, block, head, mode, queryX, queryY, colormap, normalisation, showHeatmap, showPatchGrid, showWindows, showShifted, opacity, v); }
}
