package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.DownloadException.Kind;
import io.swinlens.model.io.CacheDirs;
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
                Outcome present = verifyPresent(entry, target, expected);
                if (present != null) return present;
                // present but not what is asked for: downloaded again, and replaced only once the new copy is complete
                // and checked (the move into place replaces it), so a failed download leaves it as it was
            }
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotUse", target, e.getMessage()), e);
        }
        Downloader.Request request = new Downloader.Request(from != null ? from : entry.url(), target,
                entry.size(), expected, file -> requireModel(entry, file));
        Downloader.Result r = downloader.download(request, progress);
        return new Outcome(r.file(), r.size(), r.sha256(), r.sha256Verified(), false);
    }

    /** The outcome for a present file that passes every known check, or null. */
    private static Outcome verifyPresent(ModelCatalogue.Entry entry, Path file, String sha256) throws IOException {
        long actualSize = Files.size(file);
        if (entry.size() != null && actualSize != entry.size()) return null;
        String actual = Sha256.of(file);
        if (sha256 != null && !sha256.equals(actual)) return null;
        try {
            requireModel(entry, file);
        } catch (DownloadException e) {
            return null;
        }
        return new Outcome(file, actualSize, actual, sha256 != null, true);
    }

    /**
     * The download is a Swin checkpoint, and, where the catalogue names the architecture, that one: a mirror (or a
     * moved URL) serving another model must not be stored under this entry's name, where {@code --weights NAME} would
     * then find it.
     */
    static void requireModel(ModelCatalogue.Entry entry, Path file) throws DownloadException {
        io.swinlens.model.config.SwinConfig found = requireCheckpoint(file);
        ModelCatalogue.Architecture wanted = entry.architecture();
        if (wanted != null && !wanted.matches(found)) {
            throw new DownloadException(Kind.NOT_A_CHECKPOINT, Messages.get("error.download.wrongModel", entry.name(),
                    describe(wanted.config()), describe(found)));
        }
    }

    /** The download is a Swin checkpoint, of whatever architecture: the config it holds. */
    static io.swinlens.model.config.SwinConfig requireCheckpoint(Path file) throws DownloadException {
        try {
            return io.swinlens.model.load.ModelLoader.configOf(file);
        } catch (WeightsException e) {
            throw new DownloadException(Kind.NOT_A_CHECKPOINT, Messages.get("error.download.notCheckpoint", e.getMessage()), e);
        }
    }

    /** "Swin V1, embed 96, depths 2-2-6-2, heads 3-6-12-24, window 7, 1000 classes". */
    static String describe(io.swinlens.model.config.SwinConfig c) {
        return Messages.get("error.download.architecture", c.version().label(), c.embedDim(), dashed(c.depths()), dashed(c.numHeads()),
                c.windowSize(), c.numClasses());
    }

    private static String dashed(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining("-"));
    }
}
