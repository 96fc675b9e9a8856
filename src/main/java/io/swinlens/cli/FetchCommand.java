package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.DownloadException;
import io.swinlens.model.fetch.Downloader;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.fetch.ModelFetcher;
import io.swinlens.model.fetch.Sha256;
import io.swinlens.model.io.CacheDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.Callable;

/** Downloads official weights named in the catalogue into the per-user cache; --list shows them. */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download official Swin weights, checked, for --weights NAME.")
final class FetchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "a catalogue name (see --list)")
    String model;

    @Option(names = "--list", description = "list the catalogue: sizes and what is downloaded")
    boolean list;

    @Option(names = "--from", paramLabel = "URL", description = "download from this mirror URL instead (used as is)")
    String from;

    @Option(names = "--sha256", paramLabel = "HEX", description = "expected SHA-256; overrides the catalogue's")
    String sha256;

    @Option(names = "--force", description = "download again even if a verified copy is present")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        ModelCatalogue catalogue = ModelCatalogue.bundled();
        if (list) return list(catalogue);
        if (model == null) throw new CliException(ExitCodes.USAGE, Messages.get("cli.fetch.noName", names(catalogue)));
        ModelCatalogue.Entry entry = catalogue.find(model).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                Messages.get("cli.fetch.unknown", model, names(catalogue))));
        PrintWriter err = spec.commandLine().getErr();
        ModelFetcher.Outcome outcome;
        try {
            outcome = new ModelFetcher(new Downloader()).fetch(entry, mirror(), checksum(), force, new ProgressPrinter(err, entry.name()));
        } catch (DownloadException e) {
            throw new CliException(exitCodeOf(e.kind()), e.getMessage());
        }
        if (outcome.alreadyPresent()) {
            err.println(Messages.get(outcome.sha256Verified() ? "cli.fetch.present" : "cli.fetch.presentUnchecked", entry.name()));
        } else {
            err.println(Messages.get(outcome.sha256Verified() ? "cli.fetch.done" : "cli.fetch.doneUnchecked", entry.name(), outcome.size(), outcome.sha256()));
        }
        spec.commandLine().getOut().println(outcome.file());
        return ExitCodes.OK;
    }

    private Integer list(ModelCatalogue catalogue) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Messages.get("cli.fetch.cacheFolder", CacheDirs.models()));
        for (ModelCatalogue.Entry e : catalogue.entries()) {
            boolean present = Files.isRegularFile(ModelFetcher.fileOf(e));
            String size = e.size() == null ? Messages.get("cli.fetch.sizeUnknown") : String.format(java.util.Locale.ROOT, "%.0f MB", e.size() / 1e6);
            String state = Messages.get(present ? "cli.fetch.downloaded" : "cli.fetch.notDownloaded");
            out.printf("%s %s %s %s%n", Columns.left(e.name(), 14), Columns.left(size, 13), Columns.left(state, 15), e.description());
        }
        return ExitCodes.OK;
    }

    private URI mirror() {
        if (from == null) return null;
        try {
            URI uri = URI.create(from);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(Messages.get("cli.fetch.from.notHttp"));
            }
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String port = authority.contains(":") ? authority.substring(authority.lastIndexOf(':') + 1) : "";
            if (!port.isEmpty() && (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
                throw new IllegalArgumentException(Messages.get("cli.fetch.from.port", port));
            }
            if (uri.getHost() == null) throw new IllegalArgumentException(Messages.get("cli.fetch.from.noHost"));
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.fetch.from.bad", from, e.getMessage()));
        }
    }

    private String checksum() {
        try {
            return sha256 == null ? null : Sha256.normalise(sha256);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private static String names(ModelCatalogue catalogue) { return String.join(", ", catalogue.names()); }

    static int exitCodeOf(DownloadException.Kind kind) {
        return switch (kind) {
            case NETWORK, HTTP_STATUS, CANCELLED -> ExitCodes.NETWORK_ERROR;
            case SIZE_MISMATCH, CHECKSUM_MISMATCH, NOT_A_CHECKPOINT -> ExitCodes.UNUSABLE_WEIGHTS;
            case LOCAL_IO -> ExitCodes.OUTPUT_ERROR;
        };
    }
}
