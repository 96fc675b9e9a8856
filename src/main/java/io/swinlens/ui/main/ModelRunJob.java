package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Messages;
import io.swinlens.model.image.ImageLoader;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.ui.task.Work;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * Background work: load a checkpoint (if asked) and run the model on an image (if there is one).
 * Either step's failure fails the job, so nothing on screen changes; except that a new model which
 * cannot run the image already on screen is still kept, with a warning.
 *
 * @param weights    checkpoint to load, or null to keep {@code current}
 * @param current    the model now in use, or null
 * @param image      input to analyse, or null
 * @param keepImage  true when {@code image} is the one already on screen (re-run for a new model)
 * @param preprocess preprocessing to use, or null for the model's default
 * @param inputScale the input size as a multiple of the model's training size (1: the training size)
 */
record ModelRunJob(Path weights, LoadedModel current, Path image, boolean keepImage, Preprocess preprocess, double inputScale)
        implements Work<ModelRunJob.Outcome> {

    /** The square input side for {@code scale} times the training size, a multiple of the patch size. */
    static int inputSide(io.swinlens.model.config.SwinConfig config, double scale) {
        int p = config.patchSize();
        return Math.max(p, (int) Math.round(config.imageSize() * scale / p) * p);
    }

    /** @param analysis null when there was no image (or, with a warning, when it did not fit the new model) */
    record Outcome(LoadedModel model, ShownImage analysis, String warning) { }

    @Override public Outcome run(Progress progress) throws Exception {
        LoadedModel model = current;
        if (weights != null) {
            progress.update(Messages.get("ui.job.loadingFile", weights.getFileName()), -1);
            model = ModelLoader.load(weights);
        }
        if (image == null || model == null) return new Outcome(model, null, null);
        checkCancelled(progress);
        try {
            return new Outcome(model, analyse(model, progress), null);
        } catch (Exception e) {
            if (weights == null || !keepImage) throw e;
            return new Outcome(model, null, MainViewModel.describe(e));
        }
    }

    private ShownImage analyse(LoadedModel model, Progress progress) throws Exception {
        progress.update(Messages.get("ui.job.readingFile", image.getFileName()), 0.1);
        Preprocess preset = preprocess != null ? preprocess : ModelResolver.defaultPreprocess(model);
        BufferedImage original = null;
        ModelInput input;
        if (InputFiles.extension(image).equals("npy")) {
            input = InputLoader.load(image, model.config(), preset);
        } else {
            // the same two calls InputLoader makes, keeping the original to draw the crop on
            original = ImageLoader.load(image);
            int side = inputSide(model.config(), inputScale);
            input = Preprocessor.prepare(original, side, side, preset, model.config().name());
        }
        checkCancelled(progress);
        progress.update(Messages.get("ui.job.running", model.displayName(), image.getFileName()), 0.3);
        AnalysedImage analysed;
        try {
            analysed = AnalysedImage.analyse(model, image, input);
        } catch (IllegalArgumentException e) {     // e.g. an input size the windows do not divide
            throw new IllegalArgumentException(image.getFileName() + ": " + e.getMessage(), e);
        }
        checkCancelled(progress);
        return new ShownImage(analysed, original);
    }

    private static void checkCancelled(Progress progress) {
        if (progress.isCancelled()) throw new CancellationException();
    }
}
