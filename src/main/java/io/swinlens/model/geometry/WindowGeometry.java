package io.swinlens.model.geometry;

/**
 * Swin's window geometry as pure integer functions (docs/swin-reference.md §3.6-3.10), following
 * timm's {@code window_partition}, {@code window_reverse}, relative index and shift mask.
 * Token maps are row-major: token (y, x) of an H x W map has index y·W + x.
 * "Window order" is the partition order: window w = (y div M)·(W/M) + (x div M) in the cyclically
 * shifted map, and in-window index i = (y mod M)·M + (x mod M).
 */
public final class WindowGeometry {

    public static final float MASK_VALUE = -100f;

    private WindowGeometry() { }

    /**
     * For each row r of the shifted, partitioned token matrix (r = w·N + i), the index of the original
     * (unshifted) token it holds. roll(-s) makes shifted (y, x) hold original ((y+s) mod H, (x+s) mod W).
     * Gathering rows with this index is roll + partition in one step; scattering back undoes both.
     */
    public static int[] partitionIndex(int height, int width, int window, int shift) {
        return partitionIndex(new BlockGeometry(0, 0, height, width, window, shift, shift, height, width));
    }

    /**
     * The same for any geometry, padded or not: the map is padded to paddedHeight x paddedWidth first and
     * rolled by (-shiftY, -shiftX) after (as torchvision does); a row holding a padded token gets -1.
     */
    public static int[] partitionIndex(BlockGeometry g) {
        int ph = g.paddedHeight();
        int pw = g.paddedWidth();
        int m = g.window();
        int[] index = new int[ph * pw];
        int across = pw / m;
        int n = m * m;
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int w = (y / m) * across + x / m;
                int i = (y % m) * m + x % m;
                int oy = Math.floorMod(y + g.shiftY(), ph);
                int ox = Math.floorMod(x + g.shiftX(), pw);
                index[w * n + i] = oy < g.height() && ox < g.width() ? oy * g.width() + ox : -1;
            }
        }
        return index;
    }

    /** For each token of the real map, its row in window order: the inverse of {@link #partitionIndex(BlockGeometry)}. */
    public static int[] rowOfToken(BlockGeometry g) {
        int[] index = partitionIndex(g);
        int[] rows = new int[g.tokenCount()];
        for (int r = 0; r < index.length; r++) {
            if (index[r] >= 0) rows[index[r]] = r;
        }
        return rows;
    }

    /** The inverse permutation: for each original token, its row in window order. */
    public static int[] inverse(int[] permutation) {
        int[] inv = new int[permutation.length];
        for (int r = 0; r < permutation.length; r++) {
            inv[permutation[r]] = r;
        }
        return inv;
    }

    /** torch.roll along both axes of an H x W map of {@code channels}-vectors: out[i] = in[(i - shift) mod L]. */
    public static float[] roll(float[] map, int height, int width, int channels, int shift) {
        return roll(map, height, width, channels, shift, shift);
    }

    /** torch.roll with a shift per axis (rows, columns). */
    public static float[] roll(float[] map, int height, int width, int channels, int shiftY, int shiftX) {
        float[] out = new float[map.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sy = Math.floorMod(y - shiftY, height);
                int sx = Math.floorMod(x - shiftX, width);
                System.arraycopy(map, (sy * width + sx) * channels, out, (y * width + x) * channels, channels);
            }
        }
        return out;
    }

    /** Relative position index (docs/swin-reference.md §3.9): idx[i·N + j] = (dh + M-1)·(2M-1) + (dw + M-1), dh = hi - hj. */
    public static int[] relativePositionIndex(int window) {
        return relativePositionIndex(window, window);
    }

    /**
     * The same index into a table made for a window Mt >= M (a stage clamped below the trained window):
     * offsets (dh, dw) in [-(M-1), M-1] read row (dh + Mt-1)·(2Mt-1) + (dw + Mt-1).
     */
    public static int[] relativePositionIndex(int window, int tableWindow) {
        if (tableWindow < window) throw new IllegalArgumentException("a table for window " + tableWindow + " cannot serve window " + window);
        int n = window * window;
        int[] index = new int[n * n];
        int span = 2 * tableWindow - 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int dh = i / window - j / window + tableWindow - 1;
                int dw = i % window - j % window + tableWindow - 1;
                index[i * n + j] = dh * span + dw;
            }
        }
        return index;
    }

    /** The window M of a relative position table with (2M-1)² rows; -1 when the row count is no such square. */
    public static int tableWindow(long rows) {
        long span = Math.round(Math.sqrt(rows));
        return rows > 0 && span * span == rows && span % 2 == 1 ? (int) (span + 1) / 2 : -1;
    }

    /**
     * Region ids 0..8 of the shifted map (docs/swin-reference.md §3.10): row region 0 below H-M, 1 up to H-s, 2 after;
     * the same for columns; label = 3·row + column. Indexed in shifted coordinates, row-major.
     */
    public static int[] regionLabels(int height, int width, int window, int shift) {
        return regionLabels(new BlockGeometry(0, 0, height, width, window, shift, shift, height, width));
    }

    /** Region labels over the padded, shifted map (paddedHeight x paddedWidth), each axis with its own shift. */
    public static int[] regionLabels(BlockGeometry g) {
        int ph = g.paddedHeight();
        int pw = g.paddedWidth();
        int[] labels = new int[ph * pw];
        for (int y = 0; y < ph; y++) {
            int ry = region(y, ph, g.window(), g.shiftY());
            for (int x = 0; x < pw; x++) {
                labels[y * pw + x] = 3 * ry + region(x, pw, g.window(), g.shiftX());
            }
        }
        return labels;
    }

    private static int region(int p, int size, int window, int shift) {
        if (shift == 0) return 0;
        if (p < size - window) return 0;
        return p < size - shift ? 1 : 2;
    }

    /** Region label of each token in window order, (nW, N) flattened. */
    public static int[] windowLabels(int height, int width, int window, int shift) {
        return windowLabels(new BlockGeometry(0, 0, height, width, window, shift, shift, height, width));
    }

    public static int[] windowLabels(BlockGeometry g) {
        int[] labels = regionLabels(g);
        int[] out = new int[labels.length];
        int[] unshifted = partitionIndex(new BlockGeometry(g.stage(), g.block(), g.paddedHeight(), g.paddedWidth(), g.window(),
                0, 0, g.paddedHeight(), g.paddedWidth()));
        for (int r = 0; r < out.length; r++) {
            out[r] = labels[unshifted[r]];
        }
        return out;
    }

    /** The shift mask (nW, N, N) flattened: 0 within a region, -100 across regions. All zero when shift is 0. */
    public static float[] shiftMask(int height, int width, int window, int shift) {
        return shiftMask(new BlockGeometry(0, 0, height, width, window, shift, shift, height, width));
    }

    /** The mask for any geometry; padded tokens are not masked (only shift regions are, as in torchvision). */
    public static float[] shiftMask(BlockGeometry g) {
        int n = g.tokensPerWindow();
        int windows = g.windowCount();
        float[] mask = new float[windows * n * n];
        if (!g.shifted()) return mask;
        int[] labels = windowLabels(g);
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < n; i++) {
                int li = labels[w * n + i];
                for (int j = 0; j < n; j++) {
                    if (labels[w * n + j] != li) mask[(w * n + i) * n + j] = MASK_VALUE;
                }
            }
        }
        return mask;
    }

    /** Original-map token index (y·W + x) of token i of window w in a block with this geometry, or -1 for a padded token. */
    public static int originalToken(BlockGeometry g, int window, int token) {
        int across = g.windowsAcross();
        int y = (window / across) * g.window() + token / g.window();
        int x = (window % across) * g.window() + token % g.window();
        int oy = Math.floorMod(y + g.shiftY(), g.paddedHeight());
        int ox = Math.floorMod(x + g.shiftX(), g.paddedWidth());
        return oy < g.height() && ox < g.width() ? oy * g.width() + ox : -1;
    }
}
