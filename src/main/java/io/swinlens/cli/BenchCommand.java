package io.swinlens.cli;

import com.google.gson.GsonBuilder;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.swin.NativeThreads;
import io.swinlens.model.swin.SwinModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/** Times plain forward passes of a preset on random weights. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Time the forward pass of a Swin preset on random weights.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--variant", defaultValue = "swin_tiny", description = "swin_tiny, swin_small, swin_base, swin_large; swin_v2_tiny, swin_v2_small, swin_v2_base (default: ${DEFAULT-VALUE})")
    String variant;

    @Option(names = "--image-size", defaultValue = "224", description = "V1: 224 (window 7) or 384 (window 12); V2: 256 (window 8) (default: ${DEFAULT-VALUE})")
    int imageSize;

    @Option(names = "--runs", defaultValue = "20", description = "timed passes (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed passes first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--render", description = "also time what the app does: file to first heatmap, and redrawing every head of a block when the query moves")
    boolean render;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if (runs < 1 || warmup < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1 and --warmup >= 0");
        SwinConfig config;
        try {
            config = SwinConfig.variant(variant, imageSize, SwinConfig.IMAGENET_1K);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SwinModel model = SwinModel.random(config, 0);
        float[] input = new float[3 * imageSize * imageSize];
        Random random = new Random(1);
        for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
        for (int i = 0; i < warmup; i++) model.logits(input, imageSize, imageSize);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            model.logits(input, imageSize, imageSize);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = RenderBench.median(ms);
        int threads = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> renderTimes;
        try {
            renderTimes = render ? RenderBench.run(config, model, runs, warmup) : Map.of();
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, "cannot write a temporary image: " + e.getMessage());
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
            result.putAll(renderTimes);
            out.println(new GsonBuilder().create().toJson(result));
        } else {
            out.printf("%s @ %d px, %d threads (%s)%n", config.name(), imageSize, threads, NativeThreads.outcome());
            out.printf("forward pass over %d runs (%d warm-up): median %.1f ms, min %.1f ms, max %.1f ms%n",
                    runs, warmup, median, sorted[0], sorted[runs - 1]);
            renderTimes.forEach((k, v) -> out.printf("%s: %s%n", k, v));
        }
        return ExitCodes.OK;
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
