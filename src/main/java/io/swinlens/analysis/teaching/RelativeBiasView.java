package io.swinlens.analysis.teaching;

import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;
import io.swinlens.model.swin.SwinModel;

/**
 * A block's learned relative position bias (docs/swin-reference.md §3.9) in two pictures: per head, the table as a
 * (2Mt-1) x (2Mt-1) grid of offsets, row dh + Mt-1 and column dw + Mt-1 with (dh, dw) = query minus key
 * position, so the centre is the zero offset; and the N x N bias the block adds for its window of M tokens
 * a side (M <= Mt; a clamped stage reads the middle of a larger table).
 *
 * @param table ((2Mt-1)², heads) row-major, as stored
 */
public record RelativeBiasView(int stage, int block, int heads, int tableWindow, int window, float[] table) {

    public RelativeBiasView {
        int span = 2 * tableWindow - 1;
        if (table.length != span * span * heads || window > tableWindow || window <= 0) {
            throw new IllegalArgumentException("a table for window %d with %d heads has %d values, got %d (block window %d)"
                    .formatted(tableWindow, heads, span * span * heads, table.length, window));
        }
    }

    /** The view of the block at {@code geometry} (its window, possibly clamped, from the geometry). */
    public static RelativeBiasView of(SwinModel model, BlockGeometry geometry) {
        int s = geometry.stage();
        int b = geometry.block();
        int tableWindow = model.relativeBiasTableWindow(s, b);
        return new RelativeBiasView(s, b, model.config().heads(s), tableWindow, geometry.window(), model.relativeBiasTable(s, b));
    }

    /** 2·Mt - 1: the grid's side. */
    public int span() { return 2 * tableWindow - 1; }

    /** Bias of head h for a query dh rows below and dw columns right of its key, |dh|, |dw| < Mt. */
    public float bias(int head, int dh, int dw) {
        int m = tableWindow - 1;
        if (head < 0 || head >= heads || Math.abs(dh) > m || Math.abs(dw) > m) {
            throw new IllegalArgumentException("head %d offset (%d, %d) is outside %d heads and offsets up to ±%d".formatted(head, dh, dw, heads, m));
        }
        return table[((dh + m) * span() + dw + m) * heads + head];
    }

    /** The table of one head as a span x span grid; (Mt-1, Mt-1) is the zero offset. */
    public Grid grid(int head) {
        int m = tableWindow - 1;
        float[] out = new float[span() * span()];
        for (int y = 0; y < span(); y++) {
            for (int x = 0; x < span(); x++) out[y * span() + x] = bias(head, y - m, x - m);
        }
        return new Grid(span(), span(), out);
    }

    /** The (N, N) bias of one head for the block's window, N = M²: what the block adds to query i, key j. */
    public Grid gathered(int head) {
        int n = window * window;
        int[] index = WindowGeometry.relativePositionIndex(window, tableWindow);   // rows of the stored table
        float[] out = new float[n * n];
        for (int r = 0; r < out.length; r++) out[r] = table[index[r] * heads + head];
        return new Grid(n, n, out);
    }
}
