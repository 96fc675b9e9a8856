package io.swinlens.cli;

import com.google.gson.GsonBuilder;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.load.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Top-k classes for each input. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Classify images (or .npy input tensors): the top-K classes of each.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "image files (PNG, JPEG, BMP, GIF) or float32 .npy tensors (1, 3, H, W)")
    List<Path> inputs;

    @Mixin
    ModelOptions model;

    @Option(names = "--top-k", defaultValue = "5", paramLabel = "K", description = "classes to list (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "print a JSON array")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if (topK < 1) throw new CliException(ExitCodes.USAGE, Messages.get("cli.predict.topK"));
        LoadedModel loaded = model.load();
        ModelOptions.requireClassifier(loaded, Messages.get("cli.classifier.noPredictions"));
        List<Map<String, Object>> results = new ArrayList<>();
        var out = spec.commandLine().getOut();
        ExportOutcome outcome = new ExportOutcome();
        try (Lookahead<ModelInput> reader = new Lookahead<>(inputs, 2, file -> model.input(file, loaded))) {  // decoding alongside inference
            for (Path file : inputs) {
                Inference result;
                try {
                    ModelInput input = reader.next();
                    result = ModelOptions.run(loaded, file, input, CaptureRequest.NONE);
                } catch (CliException e) {       // report, go on with the other inputs, fail at the end
                    spec.commandLine().getErr().println(Messages.get("cli.error.line", "swinlens predict", e.getMessage()));
                    outcome.failed(e.exitCode());
                    continue;
                } catch (OutOfMemoryError e) {
                    spec.commandLine().getErr().println(Messages.get("cli.error.line", "swinlens predict", Messages.get("cli.file.message", file, ModelOptions.outOfMemory())));
                    outcome.failed(ExitCodes.UNREADABLE_INPUT);
                    continue;
                }
                outcome.ok();
                if (!allFinite(result.logits())) {      // a broken checkpoint (NaN or huge weights): the ranking means nothing
                    spec.commandLine().getErr().println(Messages.get("cli.warning", Messages.get("cli.predict.notFinite",
                            io.swinlens.model.io.Printable.quoted(file.getFileName().toString()), loaded.displayName())));
                }
                float[] probabilities = result.probabilities();
                List<Map<String, Object>> top = new ArrayList<>();
                for (int index : result.topK(topK)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("index", index);
                    entry.put("label", loaded.labels().name(index));
                    entry.put("probability", probabilities[index]);
                    entry.put("logit", result.logits()[index]);
                    top.add(entry);
                }
                if (json) {
                    results.add(Map.of("input", file.toString(), "top", top));
                } else {
                    out.println(io.swinlens.model.io.Printable.sanitize(file.toString()));
                    for (Map<String, Object> e : top) {
                        out.println("  " + Messages.get("cli.predict.row", 100 * (float) e.get("probability"), e.get("label"), e.get("index"), e.get("logit")));
                    }
                }
            }
        }
        if (json) {
            List<Map<String, Object>> ordered = new ArrayList<>();
            for (Map<String, Object> r : results) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("input", r.get("input"));
                o.put("top", r.get("top"));
                ordered.add(o);
            }
            // NaN and infinite logits (a broken checkpoint) are written as null: JSON has no such numbers
            out.println(new GsonBuilder().serializeNulls().create().toJson(JsonNumbers.finiteOrNull(ordered)));
        }
        return outcome.exitCode();
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }
}
