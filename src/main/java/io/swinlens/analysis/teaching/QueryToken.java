package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

/**
 * A query token of a block: its original position, and the partition window and in-window index that
 * hold it in that block (shifted for SW-MSA), as {@code CaptureRequest.withParts} wants them.
 */
public record QueryToken(BlockGeometry geometry, int tokenY, int tokenX, int window, int index) {

    public static QueryToken of(BlockGeometry g, int tokenY, int tokenX) {
        int n = g.tokensPerWindow();
        int row = WindowGeometry.rowOfToken(g)[tokenY * g.width() + tokenX];
        return new QueryToken(g, tokenY, tokenX, row / n, row % n);
    }

    /** The token under model-input pixel (x, y) (negative: the centre, as the main view does). */
    public static QueryToken atPixel(AnalysedImage a, BlockGeometry g, int x, int y) {
        int qx = x < 0 ? a.input().width() / 2 : Math.min(x, a.input().width() - 1);
        int qy = y < 0 ? a.input().height() / 2 : Math.min(y, a.input().height() - 1);
        int px = a.tokenPixels(g.stage());
        return of(g, Math.min(qy / px, g.height() - 1), Math.min(qx / px, g.width() - 1));
    }

    /** Original token index (y·W + x) of key j of this window; -1 for a padded key. */
    public int keyToken(int j) { return WindowGeometry.originalToken(geometry, window, j); }
}
