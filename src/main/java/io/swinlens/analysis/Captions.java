package io.swinlens.analysis;

import io.swinlens.model.geometry.BlockGeometry;

/** The caption lines under exported views. */
final class Captions {

    private Captions() { }

    static String[] of(ResolvedView v) {
        ViewSettings s = v.settings();
        BlockGeometry g = v.geometry();
        String block = "%s · stage %d · block %d · %s (window %d, shift %s) · %s".formatted(
                v.image().modelName(), s.stage(), s.block(), g.kind(), g.window(), g.shiftText(), v.headText());
        return new String[]{block, modeLine(v), sourceLine(v)};
    }

    static String[] overview(ResolvedView v) {
        ViewSettings s = v.settings();
        return new String[]{v.image().modelName() + " · every stage, block and head", modeLine(v), sourceLine(v)};
    }

    private static String modeLine(ResolvedView v) {
        ViewSettings s = v.settings();
        String mode = s.mode() == HeatmapMode.QUERY
                ? "mode query: attention from pixel (%d, %d) = stage-%d token (row %d, col %d)".formatted(v.queryX(), v.queryY(), s.stage(), v.tokenY(), v.tokenX())
                : "mode received: mean attention each token receives in its window";
        return mode + " · normalised per " + s.normalisation().id() + " · " + s.colormap().id();
    }

    private static String sourceLine(ResolvedView v) {
        String source = v.image().source() == null ? "" : v.image().source().getFileName() + " · ";
        String[] labels = v.image().labels();
        return source + (labels == null || labels.length == 0 ? "" : "top-1: " + labels[0]);
    }
}
