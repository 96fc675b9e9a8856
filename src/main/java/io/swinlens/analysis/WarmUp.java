package io.swinlens.analysis;

import io.swinlens.model.image.ImageLoadException;
import io.swinlens.model.image.ImageLoader;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import javax.imageio.ImageIO;

/**
 * What the first image after a model loads would otherwise pay for (BENCHMARKS.md, "first heatmap"): the JIT compiling
 * the Java kernels and renderers, ND4J sizing its workspace and starting its threads, the model building its resolution
 * plan (gathers, bias + mask tables). Runs the path an image takes, preprocessing, the forward pass with every block's
 * attention captured and the heatmap layers, on a synthetic image at the model's training size. Call it off the UI thread.
 */
public final class WarmUp {

    private WarmUp() { }

    /** Passes after the first two while the passes after the first and one more fit in this (milliseconds). */
    static final double BUDGET_MS = 4000;
    /** At most this many passes. */
    static final int MAX_PASSES = 24;

    /** {@link #run(LoadedModel, BooleanSupplier)}, never cancelled. */
    public static double run(LoadedModel model) { return run(model, () -> false); }

    /**
     * Two passes (the second lets the workspace settle at its learned size), then more, up to {@link #MAX_PASSES}, while
     * the passes since the first plus one more as long as the last still fit in {@link #BUDGET_MS}. HotSpot's optimising
     * compiler (C2) picks the pass's Java code up over the first passes, and while it compiles it takes a core from the
     * pass. The first pass is not counted: it builds the resolution plan and times every linear's ways, over 3 s for Swin-B
     * at 384, which then stopped after 2 passes and met its first image at 2x the warm time. Every pass decodes a PNG or a
     * JPEG through {@link ImageLoader}, as a dropped file is. Measured in BENCHMARKS.md, "First heatmap": the first image
     * after this arrives at 0.9-1.25x the warm time for Swin-T, V2-T and Swin-B 384. Stops between passes once
     * {@code cancelled} says so (an image dropped meanwhile). Returns the milliseconds it took.
     */
    public static double run(LoadedModel model, BooleanSupplier cancelled) { return run(model, cancelled, done -> { }); }

    /**
     * As above, telling {@code progress} after each pass how much of the warm-up is done, 0 to 1: after the first pass
     * (whose length nothing foretells) the larger of the budget spent and the passes run out of {@link #MAX_PASSES}.
     */
    public static double run(LoadedModel model, BooleanSupplier cancelled, DoubleConsumer progress) {
        long start = System.nanoTime();
        passes(model, cancelled, BUDGET_MS, System::nanoTime, progress);
        return (System.nanoTime() - start) / 1e6;
    }

    /** The passes of {@link #run(LoadedModel, BooleanSupplier)} within {@code budgetMs}; returns how many ran. */
    static int passes(LoadedModel model, BooleanSupplier cancelled, double budgetMs) {
        return passes(model, cancelled, budgetMs, System::nanoTime, done -> { });
    }

    /** As above, reading the time from {@code nanos} and telling {@code progress} the part done after each pass. */
    static int passes(LoadedModel model, BooleanSupplier cancelled, double budgetMs, LongSupplier nanos, DoubleConsumer progress) {
        int side = model.config().imageSize();
        BufferedImage image = new BufferedImage(3 * side, 2 * side, BufferedImage.TYPE_INT_RGB);   // larger: the downscaling path
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, (x * 255 / image.getWidth()) << 16 | (y * 255 / image.getHeight()) << 8 | 128);
        }
        List<byte[]> files = new ArrayList<>();   // a PNG and a JPEG, decoded in turn as dropped files are
        for (String format : List.of("png", "jpeg")) {
            byte[] bytes = encoded(image, format);
            if (bytes != null) files.add(bytes);
        }
        long start = nanos.getAsLong();
        double lastMs = 0;
        int pass = 0;
        for (; pass < MAX_PASSES && !cancelled.getAsBoolean(); pass++) {
            long passStart = nanos.getAsLong();
            if (pass >= 2 && (passStart - start) / 1e6 + lastMs > budgetMs) break;
            BufferedImage decoded = files.isEmpty() ? image : decoded(files.get(pass % files.size()), image);
            ModelInput input = Preprocessor.prepare(decoded, side, Preprocess.OFFICIAL, model.config().name());
            AnalysedImage analysed = AnalysedImage.analyse(model, Path.of("warm-up"), input);
            ViewRenderer.layers(analysed, ViewSettings.defaults());
            long end = nanos.getAsLong();
            lastMs = (end - passStart) / 1e6;
            if (pass == 0) start = end;                 // the budget counts from here: the first pass's one-off work is not JIT warm-up
            progress.accept(pass == 0 ? 0 : Math.min(1, Math.max((end - start) / 1e6 / Math.max(budgetMs, 1e-9), (pass + 1.0) / MAX_PASSES)));
        }
        return pass;
    }

    /** {@code image} encoded in memory, or null if ImageIO cannot. */
    private static byte[] encoded(BufferedImage image, String format) {
        try {
            var bytes = new ByteArrayOutputStream();
            return ImageIO.write(image, format, bytes) ? bytes.toByteArray() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code bytes} decoded as a dropped file is ({@link ImageLoader}), or {@code fallback} if that fails. */
    private static BufferedImage decoded(byte[] bytes, BufferedImage fallback) {
        try {
            return ImageLoader.decode(Path.of("warm-up"), bytes).image();
        } catch (ImageLoadException e) {
            return fallback;
        }
    }
}
