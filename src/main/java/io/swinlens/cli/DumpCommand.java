package io.swinlens.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.ClassActivationMap;
import io.swinlens.analysis.teaching.ClassifierHead;
import io.swinlens.analysis.teaching.HeadStatistic;
import io.swinlens.analysis.teaching.HeadStatistics;
import io.swinlens.analysis.teaching.Rollout;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.capture.TraceRequest;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Writes a forward pass's numbers with a manifest: logits (1, classes), each block's attention
 * (windows, heads, N, N), the MEAN attention rollout over the first stage's tokens (H, W), every head's
 * distance and entropy as stats.json, and the top class's activation map over the last stage (H, W).
 * Stage and block are counted from 0. Nothing is written if any target exists, unless --overwrite.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Write logits, attention, rollout, head statistics or CAM as .npy/.json files, with manifest.json.")
final class DumpCommand implements Callable<Integer> {

    static final List<String> WHAT = List.of("logits", "attention", "rollout", "stats", "cam", "block");

    /** What each array of --what block holds, in the model's order (V1, then V2). */
    static final Map<String, String> BLOCK_V1 = blockSteps(
            "input", "x, the token entering the block (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "norm1", "LN1(x) (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "q", "queries of the token's whole window, (heads, N, d), before the 1/sqrt(d) scale", // not user text: manifest.json documents its arrays in English, like its keys
            "k", "keys of the window (heads, N, d)", // not user text: manifest.json documents its arrays in English, like its keys
            "v", "values of the window (heads, N, d)", // not user text: manifest.json documents its arrays in English, like its keys
            "scores", "the token's row of q·kᵀ/sqrt(d) (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "bias", "the relative position bias of that row (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "mask", "the shift mask of that row, 0 or -100 (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "probs", "softmax(scores + bias + mask) (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "context", "Σ_j probs_j·v_j per head (heads, d); concatenated over heads it is the projection's input", // not user text: manifest.json documents its arrays in English, like its keys
            "proj", "the attention output after the projection (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "residual1", "x + proj (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "norm2", "LN2(residual1) (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "fc1", "fc1(norm2) (4C)", // not user text: manifest.json documents its arrays in English, like its keys
            "gelu", "GELU(fc1) (4C)", // not user text: manifest.json documents its arrays in English, like its keys
            "fc2", "fc2(gelu) (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "output", "residual1 + fc2: the token leaving the block (C)"); // not user text: manifest.json documents its arrays in English, like its keys
    static final Map<String, String> BLOCK_V2 = blockSteps(
            "input", "x, the token entering the block (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "q", "queries of the token's whole window, (heads, N, d), before normalisation", // not user text: manifest.json documents its arrays in English, like its keys
            "k", "keys of the window (heads, N, d), before normalisation", // not user text: manifest.json documents its arrays in English, like its keys
            "v", "values of the window (heads, N, d)", // not user text: manifest.json documents its arrays in English, like its keys
            "scores", "the token's row of τ_h·cos(q, k) (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "bias", "16·sigmoid of the continuous position bias for that row (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "mask", "the shift mask of that row, 0 or -100 (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "probs", "softmax(scores + bias + mask) (heads, N)", // not user text: manifest.json documents its arrays in English, like its keys
            "context", "Σ_j probs_j·v_j per head (heads, d)", // not user text: manifest.json documents its arrays in English, like its keys
            "proj", "the attention output after the projection (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "norm1", "LN1(proj): V2 normalises after the attention (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "residual1", "x + norm1 (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "fc1", "fc1(residual1) (4C)", // not user text: manifest.json documents its arrays in English, like its keys
            "gelu", "GELU(fc1) (4C)", // not user text: manifest.json documents its arrays in English, like its keys
            "fc2", "fc2(gelu) (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "norm2", "LN2(fc2): V2 normalises after the MLP (C)", // not user text: manifest.json documents its arrays in English, like its keys
            "output", "residual1 + norm2: the token leaving the block (C)"); // not user text: manifest.json documents its arrays in English, like its keys

    private static Map<String, String> blockSteps(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    @Option(names = "--stage", defaultValue = "0", paramLabel = "S", description = "--what block: the stage (default: ${DEFAULT-VALUE})")
    int stage;

    @Option(names = "--block", defaultValue = "0", paramLabel = "B", description = "--what block: the block of that stage (default: ${DEFAULT-VALUE})")
    int block;

    @Option(names = "--query", paramLabel = "X,Y", description = "--what block: the token under this point, in pixels of the input image "
            + "(of the tensor itself for .npy) or X%%,Y%% of what the model sees (default: the centre)")
    String query;

    @Parameters(index = "0", paramLabel = "INPUT", description = "an image file or a float32 .npy tensor (1, 3, H, W)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    /** Where the files are written before they move into --out together (a hidden folder inside it). */
    private Path staging;

    @Mixin
    ModelOptions model;

    @Option(names = "--what", split = ",", paramLabel = "WHAT", defaultValue = "logits,attention",
            description = "comma-separated, any of logits, attention, rollout, stats, cam, block (default: ${DEFAULT-VALUE})")
    List<String> what;

    @Option(names = "--overwrite", description = "replace files that already exist in DIR")
    boolean overwrite;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        OutputFolders.require(out);
        Set<String> wanted = wanted();
        LoadedModel loaded = model.load();
        if (wanted.contains("cam")) ModelOptions.requireClassifier(loaded, Messages.get("cli.classifier.noCam"));
        if (!loaded.hasClassifier()) {                                   // a backbone has none; the rest is there
            wanted.remove("logits");
            if (wanted.isEmpty()) ModelOptions.requireClassifier(loaded, Messages.get("cli.classifier.noLogits"));   // nothing else asked for
        }
        ModelInput x = model.input(input, loaded);
        boolean needsAttention = wanted.contains("attention") || wanted.contains("rollout") || wanted.contains("stats");
        CaptureRequest capture = new CaptureRequest(needsAttention, wanted.contains("cam"), null);
        if (wanted.contains("block")) capture = capture.withTrace(blockTrace(loaded, x));
        Inference result = ModelOptions.run(loaded, input, x, capture);
        List<String> names = new ArrayList<>();
        if (wanted.contains("logits")) names.add("logits.npy");
        if (wanted.contains("attention")) for (BlockAttention a : result.attention()) names.add(attentionFile(a));
        if (wanted.contains("rollout")) names.add("rollout.npy");
        if (wanted.contains("stats")) names.add("stats.json");
        if (wanted.contains("cam")) names.add("cam_top1.npy");
        String blockDir = "block_s%db%d".formatted(stage, block);
        if (wanted.contains("block")) {
            for (String n : result.traced().orElseThrow().names()) names.add(blockDir + "/" + n + ".npy");
            names.add(blockDir + "/manifest.json");
        }
        names.add("manifest.json");
        for (String name : names) {
            Path t = out.resolve(name);
            for (Path folder = t.getParent(); folder != null && !folder.equals(out); folder = folder.getParent()) {
                if (Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
                    throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.dump.folderIsFile", folder, t));
                }
            }
            if (!overwrite && Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.out.exists", t));
        }
        try {
            staging = Files.createTempDirectory(createFolder(out), ".swinlens-dump-");
        } catch (IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, AtomicFiles.describe(out, e));
        }
        try {
            writeAll(wanted, result, loaded, x);
            commit(names);
        } finally {
            deleteTree(staging);
        }
        spec.commandLine().getOut().println(Messages.get("cli.dump.wrote", names.size(), out));
        return ExitCodes.OK;
    }

    /** Writes every file into the staging folder (a failure there leaves nothing in --out). */
    private void writeAll(Set<String> wanted, Inference result, LoadedModel loaded, ModelInput x) {
        List<Map<String, Object>> files = new ArrayList<>();
        if (wanted.contains("logits")) {
            write("logits.npy", o -> Npy.write(o, result.logits(), 1, result.logits().length));
            files.add(entry("logits.npy", "logits", new long[]{1, result.logits().length}));
        }
        if (wanted.contains("attention")) for (BlockAttention a : result.attention()) files.add(writeAttention(a));
        if (wanted.contains("rollout")) files.add(writeRollout(result));
        if (wanted.contains("stats")) files.add(writeStats(result, loaded.config().patchSize()));
        if (wanted.contains("cam")) files.add(writeCam(result, loaded));
        if (wanted.contains("block")) files.add(writeBlock(result, loaded));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("input", input.toString());
        manifest.put("input_shape", new int[]{1, 3, x.height(), x.width()});
        manifest.put("weights", loaded.source() == null ? null : loaded.source().toString());
        manifest.put("model", loaded.config().name());
        manifest.put("files", files);
        byte[] json = gson().toJson(JsonNumbers.finiteOrNull(manifest)).getBytes(StandardCharsets.UTF_8);
        write("manifest.json", o -> o.write(json));
    }

    /**
     * Moves the finished files into --out, the manifest last: a dump is there whole or not at all. Should a move fail
     * all the same (the checks before the run passed), the files this run had added are taken out again.
     */
    private void commit(List<String> names) {
        List<Path> added = new ArrayList<>();
        List<Path> madeFolders = new ArrayList<>();
        for (String name : names) {
            Path target = out.resolve(name);
            try {
                for (Path f = target.toAbsolutePath().getParent(); f != null && !Files.exists(f); f = f.getParent()) madeFolders.add(f);
                Files.createDirectories(target.toAbsolutePath().getParent());
                boolean existed = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (overwrite) Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                else Files.move(staging.resolve(name), target);
                if (!existed) added.add(target);
            } catch (IOException e) {
                for (Path p : added) p.toFile().delete();
                madeFolders.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
                for (Path f : madeFolders) f.toFile().delete();          // only empty ones go; the deepest first
                throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.dump.nothingWritten", AtomicFiles.describe(target, e)));
            }
        }
    }

    private static Path createFolder(Path dir) throws IOException {
        return Files.createDirectories(dir.toAbsolutePath());
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover hidden staging folder is harmless
        }
    }

    private Set<String> wanted() {
        Set<String> wanted = new LinkedHashSet<>();
        for (String w : what) {
            String name = w.trim().toLowerCase(java.util.Locale.ROOT);
            if (!WHAT.contains(name)) {
                throw new CliException(ExitCodes.USAGE, Messages.get("cli.dump.unknownWhat", w, String.join(", ", WHAT)));
            }
            wanted.add(name);
        }
        if (wanted.isEmpty()) throw new CliException(ExitCodes.USAGE, Messages.get("cli.dump.noWhat", String.join(", ", WHAT)));
        return wanted;
    }

    static String attentionFile(BlockAttention a) {
        return "attention/stage%d_block%d.npy".formatted(a.stage(), a.block());
    }

    private Map<String, Object> writeAttention(BlockAttention a) {
        String name = attentionFile(a);
        write(name, o -> Npy.write(o, a.probs(), a.shape()));
        Map<String, Object> e = entry(name, "attention", a.shape());
        e.put("stage", a.stage());
        e.put("block", a.block());
        e.put("shift", a.geometry().shiftY());
        e.put("shift_yx", new int[]{a.geometry().shiftY(), a.geometry().shiftX()});
        e.put("window", a.geometry().window());
        e.put("resolution", new int[]{a.geometry().height(), a.geometry().width()});
        e.put("padded_resolution", new int[]{a.geometry().paddedHeight(), a.geometry().paddedWidth()});
        e.put("heads", a.heads());
        e.put("windows", a.windows());
        return e;
    }

    private Map<String, Object> writeRollout(Inference result) {
        TokenMap rollout = Rollout.compute(result.attention());
        write("rollout.npy", o -> Npy.write(o, rollout.values(), rollout.height(), rollout.width()));
        Map<String, Object> e = entry("rollout.npy", "rollout", new long[]{rollout.height(), rollout.width()});
        e.put("stage", 0);
        e.put("head_fusion", "mean");
        return e;
    }

    private Map<String, Object> writeStats(Inference result, int patchSize) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HeadStatistic s : HeadStatistics.compute(result.attention(), patchSize)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", s.stage());
            row.put("block", s.block());
            row.put("head", s.head());
            row.put("mean_distance_px", s.meanDistancePx());
            row.put("entropy_nats", s.entropyNats());
            rows.add(row);
        }
        byte[] json = gson().toJson(JsonNumbers.finiteOrNull(rows)).getBytes(StandardCharsets.UTF_8);
        write("stats.json", o -> o.write(json));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", "stats.json");
        e.put("kind", "head_statistics");
        e.put("entries", rows.size());
        return e;
    }

    /** --stage, --block and --query as the trace of one token through one block. */
    private TraceRequest blockTrace(LoadedModel loaded, ModelInput x) {
        var c = loaded.config();
        if (stage < 0 || stage >= c.numStages()) throw new CliException(ExitCodes.USAGE, Messages.get("cli.usage.stageMissing", stage, c.numStages() - 1));
        if (block < 0 || block >= c.depth(stage)) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.dump.blockMissing", block, stage, c.depth(stage) - 1));
        }
        int[] pixel = query == null ? new int[]{x.width() / 2, x.height() / 2} : QueryPoint.modelPixel(query, input, x);
        int tokenPx = c.patchSize() << stage;
        int w = x.width() / c.patchSize();
        int h = x.height() / c.patchSize();
        for (int s = 0; s < stage; s++) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
        int ty = Math.min(h - 1, pixel[1] / tokenPx);
        int tx = Math.min(w - 1, pixel[0] / tokenPx);
        return TraceRequest.block(stage, block, ty * w + tx);
    }

    private Map<String, Object> writeBlock(Inference result, LoadedModel loaded) {
        Trace t = result.traced().orElseThrow();
        String dir = "block_s%db%d".formatted(stage, block);
        Map<String, String> described = loaded.config().isV2() ? BLOCK_V2 : BLOCK_V1;
        List<Map<String, Object>> arrays = new ArrayList<>();
        for (String name : t.names()) {
            long[] shape = t.shape(name);
            float[] data = t.get(name);
            write(dir + "/" + name + ".npy", o -> Npy.write(o, data, shape));
            Map<String, Object> e = entry(name + ".npy", name, shape);
            e.put("meaning", described.get(name));
            arrays.add(e);
        }
        var g = t.geometry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", loaded.config().version().name());
        m.put("stage", stage);
        m.put("block", block);
        m.put("window", t.window());
        m.put("query_index", t.queryIndex());
        m.put("token_row", t.tokenY());
        m.put("token_col", t.tokenX());
        m.put("resolution", new int[]{g.height(), g.width()});
        m.put("window_size", g.window());
        m.put("shift", g.shiftY());
        m.put("shift_yx", new int[]{g.shiftY(), g.shiftX()});
        m.put("heads", loaded.config().heads(stage));
        m.put("key_tokens", t.sources());
        m.put("order", loaded.config().isV2()
                ? "V2 (res-post-norm): x -> attention -> proj -> LN1 -> + x -> fc1 -> GELU -> fc2 -> LN2 -> + residual"
                : "V1 (pre-norm): x -> LN1 -> attention -> proj -> + x -> LN2 -> fc1 -> GELU -> fc2 -> + residual");
        m.put("arrays", arrays);
        byte[] json = gson().toJson(JsonNumbers.finiteOrNull(m)).getBytes(StandardCharsets.UTF_8);
        write(dir + "/manifest.json", o -> o.write(json));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", dir + "/manifest.json");
        e.put("kind", "block_trace");
        e.put("stage", stage);
        e.put("block", block);
        return e;
    }

    private Map<String, Object> writeCam(Inference result, LoadedModel loaded) {
        int top = result.topK(1)[0];
        TokenMap cam = ClassActivationMap.of(ClassifierHead.of(loaded.model()), result).forClass(top);
        write("cam_top1.npy", o -> Npy.write(o, cam.values(), cam.height(), cam.width()));
        Map<String, Object> e = entry("cam_top1.npy", "cam", new long[]{cam.height(), cam.width()});
        e.put("class", top);
        e.put("label", loaded.labels().name(top));
        return e;
    }

    private static Map<String, Object> entry(String file, String kind, long[] shape) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", file);
        e.put("kind", kind);
        e.put("dtype", "float32");
        e.put("shape", shape);
        return e;
    }

    private static Gson gson() { return new GsonBuilder().setPrettyPrinting().serializeNulls().create(); }

    private void write(String name, AtomicFiles.Writer writer) {
        try {
            AtomicFiles.write(staging.resolve(name), true, writer);
        } catch (IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.dump.nothingWritten", AtomicFiles.describe(out.resolve(name), e)));
        }
    }
}
