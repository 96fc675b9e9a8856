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
 * For Swin V2 (docs/swin-reference.md §9) the "table" is 16·sigmoid of the position MLP's output over the block's own
 * window (Mt = M), and {@code coordinates} holds the log-spaced offsets the MLP is fed.
 *
 * @param table       ((2Mt-1)², heads) row-major, as stored (V1) or computed (V2)
 * @param coordinates V2: ((2M-1)², 2) row-major, channel 0 = dy; null for V1
 */
public record RelativeBiasView(int stage, int block, int heads, int tableWindow, int window, float[] table,
                               float[] coordinates, int pretrainedWindow) {

    public RelativeBiasView(int stage, int block, int heads, int tableWindow, int window, float[] table) {
        this(stage, block, heads, tableWindow, window, table, null, 0);
    }

    public RelativeBiasView {
        int span = 2 * tableWindow - 1;
        if (table.length != span * span * heads || window > tableWindow || window <= 0) {
            throw new IllegalArgumentException("a table for window %d with %d heads has %d values, got %d (block window %d)"   // not user text: a programming error
                    .formatted(tableWindow, heads, span * span * heads, table.length, window));
        }
    }

    /** The view of the block at {@code geometry} (its window, possibly clamped, from the geometry). */
    /** A V1 block's view; the table does not depend on the input size. */
    public static RelativeBiasView of(SwinModel model, BlockGeometry geometry) {
        return of(model, geometry, -1, -1);
    }

    /** Any block's view; V2 needs the input size, since its bias is computed for the block's window at that size. */
    public static RelativeBiasView of(SwinModel model, BlockGeometry geometry, int inputHeight, int inputWidth) {
        int s = geometry.stage();
        int b = geometry.block();
        if (model.config().isV2()) {
            SwinModel.ContinuousBias c = model.continuousBias(s, b, inputHeight, inputWidth);
            return new RelativeBiasView(s, b, c.heads(), c.window(), c.window(), c.table(), c.coordinates(), c.pretrainedWindow());
        }
        int tableWindow = model.relativeBiasTableWindow(s, b);
        return new RelativeBiasView(s, b, model.config().heads(s), tableWindow, geometry.window(), model.relativeBiasTable(s, b));
    }

    /** True for Swin V2's continuous position bias. */
    public boolean continuous() { return coordinates != null; }

    /** 2·Mt - 1: the grid's side. */
    public int span() { return 2 * tableWindow - 1; }

    /** Bias of head h for a query dh rows below and dw columns right of its key, |dh|, |dw| < Mt. */
    public float bias(int head, int dh, int dw) {
        int m = tableWindow - 1;
        if (head < 0 || head >= heads || Math.abs(dh) > m || Math.abs(dw) > m) {
            throw new IllegalArgumentException("head %d offset (%d, %d) is outside %d heads and offsets up to ±%d".formatted(head, dh, dw, heads, m));   // not user text: a programming error
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
