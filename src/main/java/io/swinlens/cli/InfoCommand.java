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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        LoadedModel model;
        if (weights.toString().isBlank()) throw new CliException(ExitCodes.USAGE, "name a checkpoint file to describe");
        try {
            model = ModelLoader.load(weights);
        } catch (WeightsException e) {
            throw new CliException(ExitCodes.UNUSABLE_WEIGHTS, e.getMessage());
        }
        model.warnings().forEach(w -> spec.commandLine().getErr().println("swinlens: warning: " + w));
        SwinConfig c = model.config();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", weights.toString());
        info.put("format", model.convention().id());
        info.put("file_type", model.fileType().id());
        info.put("preset", c.matchingPreset().map(SwinConfig::name).orElse(null));
        info.put("embed_dim", c.embedDim());
        info.put("depths", c.depths());
        info.put("num_heads", c.numHeads());
        info.put("window_size", c.windowSize());
        info.put("num_classes", c.numClasses());
        info.put("image_size", c.imageSize());
        info.put("parameters", model.parameterCount());
        info.put("labels", model.labels().source());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().serializeNulls().create().toJson(info));
            return ExitCodes.OK;
        }
        out.printf("%s%n", weights.getFileName());
        out.printf("  format       %s (%s)%n", info.get("format"), info.get("file_type"));
        out.printf("  preset       %s%n", info.get("preset") == null ? "none (custom architecture)" : info.get("preset"));
        out.printf("  embed_dim    %d%n", c.embedDim());
        out.printf("  depths       %s%n", Arrays.toString(c.depths()));
        out.printf("  num_heads    %s%n", Arrays.toString(c.numHeads()));
        out.printf("  window_size  %d%n", c.windowSize());
        out.printf("  num_classes  %d (labels: %s)%n", c.numClasses(), model.labels().source());
        out.printf("  image_size   %d (trained size; inputs of other sizes work where the windows fit)%n", c.imageSize());
        out.printf("  parameters   %,d%n", model.parameterCount());
        return ExitCodes.OK;
    }
}
