package io.swinlens.analysis;

import java.awt.image.BufferedImage;

/**
 * The separately drawable layers of one view, all TYPE_INT_ARGB of the same size (model input x scale),
 * to stack bottom to top in this order. A layer whose switch is off in the settings is fully transparent.
 */
public record Layers(BufferedImage base, BufferedImage heatmap, BufferedImage patchGrid, BufferedImage windowGrid,
                     BufferedImage shifted, BufferedImage queryOutline) {

    public BufferedImage[] inOrder() { return new BufferedImage[]{base, heatmap, patchGrid, windowGrid, shifted, queryOutline}; }

    public int width() { return base.getWidth(); }

    public int height() { return base.getHeight(); }
}
