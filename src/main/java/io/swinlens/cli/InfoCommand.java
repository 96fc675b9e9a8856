package io.swinlens.cli;

import com.google.gson.GsonBuilder;
import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.model.weights.WeightsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Describes a checkpoint: format, naming, architecture, parameter count. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a checkpoint: format, architecture, parameter count.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WEIGHTS", description = "a checkpoint file")
    Path weights;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--pretrained-window", paramLabel = "LIST", split = ",", arity = "1", hideParamSyntax = true,
            description = "Swin V2: the window each stage's position bias was pretrained at, where the file does not say (e.g. 12,12,12,6)")
    int[] pretrainedWindow;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        LoadedModel model;
        if (weights.toString().isBlank()) throw new CliException(ExitCodes.USAGE, Messages.get("cli.info.noFile"));
        // --json: what the loader describes (window_source, pretrained_window_source) stays English, as every JSON value
        io.swinlens.i18n.Language language = Messages.language();
        if (json) Messages.setLanguage(io.swinlens.i18n.Language.ENGLISH);
        try {
            ModelOptions.checkPretrained(pretrainedWindow);
            model = ModelLoader.load(weights, pretrainedWindow);
        } catch (WeightsException e) {
            throw new CliException(ModelOptions.exitCodeOf(e), e.getMessage());
        } finally {
            Messages.setLanguage(language);
        }
        model.warnings().forEach(w -> spec.commandLine().getErr().println(Messages.get("cli.warning", w)));
        SwinConfig c = model.config();
        LoadedModel.Origin origin = model.origin();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", weights.toString());
        info.put("version", c.version().name());
        info.put("format", model.convention().id());
        info.put("file_type", model.fileType().id());
        info.put("prefix", origin.prefix());
        info.put("other_modules", origin.otherModules());
        info.put("output_norms", origin.outputNorms());
        info.put("preset", c.matchingPreset().map(SwinConfig::name).orElse(null));
        info.put("embed_dim", c.embedDim());
        info.put("depths", c.depths());
        info.put("num_heads", c.numHeads());
        info.put("window_size", c.windowSize());
        info.put("window_source", origin.windowSource());
        info.put("window_rule", c.windowRule().name().toLowerCase(java.util.Locale.ROOT));
        info.put("pretrained_window_sizes", c.isV2() ? c.pretrainedWindows() : null);
        info.put("pretrained_window_source", c.isV2() ? origin.pretrainedSource() : null);
        info.put("classifier", c.hasClassifier());
        info.put("num_classes", c.numClasses());
        info.put("image_size", c.imageSize());
        info.put("parameters", model.parameterCount());
        info.put("labels", c.hasClassifier() ? model.labels().source() : null);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().serializeNulls().create().toJson(info));
            return ExitCodes.OK;
        }
        // the human-readable description: one "label  value" line each, in the current language
        out.printf("%s%n", weights.getFileName());
        line(out, c.hasClassifier() ? "cli.info.model.classifier" : "cli.info.model.backbone", c.version().label());
        line(out, "cli.info.format", info.get("format"), info.get("file_type"));
        if (!origin.prefix().isEmpty() || !origin.otherModules().isEmpty()) {
            if (origin.otherModules().isEmpty()) line(out, "cli.info.foundUnder", origin.prefix());
            else line(out, "cli.info.foundUnderOthers", origin.prefix(), String.join(", ", origin.otherModules()));
        }
        if (origin.outputNorms() > 0) line(out, "cli.info.outNorms", origin.outputNorms());
        if (info.get("preset") == null) line(out, "cli.info.presetNone");
        else line(out, "cli.info.preset", info.get("preset"));
        line(out, "cli.info.embedDim", c.embedDim());
        line(out, "cli.info.depths", Arrays.toString(c.depths()));
        line(out, "cli.info.numHeads", Arrays.toString(c.numHeads()));
        boolean assumed = origin.windowSource().equals(Messages.get("error.source.window.assumed"));   // not a place it came from
        line(out, assumed ? "cli.info.windowSizeAssumed" : "cli.info.windowSize", c.windowSize(), origin.windowSource());
        line(out, "cli.info.windowRule", c.windowRule().describe());
        if (c.isV2()) {
            if (c.hasPretrainedWindows()) line(out, "cli.info.pretrained", Arrays.toString(c.pretrainedWindows()), origin.pretrainedSource());
            else line(out, "cli.info.pretrainedNone");
        }
        if (c.hasClassifier()) line(out, "cli.info.numClasses", c.numClasses(), model.labels().source());
        else line(out, "cli.info.numClassesNone");
        line(out, "cli.info.imageSize", c.imageSize());
        line(out, "cli.info.parameters", model.parameterCount());
        return ExitCodes.OK;
    }

    /** One indented line of the description. */
    private static void line(java.io.PrintWriter out, String key, Object... args) {
        out.println("  " + Messages.get(key, args));
    }
}
