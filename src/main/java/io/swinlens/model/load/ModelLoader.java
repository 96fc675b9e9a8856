package io.swinlens.model.load;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.swin.SwinModel;
import io.swinlens.model.swin.TensorSource;
import io.swinlens.model.weights.Checkpoint;
import io.swinlens.model.weights.RawTensor;
import io.swinlens.model.weights.WeightsException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens a checkpoint in any supported format and naming, detects its architecture, and builds the
 * model: every tensor the model needs must be present with the right shape, and every tensor present
 * must be used; otherwise one {@link WeightsException} names the offending key. Either a complete
 * model or an exception: never a half-loaded model.
 */
public final class ModelLoader {

    private ModelLoader() { }

    private static final java.util.regex.Pattern OUTPUT_NORM = java.util.regex.Pattern.compile("^norm\\d+\\.(weight|bias)$");

    public static LoadedModel load(Path file) throws WeightsException {
        return load(file, null);
    }

    /**
     * The architecture the file holds, read from its tensor names and shapes without converting any values (what
     * {@code fetch} checks a download against): the config {@link #load} would build.
     */
    public static SwinConfig configOf(Path file) throws WeightsException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            LoadHints hints = LoadHints.gather(file, checkpoint.metadata(), null);
            return ConfigDetector.detect(file.getFileName().toString(), checkpoint.canonicalTensors(), checkpoint.isV2(),
                    checkpoint.convention(), hints).config();
        }
    }

    /**
     * @param pretrainedWindows the V2 pretrained window of each stage as the user gave it ({@code --pretrained-window});
     *                          null to read it from the file, its metadata or a config.json beside it
     */
    public static LoadedModel load(Path file, int[] pretrainedWindows) throws WeightsException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            String name = file.getFileName().toString();
            Map<String, RawTensor> tensors = checkpoint.canonicalTensors();
            LoadHints hints = LoadHints.gather(file, checkpoint.metadata(), pretrainedWindows);
            if (!checkpoint.isV2() && pretrainedWindows != null) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.load.pretrainedV1", name));
            }
            ConfigDetector.Detected detected = ConfigDetector.detect(name, tensors, checkpoint.isV2(), checkpoint.convention(), hints);
            SwinConfig config = detected.config();
            CheckedSource source = new CheckedSource(name, tensors);
            SwinModel model;
            try {
                model = SwinModel.create(config, source);
            } catch (SourceFailure f) {
                throw f.cause;
            } catch (UncheckedIOException e) {
                throw new WeightsException(WeightsException.Kind.UNREADABLE, Messages.get("error.load.tensorData", name, whyUnreadable(e.getCause())), e);
            } catch (IllegalArgumentException e) {
                throw new WeightsException(WeightsException.Kind.SHAPE_MISMATCH, Messages.get("error.file.detail", name, e.getMessage()), e);
            }
            Set<String> unused = new TreeSet<>(tensors.keySet());
            unused.removeAll(source.used);
            unused.removeIf(k -> k.endsWith("attn.relative_coords_table"));     // read by the detector, recomputed per input size
            int outputNorms = (int) unused.stream().filter(k -> OUTPUT_NORM.matcher(k).matches() && k.endsWith(".weight")).count();
            if (!config.hasClassifier()) unused.removeIf(k -> OUTPUT_NORM.matcher(k).matches());
            if (!unused.isEmpty()) {
                throw new WeightsException(WeightsException.Kind.UNEXPECTED_TENSOR, Messages.get(unused.size() > 1 ? "error.load.unexpected.many" : "error.load.unexpected.one", name,
                        String.join(", ", unused.stream().limit(5).toList())
                        + (unused.size() > 5 ? Messages.get("error.load.unexpected.more", unused.size() - 5) : ""),
                        config.version().label(), config.numStages(), Arrays.toString(config.depths())));
            }
            java.util.List<String> warnings = new java.util.ArrayList<>(checkpoint.warnings());
            if (hints.configWarning() != null) warnings.add(hints.configWarning());
            if (detected.windowSource().equals(Messages.get("error.source.window.assumed"))) {
                warnings.add(Messages.get("error.load.windowAssumed", name, detected.windowSource()));
            }
            ClassLabels labels = ClassLabels.forModel(config.numClasses(), file);
            if (labels.warning() != null) warnings.add(labels.warning());
            var origin = new LoadedModel.Origin(checkpoint.prefix(), checkpoint.otherModules(), outputNorms,
                    detected.windowSource(), detected.pretrainedSource());
            return new LoadedModel(model, config, file, checkpoint.fileType(), checkpoint.convention(),
                    labels, warnings, origin);
        }
    }

    /** Why tensor data could not be read, in the user's terms (java.util.zip's own text, or none, otherwise). */
    private static String whyUnreadable(java.io.IOException e) {
        if (e instanceof java.util.zip.ZipException) return Messages.get("error.load.tensorData.zip");
        if (e instanceof java.io.EOFException) return Messages.get("error.load.tensorData.eof");
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Thrown through the model builder to carry a checked exception out. */
    private static final class SourceFailure extends RuntimeException {
        final WeightsException cause;
        SourceFailure(WeightsException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static final class CheckedSource implements TensorSource {
        final String fileName;
        final Map<String, RawTensor> tensors;
        final Set<String> used = new HashSet<>();

        CheckedSource(String fileName, Map<String, RawTensor> tensors) {
            this.fileName = fileName;
            this.tensors = tensors;
        }

        @Override public long[] shapeOf(String key) {
            RawTensor t = tensors.get(key);
            return t == null ? null : t.shape();
        }

        @Override public float[] get(String key, long... shape) {
            RawTensor t = tensors.get(key);
            if (t == null) {
                throw new SourceFailure(new WeightsException(WeightsException.Kind.MISSING_TENSOR, Messages.get("error.tensor.missing", fileName, key)));
            }
            try {
                Checkpoint.requireShape(key, t, shape);
            } catch (WeightsException e) {
                throw new SourceFailure(new WeightsException(e.kind(), Messages.get("error.file.detail", fileName, e.getMessage())));
            }
            used.add(key);
            return t.toFloats();
        }
    }
}
