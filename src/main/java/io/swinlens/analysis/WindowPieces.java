package io.swinlens.analysis;

import io.swinlens.model.geometry.BlockGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a window of a block lies on the ORIGINAL token grid. Shifted window w covers shifted tokens
 * [wy·M, wy·M+M) x [wx·M, wx·M+M), and shifted (y, x) holds original ((y+s) mod H, (x+s) mod W)
 * (docs/swin-reference.md §3.6), so windows of the last row or column wrap and fall apart into up to four rectangles.
 */
final class WindowPieces {

    /** A rectangle of tokens in original coordinates. */
    record Piece(int y, int x, int height, int width) { }

    private WindowPieces() { }

    static List<Piece> of(BlockGeometry g, int window) {
        int m = g.window();
        int wy = window / g.windowsAcross();
        int wx = window % g.windowsAcross();
        List<Piece> pieces = new ArrayList<>();
        for (int[] rows : intervals(wy * m + g.shiftY(), m, g.paddedHeight(), g.height())) {
            for (int[] cols : intervals(wx * m + g.shiftX(), m, g.paddedWidth(), g.width())) {
                pieces.add(new Piece(rows[0], cols[0], rows[1], cols[1]));
            }
        }
        return pieces;
    }

    /**
     * [start, length] runs covering (from + k) mod size for k in [0, length), over a padded axis of {@code size},
     * clipped to the real axis [0, real): padded tokens are not drawn.
     */
    private static List<int[]> intervals(int from, int length, int size, int real) {
        int start = Math.floorMod(from, size);
        int first = Math.min(length, size - start);
        List<int[]> runs = new ArrayList<>();
        addClipped(runs, start, first, real);
        if (first < length) addClipped(runs, 0, length - first, real);
        return runs;
    }

    private static void addClipped(List<int[]> runs, int start, int length, int real) {
        int end = Math.min(start + length, real);
        if (end > start) runs.add(new int[]{start, end - start});
    }

    /**
     * A colour slot 0..8 per window such that windows that touch on the original grid differ, across the
     * wrap too: 0/1 alternate along a row of windows and the last (wrapping) one gets 2; the same down.
     */
    static int colourSlot(BlockGeometry g, int window) {
        int wy = window / g.windowsAcross();
        int wx = window % g.windowsAcross();
        return 3 * slot(wy, g.windowsDown()) + slot(wx, g.windowsAcross());
    }

    private static int slot(int k, int count) {
        return count > 1 && k == count - 1 ? 2 : k % 2;
    }
}
