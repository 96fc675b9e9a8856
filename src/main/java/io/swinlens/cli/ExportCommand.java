package io.swinlens.cli;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.PngExport;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.HeadFusion;
import io.swinlens.analysis.ExportNames;
import io.swinlens.analysis.ExportStyle;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.image.CropBox;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Renders one view per input, as the app shows it, to PNG (and optionally the block's attention to .npy). */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Render attention heatmaps of images to PNG files, the same pixels the app shows.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "image files, .npy tensors (1, 3, H, W), or folders of them (not recursive)")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Mixin
    ModelOptions model;

    @Option(names = "--stage", defaultValue = "0", paramLabel = "S", description = "stage, from 0 (default: ${DEFAULT-VALUE})")
    int stage;

    @Option(names = "--block", paramLabel = "B", description = "block in the stage, from 0 (default: 1, an SW-MSA block, where the stage has it)")
    Integer block;

    @Option(names = "--head", defaultValue = "mean", paramLabel = "H", description = "a head index, mean or all (default: ${DEFAULT-VALUE})")
    String head;

    @Option(names = "--query", paramLabel = "X,Y", description = {"query point: pixels of the input image (120,80), or percentages of what the",
            "model sees (50%%,40%%), which suit a batch of images of different sizes (default: the centre)"})
    String query;

    @Option(names = "--query-token", paramLabel = "ROW,COL", description = "query token on the selected stage's token grid (row, column from the top left)")
    String queryToken;

    @Option(names = "--mode", defaultValue = "query", paramLabel = "MODE", description = "query or received (heatmaps); rollout, cam, stats, bias, block, embed or merge (teaching views) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--fusion", defaultValue = "mean", paramLabel = "F", description = "--mode rollout: how heads are fused, mean, max or min (default: ${DEFAULT-VALUE})")
    String fusion;

    @Option(names = "--class", paramLabel = "C", description = "--mode cam: class index (default: the top-1 class)")
    Integer classIndex;

    @Option(names = "--colormap", defaultValue = "viridis", paramLabel = "NAME", description = "viridis, magma, inferno, turbo or grayscale (default: ${DEFAULT-VALUE})")
    String colormap;

    @Option(names = "--overlay", defaultValue = "windows", paramLabel = "KIND", description = "windows, shifted or none (default: ${DEFAULT-VALUE})")
    String overlay;

    @Option(names = "--normalise", defaultValue = "head", paramLabel = "N", description = "window, head or global (default: ${DEFAULT-VALUE})")
    String normalise;

    @Option(names = "--opacity", defaultValue = "0.6", paramLabel = "A", description = "heatmap opacity 0..1 (default: ${DEFAULT-VALUE})")
    double opacity;

    @Option(names = "--width", paramLabel = "PX", description = "width of the heatmap picture in pixels, 64..8192, instead of --scale (the colorbar and caption come beside and below it)")
    Integer width;

    @Option(names = "--signed", defaultValue = "red-blue", paramLabel = "MAP", description = "map of signed values (--mode bias): red-blue or purple-green (default: ${DEFAULT-VALUE})")
    String signed;

    @Option(names = "--no-caption", negatable = false, description = "leave out the caption lines below the picture")
    boolean noCaption;

    @Option(names = "--no-colorbar", negatable = false, description = "leave out the colorbar")
    boolean noColorbar;

    @Option(names = "--scale", defaultValue = "3", paramLabel = "K", description = "output pixels per model-input pixel, 1..16 (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--npy", description = "also write the block's attention as <stem>_s<S>b<B>_attention.npy, float32 (windows, heads, N, N)")
    boolean npy;

    @Option(names = "--overwrite", description = "replace files that already exist in DIR")
    boolean overwrite;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        OutputFolders.require(out);
        style();                                   // a bad --width or --signed is a usage error before any work
        signedMap();
        fusion();
        if (query != null && queryToken != null) throw usage(Messages.get("cli.export.queryAndToken"));
        ExportMode exportMode = ExportMode.parse(mode);
        LoadedModel loaded = model.load();
        if (exportMode.teaching() == TeachingExport.CAM) ModelOptions.requireClassifier(loaded, Messages.get("cli.classifier.noCam"));
        if (exportMode.teaching() == TeachingExport.MERGE && stage >= loaded.config().numStages() - 1) {
            throw usage(Messages.get("cli.usage.mergeStage", stage, loaded.config().numStages() - 2));
        }
        ViewSettings settings = settings(loaded.config(), exportMode.heatmap());
        List<Path> files = ExportInputs.distinctOutputs(ExportInputs.expand(inputs, out));
        files.forEach(f -> inputFiles.add(ExportInputs.realPath(f)));
        if (files.isEmpty()) throw new CliException(ExitCodes.UNREADABLE_INPUT, Messages.get("cli.export.noInputs",
                inputs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))));
        PrintWriter err = spec.commandLine().getErr();
        ExportProgress progress = new ExportProgress(err, files.size(), files.size() > 1 && System.console() != null);
        ExportOutcome outcome = new ExportOutcome();
        // three stages side by side: the next input is read ahead while the model runs on this one, and the one before
        // is rendered and written; every message is printed here, in input order
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "swinlens-export-writer");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<Path> writing = null;
        Path writingFile = null;
        try (Lookahead<Prepared> reader = new Lookahead<>(files, 2, file -> prepare(file, loaded, settings, exportMode.teaching()))) {
            for (Path file : files) {
                java.util.concurrent.Future<Path> next = null;
                Throwable failure = null;
                try {
                    Prepared prepared = reader.next();
                    AnalysedImage analysed = AnalysedImage.analyse(loaded, file, prepared.input());
                    next = writer.submit(() -> write(prepared, analysed, loaded, exportMode.teaching()));
                } catch (RuntimeException | OutOfMemoryError e) {
                    failure = e;
                }
                if (writing != null) report(writingFile, writing, progress, outcome);
                writing = next;
                writingFile = file;
                if (failure != null) report(file, java.util.concurrent.CompletableFuture.failedFuture(failure), progress, outcome);
            }
            if (writing != null) report(writingFile, writing, progress, outcome);
        } finally {
            writer.shutdownNow();
        }
        progress.finish();
        spec.commandLine().getOut().println(Messages.get("cli.export.summary", outcome.succeeded(), files.size(),
                io.swinlens.model.io.Printable.sanitize(out.toString())));
        return outcome.exitCode();
    }

    /** One input's outcome, reported in input order: what it wrote, or its one-line error. */
    private void report(Path file, java.util.concurrent.Future<Path> result, ExportProgress progress, ExportOutcome outcome) {
        try {
            Path written = Lookahead.await(result);
            progress.done(file, Messages.get("cli.export.wrote", written));
            outcome.ok();
        } catch (CliException e) {
            progress.failed(file, Messages.get("cli.error.line", "swinlens export", e.getMessage()));
            outcome.failed(e.exitCode());
        } catch (IllegalArgumentException e) {
            progress.failed(file, Messages.get("cli.error.line", "swinlens export", Messages.get("cli.file.message", file, e.getMessage())));
            outcome.failed(ExitCodes.USAGE);
        } catch (OutOfMemoryError e) {     // this input is too big; the next ones may not be
            progress.failed(file, Messages.get("cli.error.line", "swinlens export", Messages.get("cli.file.message", file, ModelOptions.outOfMemory())));
            outcome.failed(ExitCodes.UNREADABLE_INPUT);
        }
    }

    /** An input read and preprocessed (on the read-ahead thread), with the settings for it. */
    private record Prepared(Path file, ModelInput input, ViewSettings settings) { }

    /** @param teaching the teaching view to write, or null for the heatmap view */
    private Prepared prepare(Path file, LoadedModel loaded, ViewSettings settings, TeachingExport teaching) {
        if (!Files.isRegularFile(file)) throw new CliException(ExitCodes.UNREADABLE_INPUT, Messages.get("cli.export.noSuchFile", file));
        if (teaching == null) {
            refuseExisting(heatmapPng(file, settings));
            if (npy) refuseExisting(attentionNpy(file, settings));
        }
        ModelInput input = model.input(file, loaded);
        ViewSettings forFile = queryToken != null ? withQueryToken(settings, loaded, input)
                : query == null ? settings : withQuery(settings, file, input);
        return new Prepared(file, input, forFile);
    }

    private Path heatmapPng(Path file, ViewSettings settings) {
        return out.resolve("%s_s%db%d_%s_%s.png".formatted(ExportNames.stem(file), settings.stage(), settings.block(), settings.head().id(), settings.mode().id()));
    }

    private Path attentionNpy(Path file, ViewSettings settings) {
        return out.resolve("%s_s%db%d_attention.npy".formatted(ExportNames.stem(file), settings.stage(), settings.block()));
    }

    /** Renders and writes one analysed input (on the writer thread). */
    private Path write(Prepared prepared, AnalysedImage analysed, LoadedModel loaded, TeachingExport teaching) {
        if (teaching != null) return exportTeaching(teaching, prepared.file(), loaded, prepared.settings(), analysed);
        ViewSettings forFile = prepared.settings();
        ViewSettings settings = forFile;
        Path png = heatmapPng(prepared.file(), forFile);
        Path attention = attentionNpy(prepared.file(), forFile);
        write(png, () -> PngExport.write(ViewRenderer.compose(analysed, forFile, style()), png, overwrite));
        if (npy) {
            BlockAttention a = analysed.inference().attention(settings.stage(), settings.block());
            try {
                write(attention, () -> AtomicFiles.write(attention, overwrite, o -> Npy.write(o, a.probs(), a.shape())));
            } catch (CliException e) {             // one input's files go together: no PNG without its attention
                deleteQuietly(png);
                throw new CliException(e.exitCode(), Messages.get("cli.export.removedAgain", e.getMessage(), png.getFileName()));
            }
        }
        return png;
    }

    private Path exportTeaching(TeachingExport teaching, Path file, LoadedModel loaded, ViewSettings s, AnalysedImage analysed) {
        HeadFusion f = fusion();
        Path png = out.resolve(ExportNames.stem(file) + "_" + teaching.suffix(analysed, s.stage(), s.block(), f, classIndex) + ".png");
        refuseExisting(png);
        var image = teaching.render(loaded, analysed, s.stage(), s.block(), s.queryX(), s.queryY(), f, classIndex, s.colormap(), signedMap());
        write(png, () -> PngExport.write(image, png, overwrite));
        return png;
    }

    private HeadFusion fusion() {
        try {
            return HeadFusion.valueOf(fusion.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage(Messages.get("cli.export.unknownFusion", fusion));
        }
    }

    private ViewSettings settings(SwinConfig config, HeatmapMode heatmapMode) {
        int stages = config.numStages();
        if (stage < 0 || stage >= stages) throw usage(Messages.get("cli.usage.stageMissing", stage, stages - 1));
        int depth = config.depth(stage);
        int b = block == null ? Math.min(1, depth - 1) : block;
        if (b < 0 || b >= depth) throw usage(Messages.get("cli.export.blockMissing", b, stage, depth - 1));
        try {
            HeadChoice h = HeadChoice.parse(head);
            int heads = config.heads(stage);
            if (h.kind() == HeadChoice.Kind.ONE && h.index() >= heads) {
                throw usage(Messages.get("cli.export.headMissing", h.index(), stage, heads - 1));
            }
            boolean windows = switch (overlay.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "windows" -> true;
                case "shifted", "none" -> false;
                default -> throw usage(Messages.get("cli.export.unknownOverlay", overlay));
            };
            return ViewSettings.defaults().withStage(stage).withBlock(b).withHead(h).withMode(heatmapMode)
                    .withColormap(Colormap.parse(colormap)).withNormalisation(Normalisation.parse(normalise))
                    .withShowWindows(windows).withShowShifted(overlay.trim().equalsIgnoreCase("shifted"))
                    .withOpacity(opacity).withScale(scale);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** --query in the original image's pixels, or in percent of what the model sees ({@link QueryPoint}). */
    private ViewSettings withQuery(ViewSettings settings, Path file, ModelInput input) {
        int[] m = QueryPoint.modelPixel(query, file, input);
        return settings.withQuery(m[0], m[1]);
    }

    private io.swinlens.analysis.teaching.Diverging signedMap() {
        try {
            return io.swinlens.analysis.teaching.Diverging.parse(signed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** --width, --no-caption and --no-colorbar as one style. */
    private ExportStyle style() {
        if (width != null && spec.commandLine().getParseResult().hasMatchedOption("--scale")) throw usage(Messages.get("cli.export.scaleAndWidth"));
        try {
            return new ExportStyle(!noCaption, !noColorbar, width == null ? 0 : width);
        } catch (IllegalArgumentException e) {
            throw usage(Messages.get("cli.export.widthRange", ExportStyle.MIN_WIDTH, ExportStyle.MAX_WIDTH));
        }
    }


    /** --query-token ROW,COL on the selected stage: the query pixel is that token's centre. */
    private ViewSettings withQueryToken(ViewSettings settings, LoadedModel loaded, ModelInput input) {
        String[] parts = queryToken.split(",");
        int row;
        int col;
        try {
            if (parts.length != 2) throw new NumberFormatException();
            row = Integer.parseInt(parts[0].trim());
            col = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw usage(Messages.get("cli.export.queryTokenMalformed", queryToken));
        }
        int tokenPixels = loaded.config().patchSize() << settings.stage();
        int rows = input.height() / tokenPixels;
        int cols = input.width() / tokenPixels;
        if (row < 0 || col < 0 || row >= rows || col >= cols) {
            throw usage(Messages.get("cli.export.queryTokenOutside", row, col, settings.stage(), rows, cols, rows - 1, cols - 1));
        }
        return settings.withQuery(col * tokenPixels + tokenPixels / 2, row * tokenPixels + tokenPixels / 2);
    }

    /** The inputs of this run, as real paths: no output may replace one, --overwrite or not. */
    private final java.util.Set<Path> inputFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void refuseExisting(Path target) {
        if (Files.exists(target) && inputFiles.contains(ExportInputs.realPath(target))) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.export.wouldReplaceInput", target));
        }
        if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {      // a dangling link counts too
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.out.exists", target));
        }
    }

    private interface Output {
        void write() throws IOException;
    }

    private static void write(Path target, Output output) {
        try {
            output.write();
        } catch (IOException e) {
            throw new CliException(ExitCodes.OUTPUT_ERROR, AtomicFiles.describe(target, e));
        } catch (RuntimeException e) {            // ImageIO reports some failed writes as unchecked exceptions
            throw new CliException(ExitCodes.OUTPUT_ERROR, Messages.get("cli.export.cannotWrite", target, CliException.messageOf(e)));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the message already says what failed
        }
    }

    private static CliException usage(String message) { return new CliException(ExitCodes.USAGE, message); }

    /** {@code --mode}, parsed once: a heatmap mode, or a teaching view (whose heatmap mode is unused). */
    record ExportMode(HeatmapMode heatmap, TeachingExport teaching) {
        static ExportMode parse(String mode) {
            TeachingExport teaching = TeachingExport.parse(mode);
            if (teaching != null) return new ExportMode(HeatmapMode.QUERY, teaching);
            try {
                return new ExportMode(HeatmapMode.parse(mode), null);
            } catch (IllegalArgumentException e) {
                throw usage(Messages.get("cli.export.unknownMode", mode));
            }
        }
    }
}
