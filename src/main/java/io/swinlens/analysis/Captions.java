package io.swinlens.analysis;

import io.swinlens.i18n.Messages;
import io.swinlens.model.geometry.BlockGeometry;

/** The caption lines under exported views, in the current language (read when the picture is drawn). */
final class Captions {

    private Captions() { }

    static String[] of(ResolvedView v) {
        ViewSettings s = v.settings();
        BlockGeometry g = v.geometry();
        String block = Messages.get("export.caption.block", v.image().modelName(), s.stage(), s.block(), g.kind(), g.window(), shiftText(g), v.headText());
        return new String[]{block, modeLine(v), sourceLine(v)};
    }

    static String[] overview(ResolvedView v) {
        return new String[]{Messages.get("export.caption.overview", v.image().modelName()), modeLine(v), sourceLine(v)};
    }

    /** The shift: one number when both axes move alike, else "2 down, 0 across". */
    static String shiftText(BlockGeometry g) {
        return g.shiftY() == g.shiftX() ? Integer.toString(g.shiftY()) : Messages.get("export.caption.shiftYX", g.shiftY(), g.shiftX());
    }

    private static String modeLine(ResolvedView v) {
        ViewSettings s = v.settings();
        String mode = s.mode() != HeatmapMode.QUERY ? Messages.get("export.caption.mode.received") : queryText(v);
        return Messages.get("export.caption.settings", mode, s.normalisation().label(), s.colormap().label());
    }

    /**
     * Where the query is: in the model input's pixels (the picture's), and for an image also in the original's, which
     * is what {@code --query} and a click on the photo name (the crop and resize in between make them differ).
     */
    private static String queryText(ResolvedView v) {
        var input = v.image().input();
        var crop = input.crop();
        boolean same = crop == null || crop.x() == 0 && crop.y() == 0 && crop.width() == input.width() && crop.height() == input.height();
        if (same) return Messages.get("export.caption.mode.query", v.queryX(), v.queryY(), v.settings().stage(), v.tokenY(), v.tokenX());
        int ox = (int) Math.floor(crop.x() + (v.queryX() + 0.5) * crop.width() / input.width());
        int oy = (int) Math.floor(crop.y() + (v.queryY() + 0.5) * crop.height() / input.height());
        return Messages.get("export.caption.mode.queryImage", v.queryX(), v.queryY(), ox, oy, v.settings().stage(), v.tokenY(), v.tokenX());
    }

    private static String sourceLine(ResolvedView v) {
        String source = v.image().source() == null ? "" : v.image().source().getFileName() + " · ";
        String[] labels = v.image().labels();
        return source + (labels == null || labels.length == 0 ? "" : Messages.get("export.caption.top1", io.swinlens.model.load.ClassLabels.shown(labels[0])));
    }
}
