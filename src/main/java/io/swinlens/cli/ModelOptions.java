package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.image.ImageLoadException;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.fetch.FetchedModels;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.model.weights.WeightsException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** --weights and --preprocess, shared by the commands that run a model. */
final class ModelOptions {

    /** {@code --weights NAME} means a model downloaded with {@code fetch}. */
    static final ModelResolver RESOLVER = new ModelResolver(new FetchedModels());

    @Option(names = "--weights", paramLabel = "FILE",
            description = "checkpoint (.pth, .pt, .bin, .safetensors) or a fetched model's name; default: the bundled demo model")
    String weights;

    @Option(names = "--preprocess", paramLabel = "PRESET",
            description = "official, timm, torchvision or hf (default: official; hf for the demo model)")
    String preprocess;

    @Option(names = "--pretrained-window", paramLabel = "LIST", split = ",", arity = "1", hideParamSyntax = true,
            description = "Swin V2: the window each stage's position bias was pretrained at, e.g. 12,12,12,6 "
                    + "(22k-to-1k fine-tuned files that do not store it; 0 for a stage that was not); default: read from the file")
    int[] pretrainedWindow;

    @Option(names = "--image-size", paramLabel = "H[,W]", split = ",", arity = "1", hideParamSyntax = true,
            description = "run at this input size instead of the training size, e.g. 448 for finer maps or 320,256; "
                    + "a multiple of the patch size (4)")
    int[] imageSize;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Loads the model; its warnings (unknown pickle globals kept as data) go to stderr, one line each. */
    LoadedModel load() {
        if (weights != null && weights.isBlank()) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.weights.blank"));
        }
        checkPretrained(pretrainedWindow);
        try {
            LoadedModel loaded = RESOLVER.load(weights, pretrainedWindow);
            if (spec != null) loaded.warnings().forEach(w -> spec.commandLine().getErr().println(Messages.get("cli.warning", w)));
            int[] size = size(loaded);
            if (size != null && spec != null && (size[0] != loaded.config().imageSize() || size[1] != loaded.config().imageSize())) {
                spec.commandLine().getErr().println(Messages.get("cli.note.otherSize", size[0], size[1], loaded.displayName(), loaded.config().imageSize()));
            }
            return loaded;
        } catch (WeightsException e) {
            throw new CliException(e.kind() == WeightsException.Kind.NOT_FOUND && weights == null ? ExitCodes.USAGE : exitCodeOf(e), e.getMessage());
        }
    }

    Preprocess preset(LoadedModel model) {
        if (preprocess == null) return ModelResolver.defaultPreprocess(model);
        try {
            return Preprocess.parse(preprocess);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** A file that cannot be used is exit 4; what the user said of it not fitting (--pretrained-window) is a usage error. */
    static int exitCodeOf(WeightsException e) {
        return e.kind() == WeightsException.Kind.USER_HINT ? ExitCodes.USAGE : ExitCodes.UNUSABLE_WEIGHTS;
    }

    /** --pretrained-window's values: 0 (a stage without one) or 2..128; a usage error otherwise. */
    static void checkPretrained(int[] windows) {
        if (windows == null) return;
        for (int w : windows) {
            if (w != 0 && (w < 2 || w > 128)) throw new CliException(ExitCodes.USAGE, Messages.get("cli.pretrained.range", w));
        }
    }

    /** The one line for an OutOfMemoryError while working on one input. */
    static String outOfMemory() {
        return Messages.get("cli.error.noMemorySkipped", Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    /** One forward pass; an input the model cannot take (size, channels) is an input error naming the file. */
    static Inference run(LoadedModel model, Path file, ModelInput input, CaptureRequest capture) {
        try {
            return model.model().forward(input.chw(), input.height(), input.width(), capture);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.UNREADABLE_INPUT, Messages.get("cli.file.message", file.getFileName(), e.getMessage()));
        }
    }

    /** One line and exit 4 for a backbone asked for what needs a classifier (predictions, CAM); {@code what} is already in the current language. */
    static void requireClassifier(LoadedModel model, String what) {
        if (!model.hasClassifier()) {
            throw new CliException(ExitCodes.UNUSABLE_WEIGHTS, Messages.get("cli.classifier.missing", model.displayName(), what));
        }
    }

    /** The --image-size as {H, W}, checked against the patch size; null when not given. */
    int[] size(LoadedModel model) {
        if (imageSize == null) return null;
        if (imageSize.length < 1 || imageSize.length > 2) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.imageSize.form"));
        }
        int h = imageSize[0];
        int w = imageSize.length == 2 ? imageSize[1] : h;
        int p = model.config().patchSize();
        if (h < p || w < p || h > 4096 || w > 4096 || h % p != 0 || w % p != 0) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.imageSize.range", h, w, p, p));
        }
        return new int[]{h, w};
    }

    ModelInput input(Path file, LoadedModel model) {
        int[] size = size(model);
        ModelInput input;
        try {
            input = InputLoader.load(file, model.config(), preset(model), size);
        } catch (ImageLoadException e) {
            throw new CliException(ExitCodes.UNREADABLE_INPUT, e.getMessage());
        }
        if (size != null && spec != null && InputLoader.isTensor(file) && (input.height() != size[0] || input.width() != size[1])) {
            spec.commandLine().getErr().println(Messages.get("cli.note.tensorOwnSize",
                    io.swinlens.model.io.Printable.quoted(file.getFileName().toString()), input.height(), input.width()));
        }
        return input;
    }
}
