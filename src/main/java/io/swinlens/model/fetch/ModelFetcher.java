package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.DownloadException.Kind;
import io.swinlens.model.io.CacheDirs;
import io.swinlens.model.weights.Checkpoint;
import io.swinlens.model.weights.WeightsException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Puts a catalogue model into {@link CacheDirs#models()}, verified, unless it is there already. */
public final class ModelFetcher {

    /**
     * @param alreadyPresent true when nothing was downloaded because a verified copy was there
     * @param sha256Verified whether the checksum was compared with a known one (catalogue or --sha256)
     */
    public record Outcome(Path file, long size, String sha256, boolean sha256Verified, boolean alreadyPresent) { }

    private final Downloader downloader;

    public ModelFetcher(Downloader downloader) { this.downloader = downloader; }

    /** Where {@code entry} lives once downloaded. */
    public static Path fileOf(ModelCatalogue.Entry entry) { return CacheDirs.models().resolve(entry.file()); }

    /**
     * @param from   a mirror to download from instead of the catalogue's URL, or null
     * @param sha256 a checksum that overrides the catalogue's, or null
     * @param force  download again even when a verified copy is present
     */
    public Outcome fetch(ModelCatalogue.Entry entry, URI from, String sha256, boolean force, Downloader.Progress progress)
            throws DownloadException {
        Path target = fileOf(entry);
        String expected = sha256 != null ? sha256 : entry.sha256();
        try {
            if (force) {
                Files.deleteIfExists(Downloader.partOf(target));    // a fresh transfer, not a resumed one
            } else if (Files.isRegularFile(target)) {
                Outcome present = verifyPresent(target, entry.size(), expected);
                if (present != null) return present;
                Files.delete(target);                                // present but wrong: replace it
            }
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotUse", target, e.getMessage()), e);
        }
        Downloader.Request request = new Downloader.Request(from != null ? from : entry.url(), target,
                entry.size(), expected, ModelFetcher::requireCheckpoint);
        Downloader.Result r = downloader.download(request, progress);
        return new Outcome(r.file(), r.size(), r.sha256(), r.sha256Verified(), false);
    }

    /** The outcome for a present file that passes every known check, or null. */
    private static Outcome verifyPresent(Path file, Long size, String sha256) throws IOException {
        long actualSize = Files.size(file);
        if (size != null && actualSize != size) return null;
        String actual = Sha256.of(file);
        if (sha256 != null && !sha256.equals(actual)) return null;
        try {
            requireCheckpoint(file);
        } catch (DownloadException e) {
            return null;
        }
        return new Outcome(file, actualSize, actual, sha256 != null, true);
    }

    static void requireCheckpoint(Path file) throws DownloadException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            checkpoint.fileType();
        } catch (WeightsException e) {
            throw new DownloadException(Kind.NOT_A_CHECKPOINT, Messages.get("error.download.notCheckpoint", e.getMessage()), e);
        }
    }
}
