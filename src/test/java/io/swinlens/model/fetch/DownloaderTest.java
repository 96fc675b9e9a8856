package io.swinlens.model.fetch;

import io.swinlens.model.fetch.DownloadException.Kind;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The downloader against a local server: resume, verification, and what is left on disk after each failure. */
class DownloaderTest {

    @TempDir Path dir;
    private byte[] checkpoint;
    private String checkpointSha256;
    private FileServer server;
    private Path target;
    private final Downloader downloader = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @BeforeEach
    void serveACheckpoint() throws IOException {
        Path fixture = Fixtures.file("m4w4", "official.safetensors");
        checkpoint = Files.readAllBytes(fixture);
        checkpointSha256 = Sha256.of(fixture);
        server = new FileServer(checkpoint);
        target = dir.resolve("models").resolve("model.pth");
    }

    @AfterEach
    void stop() { server.close(); }

    private Downloader.Result download(URI url, Long size, String sha256) throws DownloadException {
        return downloader.download(new Downloader.Request(url, target, size, sha256, ModelFetcher::requireCheckpoint), (done, total) -> { });
    }

    private DownloadException failure(URI url, Long size, String sha256) {
        return catchThrowableOfType(() -> download(url, size, sha256), DownloadException.class);
    }

    @Test
    void downloadsVerifiesAndRenamesIntoPlace() throws Exception {
        Downloader.Result r = download(server.fileUri(), (long) checkpoint.length, checkpointSha256);
        assertThat(r.file()).isEqualTo(target);
        assertThat(r.sha256()).isEqualTo(checkpointSha256);
        assertThat(r.sha256Verified()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(checkpoint);
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void reportsProgressUpToTheTotal() throws Exception {
        long[] last = {-2, -2};
        downloader.download(new Downloader.Request(server.fileUri(), target, null, null, null), (done, total) -> {
            assertThat(done).isGreaterThanOrEqualTo(last[0]);
            last[0] = done;
            last[1] = total;
        });
        assertThat(last).containsExactly(checkpoint.length, checkpoint.length);
    }

    @Test
    void resumesABrokenTransferWithARangeRequest() throws Exception {
        server.cutFirstAnswerAfter(100_000);
        DownloadException broken = failure(server.fileUri(), null, checkpointSha256);
        assertThat(broken.kind()).isEqualTo(Kind.NETWORK);
        assertThat(broken.getMessage()).contains("run the same command again to resume");
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).hasSize(100_000);

        download(server.fileUri(), null, checkpointSha256);
        assertThat(server.ranges()).containsExactly(null, "bytes=100000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(checkpoint);
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() throws Exception {
        server.ignoreRange();
        server.cutFirstAnswerAfter(100_000);
        assertThat(failure(server.fileUri(), null, null).kind()).isEqualTo(Kind.NETWORK);

        download(server.fileUri(), null, checkpointSha256);
        assertThat(server.ranges()).containsExactly(null, "bytes=100000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(checkpoint);
    }

    @Test
    void followsRedirects() throws Exception {
        download(server.uri("/redirect"), null, checkpointSha256);
        assertThat(Files.readAllBytes(target)).isEqualTo(checkpoint);
    }

    @Test
    void rejectsAFileOfTheWrongSize() {
        DownloadException e = failure(server.fileUri(), checkpoint.length + 1L, null);
        assertThat(e.kind()).isEqualTo(Kind.SIZE_MISMATCH);
        assertThat(e.getMessage()).contains(String.valueOf(checkpoint.length)).contains(String.valueOf(checkpoint.length + 1));
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void checksTheSizeAfterTheTransferWhenTheServerGivesNoLength() {
        server.sendChunked();
        DownloadException e = failure(server.fileUri(), checkpoint.length - 1L, null);
        assertThat(e.kind()).isEqualTo(Kind.SIZE_MISMATCH);
        assertThat(e.getMessage()).contains("expected " + (checkpoint.length - 1) + " bytes, got more");
        DownloadException shorter = failure(server.fileUri(), checkpoint.length + 1L, null);
        assertThat(shorter.kind()).isEqualTo(Kind.SIZE_MISMATCH);
        assertThat(shorter.getMessage()).contains("expected " + (checkpoint.length + 1) + " bytes, got " + checkpoint.length);
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void deletesTheDownloadOnAChecksumMismatch() {
        String wrong = "0".repeat(64);
        DownloadException e = failure(server.fileUri(), null, wrong);
        assertThat(e.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
        assertThat(e.getMessage()).contains("expected " + wrong).contains("got " + checkpointSha256);
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void namesTheStatusOfAServerError() {
        server.failWithStatus(500);
        DownloadException e = failure(server.fileUri(), null, null);
        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.getMessage()).startsWith("HTTP 500").contains(server.fileUri().toString());
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void aClosedPortOnThisMachineIsNamedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DownloadException e = failure(URI.create("http://127.0.0.1:" + closedPort + "/file"), null, null);
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.getMessage()).startsWith("nothing accepts connections at 127.0.0.1 port " + closedPort + " on this machine");
        assertThat(target).doesNotExist();
    }

    @Test
    void saysOfflineWhenAnotherHostCannotBeReached() throws IOException {
        // what the JDK throws offline, for a host elsewhere (no test here reaches beyond 127.0.0.1)
        for (IOException offline : new IOException[]{new java.net.ConnectException("Connection refused"), new java.net.UnknownHostException("github.com")}) {
            DownloadException e = HttpFailures.network(new java.net.URL("https://github.com/x.pth"), offline);
            assertThat(e.kind()).isEqualTo(Kind.NETWORK);
            assertThat(e.getMessage()).startsWith("cannot reach github.com: you appear to be offline");
        }
    }

    @Test
    void rejectsADownloadThatIsNotACheckpoint() throws IOException {
        server.close();
        server = new FileServer("<html>not a checkpoint</html>".getBytes());
        DownloadException e = failure(server.fileUri(), null, null);
        assertThat(e.kind()).isEqualTo(Kind.NOT_A_CHECKPOINT);
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void cancellingKeepsThePartButNeverTheTarget() {
        DownloadException e = catchThrowableOfType(() -> downloader.download(
                new Downloader.Request(server.fileUri(), target, null, null, null),
                (done, total) -> { if (done > 0) downloader.cancel(); }), DownloadException.class);
        assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
        assertThat(target).doesNotExist();
        assertThat(Downloader.partOf(target)).exists();
    }

    private Path partFile() { return Downloader.partOf(target); }

    @Test
    void anEndlessBodyOfUnknownSizeStopsAtTheCapAndLeavesNothing() {
        server.sendEndless();
        Downloader capped = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, Downloader.MinimumRate.DEFAULT);
        DownloadException e = catchThrowableOfType(() -> capped.download(
                new Downloader.Request(server.fileUri(), target, null, null, null), (done, total) -> { }), DownloadException.class);
        assertThat(e.kind()).isEqualTo(DownloadException.Kind.SIZE_MISMATCH);
        assertThat(e.getMessage()).contains("sent more than 1048576 bytes").doesNotContain("\n");
        assertThat(target).doesNotExist();
        assertThat(partFile()).doesNotExist();
    }

    @Test
    void anEndlessBodyStopsAtTheCatalogueSize() throws Exception {
        server.sendEndless();
        DownloadException e = failure(server.fileUri(), 1000L, null);
        assertThat(e.kind()).isEqualTo(DownloadException.Kind.SIZE_MISMATCH);
        assertThat(partFile()).doesNotExist();
    }

    @Test
    void aContentLengthOverTheCapIsRefusedBeforeWriting() {
        server.claimLength(10_000_000_000_000L);
        DownloadException e = catchThrowableOfType(() -> downloader.download(
                new Downloader.Request(server.fileUri(), target, null, null, null), (done, total) -> { }), DownloadException.class);
        assertThat(e.kind()).isEqualTo(DownloadException.Kind.SIZE_MISMATCH);
        assertThat(e.getMessage()).contains("offers 10000000000000 bytes").contains("nothing was downloaded");
        assertThat(partFile()).doesNotExist();
    }

    @Test
    void aContentLengthOverTheFreeSpaceIsRefusedBeforeWriting() {
        server.claimLength(Long.MAX_VALUE / 4);
        Downloader unlimited = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), Long.MAX_VALUE, Downloader.MinimumRate.DEFAULT);
        DownloadException e = catchThrowableOfType(() -> unlimited.download(
                new Downloader.Request(server.fileUri(), target, null, null, null), (done, total) -> { }), DownloadException.class);
        assertThat(e.kind()).isEqualTo(DownloadException.Kind.LOCAL_IO);
        assertThat(e.getMessage()).contains("not enough space").contains("nothing was downloaded");
        assertThat(partFile()).doesNotExist();
    }

    @Test
    void aTrickleBelowTheMinimumRateIsDropped() {
        server.trickle(200);                              // 10 bytes every 200 ms: 50 bytes/s
        Downloader impatient = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 30,
                new Downloader.MinimumRate(1000, Duration.ofSeconds(1)));
        long start = System.nanoTime();
        DownloadException e = catchThrowableOfType(() -> impatient.download(
                new Downloader.Request(server.fileUri(), target, null, null, null), (done, total) -> { }), DownloadException.class);
        assertThat(e.kind()).isEqualTo(DownloadException.Kind.NETWORK);
        assertThat(e.getMessage()).contains("under 1000 bytes/s").contains("resume");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(target).doesNotExist();
    }

    @Test
    void redirectsFromHttpToHttpsAreFollowedButNotBack() throws Exception {
        java.net.URL http = new java.net.URL("http://mirror.example/swin.pth");
        java.net.URL https = new java.net.URL("https://mirror.example/swin.pth");
        assertThat(Downloader.redirectTarget(http, "https://cdn.example/swin.pth", 0)).hasToString("https://cdn.example/swin.pth");
        assertThat(Downloader.redirectTarget(https, "/other/swin.pth", 0)).hasToString("https://mirror.example/other/swin.pth");
        DownloadException down = catchThrowableOfType(() -> Downloader.redirectTarget(https, "http://cdn.example/swin.pth", 0), DownloadException.class);
        assertThat(down.getMessage()).contains("refusing to follow a redirect from https to http");
        DownloadException file = catchThrowableOfType(() -> Downloader.redirectTarget(http, "file:///etc/passwd", 0), DownloadException.class);
        assertThat(file.getMessage()).contains("file: address, which is refused");
        DownloadException loop = catchThrowableOfType(() -> Downloader.redirectTarget(http, "/again", 8), DownloadException.class);
        assertThat(loop.getMessage()).contains("redirected more than 8 times");
    }
}
