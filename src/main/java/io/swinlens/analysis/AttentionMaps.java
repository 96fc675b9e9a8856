package io.swinlens.analysis;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

/**
 * Heatmaps from one block's attention (nW, heads, N, N), windows in partition order over the shifted
 * map (docs/swin-reference.md §3.6-3.7), put back into the original token layout with
 * {@link WindowGeometry#partitionIndex}: row r = w·N + i of the partition holds original token index[r].
 */
public final class AttentionMaps {

    private AttentionMaps() { }

    /**
     * Attention from query token (tokenY, tokenX) (original coordinates) to every key of its window,
     * at the keys' original positions; 0 outside the window. Sums to 1.
     *
     * @param head a head index, or -1 for the mean over heads
     */
    public static TokenMap query(BlockAttention a, int head, int tokenY, int tokenX) {
        BlockGeometry g = a.geometry();
        checkToken(g, tokenY, tokenX);
        checkHead(a, head);
        int n = g.tokensPerWindow();
        int[] index = partitionIndex(g);
        int row = WindowGeometry.rowOfToken(g)[tokenY * g.width() + tokenX];
        int window = row / n;
        int query = row % n;
        float[] out = new float[g.tokenCount()];
        for (int h = first(head); h <= last(a, head); h++) {
            int offset = a.rowOffset(window, h, query);
            for (int j = 0; j < n; j++) {
                int key = index[window * n + j];
                if (key >= 0) out[key] += a.probs()[offset + j];     // a padded key is no image content
            }
        }
        divide(out, heads(a, head));
        return new TokenMap(g.height(), g.width(), out);
    }

    /**
     * For each token, the mean attention it receives from the N queries of its window (in the shifted
     * map for SW-MSA blocks), at the token's original position.
     *
     * @param head a head index, or -1 for the mean over heads
     */
    public static TokenMap received(BlockAttention a, int head) {
        BlockGeometry g = a.geometry();
        checkHead(a, head);
        int n = g.tokensPerWindow();
        int[] index = partitionIndex(g);
        float[] out = new float[g.tokenCount()];
        for (int w = 0; w < g.windowCount(); w++) {
            for (int h = first(head); h <= last(a, head); h++) {
                for (int i = 0; i < n; i++) {
                    if (index[w * n + i] < 0) continue;                 // a padded query is no image content
                    int offset = a.rowOffset(w, h, i);
                    for (int j = 0; j < n; j++) {
                        int key = index[w * n + j];
                        if (key >= 0) out[key] += a.probs()[offset + j];
                    }
                }
            }
        }
        divide(out, (float) n * heads(a, head));
        return new TokenMap(g.height(), g.width(), out);
    }

    /**
     * Original token indices (y·W + x) of the query's window, in in-window order; wraps across edges in SW-MSA;
     * -1 for a padded token.
     */
    public static int[] queryWindowTokens(BlockGeometry g, int tokenY, int tokenX) {
        checkToken(g, tokenY, tokenX);
        int n = g.tokensPerWindow();
        int[] index = partitionIndex(g);
        int window = WindowGeometry.rowOfToken(g)[tokenY * g.width() + tokenX] / n;
        int[] tokens = new int[n];
        System.arraycopy(index, window * n, tokens, 0, n);
        return tokens;
    }

    /** The partition window (in the block's own, possibly shifted, partition) that holds this original token. */
    public static int windowOf(BlockGeometry g, int tokenY, int tokenX) {
        checkToken(g, tokenY, tokenX);
        return WindowGeometry.rowOfToken(g)[tokenY * g.width() + tokenX] / g.tokensPerWindow();
    }

    /** Row r = w·N + i holds original token index[r], or -1 for a padded token. */
    static int[] partitionIndex(BlockGeometry g) {
        return WindowGeometry.partitionIndex(g);
    }

    private static int first(int head) { return Math.max(head, 0); }

    private static int last(BlockAttention a, int head) { return head < 0 ? a.heads() - 1 : head; }

    private static int heads(BlockAttention a, int head) { return head < 0 ? a.heads() : 1; }

    private static void divide(float[] values, float by) {
        if (by == 1) return;
        for (int k = 0; k < values.length; k++) values[k] /= by;
    }

    private static void checkHead(BlockAttention a, int head) {
        if (head < -1 || head >= a.heads()) {
            throw new IllegalArgumentException("head " + head + " out of range: stage " + a.stage() + " has heads 0.." + (a.heads() - 1)); // not user text: a programming error, callers check first
        }
    }

    private static void checkToken(BlockGeometry g, int tokenY, int tokenX) {
        if (tokenY < 0 || tokenY >= g.height() || tokenX < 0 || tokenX >= g.width()) {
            throw new IllegalArgumentException("token (" + tokenY + ", " + tokenX + ") is outside the " // not user text: a programming error, callers check first
                    + g.height() + "x" + g.width() + " map of stage " + g.stage()); // not user text: a programming error, callers check first
        }
    }
}
