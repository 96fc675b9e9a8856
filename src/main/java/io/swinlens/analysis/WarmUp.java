package io.swinlens.analysis;

import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What the first image after a model loads would otherwise pay for (BENCHMARKS.md, "first heatmap"): the JIT compiling
 * the Java kernels and renderers, ND4J sizing its workspace and starting its threads, the model building its resolution
 * plan (gathers, bias + mask tables). Runs the path an image takes, preprocessing, the forward pass with every block's
 * attention captured and the heatmap layers, on a synthetic image at the model's training size. Call it off the UI thread.
 */
public final class WarmUp {

    private WarmUp() { }

    /** Passes after the first two while the passes so far and one more fit in this (milliseconds). */
    static final double BUDGET_MS = 4000;
    /** At most this many passes. */
    static final int MAX_PASSES = 16;

    /** {@link #run(LoadedModel, BooleanSupplier)}, never cancelled. */
    public static double run(LoadedModel model) { return run(model, () -> false); }

    /**
     * Two passes (the second lets the workspace settle at its learned size), then more, up to {@link #MAX_PASSES}, while
     * the passes so far plus one more as long as the last still fit in {@link #BUDGET_MS}: HotSpot's optimising compiler (C2)
     * picks the pass's Java code up over the first passes, and while it compiles it takes a core from the pass; after 8
     * passes Swin-T's first image took 119-128 ms against 154-177 ms after 2, and once the passes were faster, 16 kept it
     * within 1.41x of the warm time in five starts where 8 went to 1.61x (BENCHMARKS.md, "First heatmap"). Swin-B at
     * 384 stops after 2 (its first pass, which times every linear's ways, is over 4 s). Stops between passes once
     * {@code cancelled} says so (an image dropped meanwhile). Returns the milliseconds it took.
     */
    public static double run(LoadedModel model, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        passes(model, cancelled, BUDGET_MS);
        return (System.nanoTime() - start) / 1e6;
    }

    /** The passes of {@link #run(LoadedModel, BooleanSupplier)} within {@code budgetMs}; returns how many ran. */
    static int passes(LoadedModel model, BooleanSupplier cancelled, double budgetMs) {
        long start = System.nanoTime();
        double lastMs = 0;
        int side = model.config().imageSize();
        BufferedImage image = new BufferedImage(3 * side, 2 * side, BufferedImage.TYPE_INT_RGB);   // larger: the downscaling path
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, (x * 255 / image.getWidth()) << 16 | (y * 255 / image.getHeight()) << 8 | 128);
        }
        int pass = 0;
        for (; pass < MAX_PASSES && !cancelled.getAsBoolean(); pass++) {
            long passStart = System.nanoTime();
            if (pass >= 2 && (passStart - start) / 1e6 + lastMs > budgetMs) break;
            BufferedImage decoded = pass == 0 ? roundTrip(image, "png") : pass == 1 ? roundTrip(image, "jpeg") : image;   // the decoders' first use
            ModelInput input = Preprocessor.prepare(decoded, side, Preprocess.OFFICIAL, model.config().name());
            AnalysedImage analysed = AnalysedImage.analyse(model, Path.of("warm-up"), input);
            ViewRenderer.layers(analysed, ViewSettings.defaults());
            lastMs = (System.nanoTime() - passStart) / 1e6;
        }
        return pass;
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
