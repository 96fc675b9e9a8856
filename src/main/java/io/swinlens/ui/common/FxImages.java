package io.swinlens.ui.common;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import java.awt.image.BufferedImage;

/** Conversions between the renderer's BufferedImages and JavaFX images. */
public final class FxImages {

    private FxImages() { }

    public static Image toFx(BufferedImage image) {
        return image == null ? null : SwingFXUtils.toFXImage(image, null);
    }

    /** True when some pixel is not fully transparent. */
    public static boolean hasVisiblePixels(BufferedImage image) {
        if (image == null) return false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) return true;
            }
        }
        return false;
    }
}
