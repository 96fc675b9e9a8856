package io.swinlens.cli;

import com.google.gson.GsonBuilder;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Writes a forward pass's numbers as .npy files with a manifest: logits (1, classes) and each block's
 * attention (windows, heads, N, N), stage and block counted from 0.
 */
@Command(name = "dump", description = "Write logits and every block's attention as .npy files, with manifest.json.")
final class DumpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT", description = "an image file or a float32 .npy tensor (1, 3, H, W)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Mixin
    ModelOptions model;

    @Option(names = "--overwrite", description = "replace files that already exist in DIR")
    boolean overwrite;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        LoadedModel loaded = model.load();
        ModelInput x = model.input(input, loaded);
        Inference result = ModelOptions.run(loaded, input, x, new CaptureRequest(true, false, null));
        List<Path> targets = new ArrayList<>(List.of(out.resolve("logits.npy"), out.resolve("manifest.json")));
        for (BlockAttention a : result.attention()) targets.add(out.resolve(attentionFile(a)));
        if (!overwrite) {
            for (Path t : targets) {
                if (Files.exists(t)) throw new CliException(ExitCodes.OUTPUT_ERROR, t + " already exists; pass --overwrite to replace it");
            }
        }
        List<Map<String, Object>> files = new ArrayList<>();
        write(out.resolve("logits.npy"), o -> Npy.write(o, result.logits(), 1, result.logits().length));
        files.add(entry("logits.npy", "logits", new long[]{1, result.logits().length}));
        for (BlockAttention a : result.attention()) {
            String name = attentionFile(a);
            write(out.resolve(name), o -> Npy.write(o, a.probs(), a.shape()));
            Map<String, Object> e = entry(name, "attention", a.shape());
            e.put("stage", a.stage());
            e.put("block", a.block());
            e.put("shift", a.geometry().shift());
            e.put("window", a.geometry().window());
            e.put("resolution", new int[]{a.geometry().height(), a.geometry().width()});
            e.put("heads", a.heads());
            e.put("windows", a.windows());
            files.add(e);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("input", input.toString());
        manifest.put("input_shape", new int[]{1, 3, x.height(), x.width()});
        manifest.put("weights", loaded.source() == null ? null : loaded.source().toString());
        manifest.put("model", loaded.config().name());
        manifest.put("files", files);
        byte[] json = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(manifest).getBytes(StandardCharsets.UTF_8);
        write(out.resolve("manifest.json"), o -> o.write(json));
        spec.commandLine().getOut().printf("wrote %d files to %s%n", files.size() + 1, out);
        return ExitCodes.OK;
    }

    static String attentionFile(BlockAttention a) {
        return "attention/stage%d_block%d.npy".formatted(a.stage(), a.block());
    }

    private static Map<String, Object> entry(String file, String kind, long[] shape) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", file);
        e.put("kind", kind);
        e.put("dtype", "float32");
        e.put("shape", shape);
        return e;
    }

    private void write(Path target, AtomicFiles.Writer writer) {
        try {
            AtomicFiles.write(target, overwrite, writer);
        } catch (IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, AtomicFiles.describe(target, e));
        }
    }
}
