package io.swinlens.cli;

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
@Command(name = "fetch", mixinStandardHelpOptions = true, description = {"Download official Swin weights into the cache folder, verified;",
        "then use them with --weights NAME."})
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
        if (model == null) throw new CliException(ExitCodes.USAGE, "name a model to fetch (" + names(catalogue) + "), or pass --list");
        ModelCatalogue.Entry entry = catalogue.find(model).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "unknown model '" + model + "'; the catalogue has: " + names(catalogue)));
        PrintWriter err = spec.commandLine().getErr();
        ModelFetcher.Outcome outcome;
        try {
            outcome = new ModelFetcher(new Downloader()).fetch(entry, mirror(), checksum(), force, new ProgressPrinter(err, entry.name()));
        } catch (DownloadException e) {
            throw new CliException(exitCodeOf(e.kind()), e.getMessage());
        }
        if (outcome.alreadyPresent()) {
            err.println(entry.name() + " is already downloaded and verified" + (outcome.sha256Verified() ? "" : " (it opens as a checkpoint;"
                    + " no known checksum to compare)") + "; pass --force to download it again");
        } else {
            err.println(entry.name() + ": " + outcome.size() + " bytes, sha256 " + outcome.sha256()
                    + (outcome.sha256Verified() ? " (verified)" : " (not verified: no known checksum; pass --sha256 to check one)"));
        }
        spec.commandLine().getOut().println(outcome.file());
        return ExitCodes.OK;
    }

    private Integer list(ModelCatalogue catalogue) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("cache folder: " + CacheDirs.models());
        for (ModelCatalogue.Entry e : catalogue.entries()) {
            boolean present = Files.isRegularFile(ModelFetcher.fileOf(e));
            String size = e.size() == null ? "size unknown" : String.format("%.0f MB", e.size() / 1e6);
            out.printf("%-14s %-13s %-15s %s%n", e.name(), size, present ? "downloaded" : "not downloaded", e.description());
        }
        return ExitCodes.OK;
    }

    private URI mirror() {
        if (from == null) return null;
        try {
            URI uri = URI.create(from);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String port = authority.contains(":") ? authority.substring(authority.lastIndexOf(':') + 1) : "";
            if (!port.isEmpty() && (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
                throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
            }
            if (uri.getHost() == null) throw new IllegalArgumentException("the URL names no host");
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--from " + from + ": " + e.getMessage());
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
