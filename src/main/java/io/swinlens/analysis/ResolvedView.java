package io.swinlens.analysis;

import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;

/**
 * A {@link ViewSettings} checked against an {@link AnalysedImage} and worked out: the block's attention,
 * the query in pixels and tokens, the map and its [0, 1] values.
 *
 * @param head       head index, or -1 for the mean (HeadChoice ALL resolves to the mean here)
 * @param upperValue the attention value that 1.0 stands for (NaN when each window has its own)
 */
record ResolvedView(AnalysedImage image, ViewSettings settings, BlockAttention attention, int head,
                    int queryX, int queryY, int tokenY, int tokenX, TokenMap map, float[] normalised, float upperValue) {

    static ResolvedView of(AnalysedImage image, ViewSettings s) {
        check(image, s);
        BlockAttention attention = image.inference().attention(s.stage(), s.block());
        int head = s.head().headArgument();
        int qx = s.queryX() < 0 ? image.input().width() / 2 : Math.min(s.queryX(), image.input().width() - 1);
        int qy = s.queryY() < 0 ? image.input().height() / 2 : Math.min(s.queryY(), image.input().height() - 1);
        BlockGeometry g = attention.geometry();
        int tokenPx = image.tokenPixels(s.stage());
        int ty = Math.min(qy / tokenPx, g.height() - 1);
        int tx = Math.min(qx / tokenPx, g.width() - 1);
        TokenMap map = s.mode() == HeatmapMode.QUERY ? AttentionMaps.query(attention, head, ty, tx) : AttentionMaps.received(attention, head);
        float[] normalised = Normaliser.normalise(map, attention, s.mode(), ty, tx, s.normalisation());
        float upper = Normaliser.upperValue(map, attention, s.mode(), ty, tx, s.normalisation());
        return new ResolvedView(image, s, attention, head, qx, qy, ty, tx, map, normalised, upper);
    }

    /** Throws IllegalArgumentException naming the valid ranges when stage, block or head does not exist. */
    static void check(AnalysedImage image, ViewSettings s) {
        int stages = image.stages();
        if (s.stage() >= stages) throw new IllegalArgumentException(Messages.get("export.check.stage", s.stage(), stages - 1));
        int blocks = image.blocks(s.stage());
        if (s.block() >= blocks) {
            throw new IllegalArgumentException(Messages.get("export.check.block", s.block(), s.stage(), blocks - 1));
        }
        int heads = image.heads(s.stage());
        if (s.head().kind() == HeadChoice.Kind.ONE && s.head().index() >= heads) {
            throw new IllegalArgumentException(Messages.get("export.check.head", s.head().index(), s.stage(), heads - 1));
        }
    }

    BlockGeometry geometry() { return attention.geometry(); }

    /** Pixels of output per token: patch·2^stage·scale. */
    int tokenSize() { return image.tokenPixels(settings.stage()) * settings.scale(); }

    int pixelWidth() { return image.input().width() * settings.scale(); }

    int pixelHeight() { return image.input().height() * settings.scale(); }

    /** "head 3", "mean of 4 heads", "all 4 heads" or "the only head", in the current language. */
    String headText() {
        return switch (settings.head().kind()) {
            case ONE -> Messages.get("export.head.one", head);
            case MEAN -> attention.heads() == 1 ? Messages.get("export.head.only") : Messages.get("export.head.mean", attention.heads());
            case ALL -> attention.heads() == 1 ? Messages.get("export.head.only") : Messages.get("export.head.all", attention.heads());
        };
    }
}
