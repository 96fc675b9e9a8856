package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.DownloadException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Downloads one file into {@code <target>.part}, resuming a broken transfer with an HTTP Range request,
 * verifies size, checksum and content, and only then renames the part to the target. A failed,
 * cancelled or interrupted download therefore never leaves a file under the target name; a broken
 * transfer keeps its part for the next run, a wrong one (size, checksum, content) deletes it.
 *
 * <p>HttpURLConnection rather than HttpClient because it has a per-read timeout: a stalled transfer
 * fails after {@link #READ_TIMEOUT} instead of hanging. Redirects (GitHub's to its object store) are
 * followed; proxies come from the usual {@code https.proxyHost} properties.
 */
public final class Downloader {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** The most a download of unknown size may take: Swin-L 22k checkpoints are under 1 GB; settable. */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;
    /** System property that overrides {@link #DEFAULT_MAX_BYTES} (bytes). */
    public static final String MAX_BYTES_PROPERTY = "swinlens.download.maxBytes";

    /**
     * A transfer slower than {@code bytesPerSecond}, averaged over {@code window}, is dropped (a server
     * trickling a few bytes a second never trips the read timeout).
     */
    public record MinimumRate(long bytesPerSecond, Duration window) {
        public static final MinimumRate DEFAULT = new MinimumRate(4 << 10, Duration.ofSeconds(60));
    }

    /** Called from the downloading thread with the bytes so far and the total, or -1 when unknown. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesSoFar, long total);
    }

    /** Checks the complete file before it gets its final name; throws to reject it. */
    @FunctionalInterface
    public interface ContentCheck {
        void check(Path complete) throws DownloadException;
    }

    /**
     * @param expectedSize bytes, or null when unknown
     * @param sha256       lower-case hex, or null when unknown
     * @param check        null for none
     */
    public record Request(URI url, Path target, Long expectedSize, String sha256, ContentCheck check) { }

    /** @param sha256Verified whether the checksum was compared with an expected one */
    public record Result(Path file, long size, String sha256, boolean sha256Verified) { }

    private final int connectMillis;
    private final int readMillis;
    private final long maxBytes;
    private final MinimumRate minimumRate;
    private volatile boolean cancelled;
    private volatile HttpURLConnection current;

    public Downloader() { this(CONNECT_TIMEOUT, READ_TIMEOUT); }

    public Downloader(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES), MinimumRate.DEFAULT);
    }

    /** @param maxBytes the cap for a download whose size the catalogue does not give */
    public Downloader(Duration connectTimeout, Duration readTimeout, long maxBytes, MinimumRate minimumRate) {
        this.connectMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readMillis = Math.toIntExact(readTimeout.toMillis());
        this.maxBytes = maxBytes;
        this.minimumRate = minimumRate;
    }

    /** Stops a running download from any thread; its part is kept for resuming. Interrupting the thread works too. */
    public void cancel() {
        cancelled = true;
        HttpURLConnection c = current;
        if (c != null) c.disconnect();
    }

    public static Path partOf(Path target) { return target.resolveSibling(target.getFileName() + ".part"); }

    public Result download(Request request, Progress progress) throws DownloadException {
        Path part = partOf(request.target());
        try {
            Files.createDirectories(request.target().toAbsolutePath().getParent());
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            Long expected = request.expectedSize();
            if (expected != null && have > expected) {
                Files.delete(part);
                have = 0;
            }
            if (expected == null || have < expected) {
                transfer(request.url(), part, have, expected, progress);
            }
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotWrite", part, e.getMessage()), e);
        }
        Result result = verify(request, part);
        moveIntoPlace(part, request.target());
        return result;
    }

    private void transfer(URI url, Path part, long have, Long expected, Progress progress) throws DownloadException, IOException {
        HttpURLConnection connection = open(url, have);
        URL at = connection.getURL();
        long done = have;
        try {
            int status = connection.getResponseCode();
            for (int hops = 0; isRedirect(status); hops++) {
                URI next = redirectTarget(connection.getURL(), connection.getHeaderField("Location"), hops);
                connection.disconnect();
                connection = open(next, have);
                at = connection.getURL();
                status = connection.getResponseCode();
            }
            at = connection.getURL();
            long total;
            if (status == HttpURLConnection.HTTP_PARTIAL && have > 0) {
                long[] range = ContentRange.parse(connection.getHeaderField("Content-Range"));
                if (range == null || range[0] != have) {   // not the bytes we asked for: start over
                    connection.disconnect();
                    deletePart(part);
                    transfer(url, part, 0, expected, progress);
                    return;
                }
                total = range[1];
            } else if (status == HttpURLConnection.HTTP_OK) {
                done = 0;                               // Range ignored (or none sent): the whole file comes again
                total = connection.getContentLengthLong();
            } else if (status == 416 && have > 0) {     // our part is not a prefix of this file
                connection.disconnect();
                deletePart(part);
                transfer(url, part, 0, expected, progress);
                return;
            } else {
                throw HttpFailures.status(status, connection.getResponseMessage(), at);
            }
            if (expected != null && total >= 0 && total != expected) {
                deletePart(part);
                throw new DownloadException(Kind.SIZE_MISMATCH, Messages.get("error.download.offersOther", at.getHost(), total,
                        part.getFileName().toString().replace(".part", ""), expected));
            }
            long cap = expected != null ? expected : maxBytes;
            if (total > cap) {
                deletePart(part);
                throw new DownloadException(Kind.SIZE_MISMATCH, Messages.get("error.download.offersTooMuch", at.getHost(), total, targetName(part), cap)
                        + (expected == null ? Messages.get("error.download.raiseLimit", MAX_BYTES_PROPERTY) : ""));
            }
            requireSpace(part, (total >= 0 ? total : 0) - done);
            copy(connection, part, done, total, cap, expected, progress);
        } catch (IOException e) {
            throw failure(e, at, part);
        } finally {
            connection.disconnect();
            current = null;
        }
    }

    private HttpURLConnection open(URI url, long from) throws DownloadException {
        checkCancelled();
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setInstanceFollowRedirects(false);     // followed by hand: HttpURLConnection will not go http -> https
            c.setConnectTimeout(connectMillis);
            c.setReadTimeout(readMillis);
            c.setRequestProperty("User-Agent", "SwinLens");
            c.setRequestProperty("Accept-Encoding", "identity");
            if (from > 0) c.setRequestProperty("Range", "bytes=" + from + "-");
            current = c;
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw new DownloadException(Kind.NETWORK, Messages.get("error.download.cannotOpen", url, e.getMessage()), e);
        }
    }

    private static final int MAX_REDIRECTS = 8;

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect points; http -> https is followed, https -> http is refused (it would drop the encryption). */
    static URI redirectTarget(URL from, String location, int hops) throws DownloadException {
        if (location == null || location.isBlank()) {
            throw new DownloadException(Kind.HTTP_STATUS, Messages.get("error.download.redirectNoLocation", from.getHost()));
        }
        if (hops >= MAX_REDIRECTS) {
            throw new DownloadException(Kind.HTTP_STATUS, Messages.get("error.download.tooManyRedirects", from.getHost(), MAX_REDIRECTS));
        }
        URI next;
        try {
            next = from.toURI().resolve(location.trim());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new DownloadException(Kind.HTTP_STATUS, Messages.get("error.download.redirectInvalid", from.getHost(), location));
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DownloadException(Kind.HTTP_STATUS, Messages.get("error.download.redirectScheme", from.getHost(), scheme));
        }
        if (from.getProtocol().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new DownloadException(Kind.HTTP_STATUS, Messages.get("error.download.redirectDowngrade", next));
        }
        return next;
    }

    /** Appends the body to the part from {@code done} (0 = truncate first), under a lock against a second download. */
    private void copy(HttpURLConnection connection, Path part, long done, long total, long cap, Long expectedSize, Progress progress)
            throws IOException, DownloadException {
        try (FileChannel out = openPart(part, done);
             FileLock lock = lock(out, part);
             InputStream in = connection.getInputStream()) {
            progress.update(done, total);
            byte[] buffer = new byte[1 << 16];
            RateWatch rate = new RateWatch(minimumRate, done);
            for (int n; (n = read(in, buffer, done, total)) > 0; ) {
                checkCancelled();
                if (done + n > cap) {
                    deletePart(part);
                    throw new DownloadException(Kind.SIZE_MISMATCH, expectedSize == null
                            ? Messages.get("error.download.sentTooMuch", connection.getURL().getHost(), cap, targetName(part))
                            : Messages.get("error.download.gotMore", targetName(part), cap, connection.getURL().getHost()));
                }
                writeFully(out, buffer, n, part);
                done += n;
                progress.update(done, total);
                if (rate.tooSlow(done)) {
                    throw new DownloadException(Kind.NETWORK, Messages.get("error.download.tooSlow", connection.getURL().getHost(),
                            rate.lastWindowBytes(), minimumRate.window().toSeconds(), minimumRate.bytesPerSecond()));
                }
            }
            checkCancelled();
            if (total >= 0 && done < total) {
                throw new DownloadException(Kind.NETWORK, Messages.get("error.download.closed", connection.getURL().getHost(), done, total));
            }
        }
    }

    private static String targetName(Path part) { return part.getFileName().toString().replaceFirst("\\.part$", ""); }

    /** Refuses a transfer that the disk cannot hold, before writing a byte of it. */
    private static void requireSpace(Path part, long bytes) throws DownloadException {
        if (bytes <= 0) return;
        long free;
        try {
            free = Files.getFileStore(part.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException e) {
            return;                                   // unknown: the writes themselves will tell
        }
        if (bytes > free) {
            deletePart(part);
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.noSpace", targetName(part), bytes / (1 << 20),
                    part.toAbsolutePath().getParent(), free / (1 << 20)));
        }
    }

    /** Bytes per window of time since the transfer started; a window under the minimum trips it. */
    private static final class RateWatch {
        private final MinimumRate minimum;
        private long windowStart = System.nanoTime();
        private long bytesAtWindowStart;
        private long lastWindowBytes;

        RateWatch(MinimumRate minimum, long done) {
            this.minimum = minimum;
            this.bytesAtWindowStart = done;
        }

        boolean tooSlow(long done) {
            long now = System.nanoTime();
            long elapsed = now - windowStart;
            if (elapsed < minimum.window().toNanos()) return false;
            lastWindowBytes = done - bytesAtWindowStart;
            boolean slow = lastWindowBytes * 1e9 / elapsed < minimum.bytesPerSecond();
            windowStart = now;
            bytesAtWindowStart = done;
            return slow;
        }

        long lastWindowBytes() { return lastWindowBytes; }
    }

    private int read(InputStream in, byte[] buffer, long done, long total) throws IOException, DownloadException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            checkCancelled();                        // cancel() closes the socket under a blocked read
            throw new BrokenTransfer(done, total, e);
        }
    }

    private static void writeFully(FileChannel out, byte[] buffer, int n, Path part) throws DownloadException {
        try {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) out.write(b);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotWrite", part, e.getMessage()), e);
        }
    }

    private static FileChannel openPart(Path part, long keep) throws DownloadException {
        try {
            FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            out.truncate(keep);
            out.position(keep);
            return out;
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotWrite", part, e.getMessage()), e);
        }
    }

    private static FileLock lock(FileChannel out, Path part) throws DownloadException {
        FileLock lock;
        try {
            lock = out.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotLock", part, e.getMessage()), e);
        }
        if (lock == null) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.locked", part.getFileName()));
        }
        return lock;
    }

    private DownloadException failure(IOException e, URL at, Path part) {
        if (cancelled || Thread.currentThread().isInterrupted()) return cancelledException();
        if (e instanceof BrokenTransfer b) return HttpFailures.broken(at, b.done, b.total, b.getCause());
        return HttpFailures.network(at, e);
    }

    private static void deletePart(Path part) throws DownloadException {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotDelete", part, e.getMessage()), e);
        }
    }

    private void checkCancelled() throws DownloadException {
        if (cancelled || Thread.currentThread().isInterrupted()) throw cancelledException();
    }

    private static DownloadException cancelledException() {
        return new DownloadException(Kind.CANCELLED, Messages.get("error.download.cancelled"));
    }

    /** Size, then checksum, then content; a file failing any of them is deleted. */
    private static Result verify(Request request, Path part) throws DownloadException {
        String name = request.target().getFileName().toString();
        try {
            long size = Files.size(part);
            if (request.expectedSize() != null && size != request.expectedSize()) {
                Files.deleteIfExists(part);
                throw new DownloadException(Kind.SIZE_MISMATCH, Messages.get("error.download.sizeMismatch", name, request.expectedSize(), size));
            }
            String actual = Sha256.of(part);
            if (request.sha256() != null && !request.sha256().equals(actual)) {
                Files.deleteIfExists(part);
                throw new DownloadException(Kind.CHECKSUM_MISMATCH, Messages.get("error.download.checksum", name, request.sha256(), actual));
            }
            if (request.check() != null) {
                try {
                    request.check().check(part);
                } catch (DownloadException e) {
                    Files.deleteIfExists(part);
                    throw e;
                }
            }
            return new Result(request.target(), size, actual, request.sha256() != null);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotRead", part, e.getMessage()), e);
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws DownloadException {
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, Messages.get("error.download.cannotRename", part, target.getFileName(), e.getMessage()), e);
        }
    }

    /** A read failed in the middle of the body; carries how far it got. */
    private static final class BrokenTransfer extends IOException {
        private static final long serialVersionUID = 1L;
        final long done;
        final long total;

        BrokenTransfer(long done, long total, IOException cause) {
            super(cause);
            this.done = done;
            this.total = total;
        }
    }
}
