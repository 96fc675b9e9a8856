package io.swinlens.model.geometry;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.WindowRule;

/**
 * Where one Swin block works: its stage resolution H x W, its (possibly clamped) window M, its shift
 * along rows and columns, and the map it partitions, padded right and bottom to a window multiple
 * (docs/swin-reference.md §3.4, docs/swin-reference.md §5). Padded tokens are zero vectors the model adds; they are never image
 * content. Without padding paddedHeight = H and paddedWidth = W.
 */
public record BlockGeometry(int stage, int block, int height, int width, int window, int shiftY, int shiftX,
                            int paddedHeight, int paddedWidth) {

    public BlockGeometry {
        if (window <= 0 || paddedHeight % window != 0 || paddedWidth % window != 0 || paddedHeight < height || paddedWidth < width) {
            throw new IllegalArgumentException(Messages.get("error.geometry.noTiling", stage, height, width, paddedHeight, paddedWidth, window, window));
        }
    }

    /** The official rule (clamp the window to a stage it covers), padding what is still not a window multiple. */
    public static BlockGeometry of(int stage, int block, int height, int width, int configuredWindow) {
        return of(stage, block, height, width, configuredWindow, WindowRule.CLAMP);
    }

    public static BlockGeometry of(int stage, int block, int height, int width, int configuredWindow, WindowRule rule) {
        int window = configuredWindow;
        int shift = block % 2 == 1 ? configuredWindow / 2 : 0;
        if (rule == WindowRule.CLAMP && Math.min(height, width) <= configuredWindow) {
            window = Math.min(height, width);
            shift = 0;
        }
        int ph = roundUp(height, window);
        int pw = roundUp(width, window);
        int shiftY = window >= ph ? 0 : shift;
        int shiftX = window >= pw ? 0 : shift;
        return new BlockGeometry(stage, block, height, width, window, shiftY, shiftX, ph, pw);
    }

    private static int roundUp(int size, int window) {
        return (size + window - 1) / window * window;
    }

    /** Tokens per window, N = M². */
    public int tokensPerWindow() { return window * window; }

    public int windowsAcross() { return paddedWidth / window; }

    public int windowsDown() { return paddedHeight / window; }

    public int windowCount() { return windowsAcross() * windowsDown(); }

    /** Tokens of the real map, H·W (padded tokens not counted). */
    public int tokenCount() { return height * width; }

    public boolean shifted() { return shiftY > 0 || shiftX > 0; }

    public boolean padded() { return paddedHeight != height || paddedWidth != width; }

    /** The shift as a reader sees it: "3", or "4 down, 0 across" where one axis lost its shift. */
    public String shiftText() {
        return shiftY == shiftX ? Integer.toString(shiftY) : Messages.get("error.text.shift.axes", shiftY, shiftX);
    }

    public String kind() { return shifted() ? "SW-MSA" : "W-MSA"; }
}
