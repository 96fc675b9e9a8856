package io.swinlens.analysis;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Resampling of finished pictures, the one way SwinLens scales an image for display or export. */
public final class Images {

    private Images() { }

    /** {@code image} drawn (bilinear) into {@code width x height} pixels. */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
