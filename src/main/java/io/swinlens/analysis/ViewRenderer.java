package io.swinlens.analysis;

import java.awt.image.BufferedImage;

/** Renders views of an {@link AnalysedImage}; the GUI and the CLI both draw through here, so exports match the screen. */
public final class ViewRenderer {

    private ViewRenderer() { }

    public static Layers layers(AnalysedImage a, ViewSettings s) { throw new UnsupportedOperationException("not yet"); }

    public static BufferedImage compose(AnalysedImage a, ViewSettings s) { throw new UnsupportedOperationException("not yet"); }

    public static BufferedImage headGallery(AnalysedImage a, ViewSettings s) { throw new UnsupportedOperationException("not yet"); }

    public static BufferedImage modelOverview(AnalysedImage a, ViewSettings s) { throw new UnsupportedOperationException("not yet"); }
}
