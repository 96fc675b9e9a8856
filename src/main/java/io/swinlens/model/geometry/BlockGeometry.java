package io.swinlens.model.geometry;

/**
 * Where one Swin block works: its stage resolution H x W, its (possibly clamped) window M and shift s.
 * Official rule (docs/swin-reference.md §3.4): when min(H, W) <= M the window becomes min(H, W) and the shift 0.
 */
public record BlockGeometry(int stage, int block, int height, int width, int window, int shift) {

    public static BlockGeometry of(int stage, int block, int height, int width, int configuredWindow) {
        int window = configuredWindow;
        int shift = block % 2 == 1 ? configuredWindow / 2 : 0;
        if (Math.min(height, width) <= configuredWindow) {
            window = Math.min(height, width);
            shift = 0;
        }
        if (height % window != 0 || width % window != 0) {
            throw new IllegalArgumentException("stage %d: resolution %dx%d is not a multiple of window %d"
                    .formatted(stage, height, width, window));
        }
        return new BlockGeometry(stage, block, height, width, window, shift);
    }

    /** Tokens per window, N = M². */
    public int tokensPerWindow() { return window * window; }

    public int windowsAcross() { return width / window; }

    public int windowsDown() { return height / window; }

    public int windowCount() { return windowsAcross() * windowsDown(); }

    public int tokenCount() { return height * width; }

    public boolean shifted() { return shift > 0; }

    public String kind() { return shifted() ? "SW-MSA" : "W-MSA"; }
}
