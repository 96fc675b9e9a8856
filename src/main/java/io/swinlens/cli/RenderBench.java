package io.swinlens.cli;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.image.ImageLoadException;
import io.swinlens.model.image.ImageLoader;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.ClassLabels;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.swin.SwinModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * What the app does between input and pixels, timed on the same renderer it uses: the time from an
 * image file to the first heatmap (decode, preprocess, forward with capture, render the layers), and the
 * redraw of every head of a block when the query moves (the head gallery). Toolkit-free, so it measures
 * the work and not JavaFX's upload of the finished images.
 */
final class RenderBench {

    private RenderBench() { }

    static Map<String, Object> run(SwinConfig config, SwinModel model, int runs, int warmup) throws IOException {
        Path image = Files.createTempFile("swinlens-bench", ".png");
        try {
            ImageIO.write(noise(1024, 768), "png", image.toFile());
            LoadedModel loaded = new LoadedModel(model, config, null, null, null, ClassLabels.forModel(config.numClasses(), null), java.util.List.of());
            AnalysedImage[] last = new AnalysedImage[1];
            double[] drop = time(runs, warmup, i -> last[0] = dropToHeatmap(loaded, image));
            AnalysedImage a = last[0];
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("drop_to_heatmap_ms", median(drop));
            for (int stage : new int[]{0, config.numStages() - 2}) {
                int block = Math.min(1, config.depth(stage) - 1);
                ViewSettings base = ViewSettings.defaults().withStage(stage).withBlock(block).withHead(HeadChoice.all());
                int tokens = a.input().width() / a.tokenPixels(stage);
                Random random = new Random(stage);
                List<HeadChoice> heads = new ArrayList<>();
                for (int h = 0; h < config.heads(stage); h++) heads.add(HeadChoice.one(h));
                heads.add(HeadChoice.mean());
                // what the app's head gallery draws off the FX thread when the query moves
                double[] redraw = time(runs, warmup, i -> ViewRenderer.headLayers(a, base.withScale(1).withQuery(
                        random.nextInt(a.input().width()), random.nextInt(a.input().height())), heads));
                out.put("query_redraw_all_heads_stage%d_block%d_ms".formatted(stage, block), median(redraw));
                // the exported head gallery PNG (grid, labels, colorbar, caption)
                double[] export = time(runs, warmup, i -> ViewRenderer.headGallery(a, base.withQuery(
                        random.nextInt(a.input().width()), random.nextInt(a.input().height()))));
                out.put("gallery_png_stage%d_block%d_ms".formatted(stage, block), median(export));
                out.put("heads_stage%d".formatted(stage), config.heads(stage));
                out.put("tokens_stage%d".formatted(stage), tokens * tokens);
            }
            return out;
        } finally {
            Files.deleteIfExists(image);
        }
    }

    /**
     * The app's first image on a model it has just loaded: the warm-up it runs (unless {@code warmUp} is false), then the
     * first drop-to-heatmap, then {@code runs} more for the warm median. Only meaningful in a fresh process.
     */
    static Map<String, Object> firstHeatmap(SwinConfig config, SwinModel model, int runs, boolean warmUp) throws IOException {
        return firstHeatmap(new LoadedModel(model, config, null, null, null, ClassLabels.forModel(config.numClasses(), null), java.util.List.of()),
                runs, warmUp);
    }

    /** As above, for a model loaded from a checkpoint. */
    static Map<String, Object> firstHeatmap(LoadedModel loaded, int runs, boolean warmUp) throws IOException {
        Path image = Files.createTempFile("swinlens-bench", ".png");
        try {
            ImageIO.write(noise(1024, 768), "png", image.toFile());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("warm_up_ms", warmUp ? Math.round(io.swinlens.analysis.WarmUp.run(loaded) * 10) / 10.0 : 0);
            long t = System.nanoTime();
            dropToHeatmap(loaded, image);
            double first = (System.nanoTime() - t) / 1e6;
            double warm = median(time(runs, 0, i -> dropToHeatmap(loaded, image)));
            out.put("first_heatmap_ms", Math.round(first * 10) / 10.0);
            out.put("warm_median_ms", Math.round(warm * 10) / 10.0);
            out.put("first_over_warm", Math.round(first / warm * 100) / 100.0);
            return out;
        } finally {
            Files.deleteIfExists(image);
        }
    }

    private static AnalysedImage dropToHeatmap(LoadedModel model, Path file) {
        try {
            BufferedImage rgb = ImageLoader.load(file);
            ModelInput input = Preprocessor.prepare(rgb, model.config().imageSize(), Preprocess.OFFICIAL, model.config().name());
            AnalysedImage a = AnalysedImage.analyse(model, file, input);
            ViewRenderer.layers(a, ViewSettings.defaults());
            return a;
        } catch (ImageLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static double[] time(int runs, int warmup, IntConsumer body) {
        for (int i = 0; i < warmup; i++) body.accept(i);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            body.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.round(m * 100) / 100.0;
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, random.nextInt(1 << 24));
        return image;
    }
}
