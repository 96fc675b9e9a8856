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
        String mode = s.mode() == HeatmapMode.QUERY
                ? Messages.get("export.caption.mode.query", v.queryX(), v.queryY(), s.stage(), v.tokenY(), v.tokenX())
                : Messages.get("export.caption.mode.received");
        return Messages.get("export.caption.settings", mode, s.normalisation().label(), s.colormap().label());
    }

    private static String sourceLine(ResolvedView v) {
        String source = v.image().source() == null ? "" : v.image().source().getFileName() + " · ";
        String[] labels = v.image().labels();
        return source + (labels == null || labels.length == 0 ? "" : Messages.get("export.caption.top1", io.swinlens.model.load.ClassLabels.shown(labels[0])));
    }
}
