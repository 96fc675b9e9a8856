package io.swinlens.cli;

import com.google.gson.GsonBuilder;
import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.swin.GemmRate;
import io.swinlens.model.swin.NativeThreads;
import io.swinlens.model.swin.OpProfile;
import io.swinlens.model.swin.SwinModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/** Times plain forward passes of a preset on random weights. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Time the forward pass of a Swin preset on random weights.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--variant", defaultValue = "swin_tiny", description = "swin_tiny, swin_small, swin_base, swin_large; swin_v2_tiny, swin_v2_small, swin_v2_base (default: ${DEFAULT-VALUE})")
    String variant;

    @Option(names = "--image-size", paramLabel = "<imageSize>", description = "V1: 224 (window 7) or 384 (window 12); V2: 256 (window 8) (default: 224 for V1, 256 for V2)")
    Integer imageSizeOption;

    /** The size the pass runs at: --image-size, else the variant's own (224 for V1, 256 for V2). */
    int imageSize;

    @Option(names = "--runs", defaultValue = "20", description = "timed passes (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed passes first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--profile", description = "also time every kind of operation over the timed passes (share of the time, GFLOP/s)")
    boolean profile;

    @Option(names = "--gemm-size", defaultValue = "2048", description = "n of the n x n x n SGEMM that measures the machine's matrix rate, 0 to skip (default: ${DEFAULT-VALUE})")
    int gemmSize;

    @Option(names = "--first-heatmap", description = "time this fresh process's first image to heatmap, after the warm-up the app runs when a model loads, against the warm median (run it alone: a process is cold once)")
    boolean firstHeatmap;

    @Option(names = "--no-warm-up", description = "with --first-heatmap: skip the app's warm-up, to see what it saves")
    boolean noWarmUp;

    @Option(names = "--render", description = "also time what the app does: file to first heatmap, and redrawing every head of a block when the query moves")
    boolean render;

    @Option(names = "--weights", paramLabel = "FILE", description = "with --first-heatmap: the checkpoint to open, as the app's --weights does, instead of random weights; also times this process from its start to the model loaded")
    String weights;

    @Option(names = "--products", description = "time each linear layer's product of the variant with OpenBLAS and with oneDNN, side by side, instead of the forward pass")
    boolean products;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if (runs < 1 || warmup < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.bench.runs"));
        if (gemmSize < 0 || gemmSize > 8192) throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.bench.gemmSize"));
        SwinConfig config;
        try {
            imageSize = imageSizeOption != null ? imageSizeOption : SwinConfig.defaultImageSize(variant);
            config = SwinConfig.variant(variant, imageSize, SwinConfig.IMAGENET_1K);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (products) return printProducts(config);
        if (weights != null && !firstHeatmap) throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.bench.weightsNeedsFirstHeatmap"));
        if (firstHeatmap && weights != null) return firstHeatmapOf(weights);
        SwinModel model = SwinModel.random(config, 0);
        if (firstHeatmap) {
            try {
                Map<String, Object> first = RenderBench.firstHeatmap(config, model, runs, !noWarmUp);
                if (json) spec.commandLine().getOut().println(new GsonBuilder().create().toJson(first));
                else first.forEach((k, v) -> spec.commandLine().getOut().printf("%s: %s%n", k, v));
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.bench.tempImage", e.getMessage()));
            }
            return ExitCodes.OK;
        }
        float[] input = new float[3 * imageSize * imageSize];
        Random random = new Random(1);
        for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
        for (int i = 0; i < warmup; i++) model.logits(input, imageSize, imageSize);
        double flop = countFlop(model, input);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            model.logits(input, imageSize, imageSize);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Map<OpProfile.Op, OpProfile.Entry> ops = profile ? profileOps(model, input) : Map.of();
        double gemmGflops = gemmSize > 0 ? GemmRate.measure(gemmSize) : 0;
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = RenderBench.median(ms);
        int threads = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> renderTimes;
        try {
            renderTimes = render ? RenderBench.run(config, model, runs, warmup) : Map.of();
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.bench.tempImage", e.getMessage()));
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("variant", variant);
            result.put("image_size", imageSize);
            result.put("threads", threads);
            result.put("runs", runs);
            result.put("median_ms", round(median));
            result.put("min_ms", round(sorted[0]));
            result.put("max_ms", round(sorted[runs - 1]));
            result.put("gflop", round(flop / 1e9));
            if (gemmSize > 0) {
                result.put("sgemm_n", gemmSize);
                result.put("sgemm_gflops", round(gemmGflops));
                result.put("floor_ms", round(flop / gemmGflops / 1e6));
                result.put("median_over_floor", round(median / (flop / gemmGflops / 1e6)));
            }
            int[] shapes = GemmRate.oneDnnShapes();
            result.put("gemm_library", GemmRate.library());
            result.put("gemm_shapes_onednn", shapes[0]);
            result.put("gemm_shapes", shapes[1]);
            int[] fused = GemmRate.fusedShapes();
            result.put("fused_blocks", GemmRate.fusedBlocks());
            result.put("fused_linear_shapes", fused[0]);
            result.put("linear_shapes", fused[1]);
            if (profile) {
                Map<String, Object> table = new LinkedHashMap<>();
                ops.forEach((op, e) -> table.put(op.name().toLowerCase(java.util.Locale.ROOT),
                        Map.of("ms", round(e.nanos() / 1e6 / runs), "gflops", round(e.gflops()))));
                result.put("ops", table);
            }
            result.putAll(renderTimes);
            out.println(new GsonBuilder().create().toJson(result));
        } else {
            out.println(Messages.get("cli.bench.setup", config.name(), imageSize, threads, NativeThreads.outcome()));
            out.println(Messages.get("cli.bench.forward", runs, warmup, median, sorted[0], sorted[runs - 1]));
            out.print(Messages.get("cli.bench.flop", flop / 1e9));
            if (gemmSize > 0) {
                double floor = flop / gemmGflops / 1e6;
                out.print(Messages.get("cli.bench.floor", threads, gemmSize, gemmGflops, floor, median / floor));
            }
            out.println();
            int[] shapes = GemmRate.oneDnnShapes();
            if (shapes[1] > 0) out.println(Messages.get("cli.bench.gemm", shapes[0], shapes[1]));
            int[] fused = GemmRate.fusedShapes();
            out.println(GemmRate.fusedBlocks() ? Messages.get("cli.bench.fused", fused[0], fused[1]) : Messages.get("cli.bench.stepByStep"));
            if (profile) printProfile(out, ops);
            renderTimes.forEach((k, v) -> out.printf("%s: %s%n", k, v));
        }
        return ExitCodes.OK;
    }

    /** The arithmetic of one pass, from a profiled pass (multiply-adds as 2 FLOP). */
    private double countFlop(SwinModel model, float[] input) {
        OpProfile p = OpProfile.start();
        try {
            model.logits(input, imageSize, imageSize);
        } finally {
            OpProfile.stop();
        }
        return p.entries().values().stream().mapToDouble(OpProfile.Entry::flops).sum();
    }

    /** The timed passes again with every operation timed (the clock reads cost a little; the plain median stands). */
    private Map<OpProfile.Op, OpProfile.Entry> profileOps(SwinModel model, float[] input) {
        OpProfile p = OpProfile.start();
        try {
            for (int i = 0; i < runs; i++) model.logits(input, imageSize, imageSize);
        } finally {
            OpProfile.stop();
        }
        return p.entries();
    }

    /**
     * The app's cold path with a real checkpoint (--first-heatmap --weights FILE): this process's start (the
     * JVM's) to the model loaded, the warm-up, then the first image's heatmap against the warm median.
     */
    private int firstHeatmapOf(String file) {
        ModelOptions options = new ModelOptions();
        options.weights = file;
        io.swinlens.model.load.LoadedModel loaded = options.load();
        double startToModel = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", loaded.displayName());
            out.put("start_to_model_ms", startToModel);
            out.putAll(RenderBench.firstHeatmap(loaded, runs, !noWarmUp));
            if (json) spec.commandLine().getOut().println(new GsonBuilder().create().toJson(out));
            else out.forEach((k, v) -> spec.commandLine().getOut().printf("%s: %s%n", k, v));
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.bench.tempImage", e.getMessage()));
        }
        return ExitCodes.OK;
    }

    /** Each distinct linear product of the pass, in both libraries, mean of the runs (--products). */
    private int printProducts(SwinConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!json) {
            out.println(Messages.get("cli.bench.products.title", config.name(), imageSize, runs));
            out.printf("%s %16s %16s%n", Columns.left(Messages.get("cli.bench.products.shape"), 40), "OpenBLAS ms (GF/s)", "oneDNN ms (GF/s)"); // not user text: library names and units
        }
        for (GemmRate.Shape shape : GemmRate.linearShapes(config, imageSize)) {
            double[] t = GemmRate.time(shape, runs);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("product", shape.name());
            row.put("m", shape.m());
            row.put("k", shape.k());
            row.put("n", shape.n());
            row.put("openblas_ms", round(t[0]));
            row.put("onednn_ms", Double.isNaN(t[1]) ? null : round(t[1]));
            rows.add(row);
            if (!json) {
                String label = "%s (%d x %d x %d)".formatted(shape.name(), shape.m(), shape.k(), shape.n());
                out.printf("%s %8.3f (%5.0f) %8s%n", Columns.left(label, 40), t[0], shape.gflop() / t[0] * 1e3,
                        Double.isNaN(t[1]) ? "-" : String.format(java.util.Locale.ROOT, "%.3f (%.0f)", t[1], shape.gflop() / t[1] * 1e3));
            }
        }
        if (json) out.println(new GsonBuilder().serializeNulls().create().toJson(Map.of("variant", variant, "image_size", imageSize, "products", rows)));
        return ExitCodes.OK;
    }

    private void printProfile(PrintWriter out, Map<OpProfile.Op, OpProfile.Entry> ops) {
        double total = ops.values().stream().mapToDouble(OpProfile.Entry::nanos).sum();
        out.printf("%s %9s %s %9s%n", Columns.left(Messages.get("cli.bench.profile.operation"), 46), "ms",
                Columns.right(Messages.get("cli.bench.profile.share"), 7), "GFLOP/s");
        ops.forEach((op, e) -> out.printf("%s %9.2f %6.1f%% %9s%n", Columns.left(op.text(), 46), e.nanos() / 1e6 / runs, 100 * e.nanos() / total,
                e.flops() > 0 ? String.format("%.1f", e.gflops()) : "-"));
        out.printf("%s %9.2f %6.1f%%%n", Columns.left(Messages.get("cli.bench.profile.all"), 46), total / 1e6 / runs, 100.0);
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
