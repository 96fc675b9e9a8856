package io.swinlens.cli;

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

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Loads the model; its warnings (unknown pickle globals kept as data) go to stderr, one line each. */
    LoadedModel load() {
        if (weights != null && weights.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--weights needs a checkpoint file or a model name (leave it out for the demo model)");
        }
        try {
            LoadedModel loaded = RESOLVER.load(weights);
            if (spec != null) loaded.warnings().forEach(w -> spec.commandLine().getErr().println("swinlens: warning: " + w));
            return loaded;
        } catch (WeightsException e) {
            throw new CliException(e.kind() == WeightsException.Kind.NOT_FOUND && weights == null
                    ? ExitCodes.USAGE : ExitCodes.UNUSABLE_WEIGHTS, e.getMessage());
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

    /** The one line for an OutOfMemoryError while working on one input. */
    static String outOfMemory() {
        return "not enough memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap); skipped. Give Java more with -Xmx";
    }

    /** One forward pass; an input the model cannot take (size, channels) is an input error naming the file. */
    static Inference run(LoadedModel model, Path file, ModelInput input, CaptureRequest capture) {
        try {
            return model.model().forward(input.chw(), input.height(), input.width(), capture);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.UNREADABLE_INPUT, file.getFileName() + ": " + e.getMessage());
        }
    }

    ModelInput input(Path file, LoadedModel model) {
        try {
            return InputLoader.load(file, model.config(), preset(model));
        } catch (ImageLoadException e) {
            throw new CliException(ExitCodes.UNREADABLE_INPUT, e.getMessage());
        }
    }
}
