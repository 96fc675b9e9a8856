package io.swinlens.analysis;

import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * What the first image after a model loads would otherwise pay for (BENCHMARKS.md, "first heatmap"): the JIT compiling
 * the Java kernels and renderers, ND4J sizing its workspace and starting its threads, the model building its resolution
 * plan (gathers, bias + mask tables). Runs the path an image takes, preprocessing, the forward pass with every block's
 * attention captured and the heatmap layers, on a synthetic image at the model's training size. Call it off the UI thread.
 */
public final class WarmUp {

    private WarmUp() { }

    /** Two passes (the second lets the workspace settle at its learned size); returns the milliseconds it took. */
    public static double run(LoadedModel model) {
        long start = System.nanoTime();
        int side = model.config().imageSize();
        BufferedImage image = new BufferedImage(3 * side, 2 * side, BufferedImage.TYPE_INT_RGB);   // larger: the downscaling path
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, (x * 255 / image.getWidth()) << 16 | (y * 255 / image.getHeight()) << 8 | 128);
        }
        for (int pass = 0; pass < 2; pass++) {
            BufferedImage decoded = pass == 0 ? roundTrip(image, "png") : roundTrip(image, "jpeg");   // the decoders' first use
            ModelInput input = Preprocessor.prepare(decoded, side, Preprocess.OFFICIAL, model.config().name());
            AnalysedImage analysed = AnalysedImage.analyse(model, Path.of("warm-up"), input);
            ViewRenderer.layers(analysed, ViewSettings.defaults());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Encodes and decodes in memory (ImageIO, as image files are read); the original if that fails. */
    private static BufferedImage roundTrip(BufferedImage image, String format) {
        try {
            var bytes = new java.io.ByteArrayOutputStream();
            if (!javax.imageio.ImageIO.write(image, format, bytes)) return image;
            BufferedImage back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
            return back != null ? back : image;
        } catch (java.io.IOException e) {
            return image;
        }
    }
}
