package io.swinlens.cli;

import com.google.gson.GsonBuilder;
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
        if (weights.toString().isBlank()) throw new CliException(ExitCodes.USAGE, "name a checkpoint file to describe");
        try {
            model = ModelLoader.load(weights, pretrainedWindow);
        } catch (WeightsException e) {
            throw new CliException(ExitCodes.UNUSABLE_WEIGHTS, e.getMessage());
        }
        model.warnings().forEach(w -> spec.commandLine().getErr().println("swinlens: warning: " + w));
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
        out.printf("%s%n", weights.getFileName());
        out.printf("  model        %s%s%n", c.version().label(), c.hasClassifier() ? " classifier" : " backbone (no classification head)");
        out.printf("  format       %s naming (%s)%n", info.get("format"), info.get("file_type"));
        if (!origin.prefix().isEmpty() || !origin.otherModules().isEmpty()) {
            out.printf("  found under  '%s'%s%n", origin.prefix(), origin.otherModules().isEmpty() ? ""
                    : "; other modules left out: " + String.join(", ", origin.otherModules()));
        }
        if (origin.outputNorms() > 0) {
            out.printf("  out norms    %d per-stage output norms (norm0..) for a detector's neck; not used by the views%n", origin.outputNorms());
        }
        out.printf("  preset       %s%n", info.get("preset") == null ? "none (custom architecture)" : info.get("preset"));
        out.printf("  embed_dim    %d%n", c.embedDim());
        out.printf("  depths       %s%n", Arrays.toString(c.depths()));
        out.printf("  num_heads    %s%n", Arrays.toString(c.numHeads()));
        out.printf("  window_size  %d (from %s)%n", c.windowSize(), origin.windowSource());
        out.printf("  window rule  %s%n", c.windowRule().describe());
        if (c.isV2()) {
            out.printf("  pretrained   %s%n", c.hasPretrainedWindows()
                    ? Arrays.toString(c.pretrainedWindows()) + " (from " + origin.pretrainedSource() + "): position coordinates divided by (pretrained - 1)"
                    : "none: position coordinates divided by (window - 1)");
        }
        if (c.hasClassifier()) {
            out.printf("  num_classes  %d (labels: %s)%n", c.numClasses(), model.labels().source());
        } else {
            out.printf("  num_classes  none: attention views, rollout and head statistics work; predictions and CAM do not%n");
        }
        out.printf("  image_size   %d (trained size; other sizes are padded to window multiples, --image-size)%n", c.imageSize());
        out.printf("  parameters   %,d%n", model.parameterCount());
        return ExitCodes.OK;
    }
}
