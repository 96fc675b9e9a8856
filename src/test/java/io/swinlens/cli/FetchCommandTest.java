package io.swinlens.cli;

import io.swinlens.model.fetch.FileServer;
import io.swinlens.model.fetch.Sha256;
import io.swinlens.model.io.CacheDirs;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code fetch} end to end against a local server, with the cache folder in a temp dir. */
class FetchCommandTest {

    @TempDir Path home;
    private Path fixture;
    private FileServer server;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty(CacheDirs.HOME_PROPERTY, home.toString());
        fixture = Fixtures.file("m4w4", "official.safetensors");
        server = new FileServer(Files.readAllBytes(fixture));
    }

    @AfterEach
    void tearDown() {
        server.close();
        System.clearProperty(CacheDirs.HOME_PROPERTY);
    }

    private Path tinyFile() { return home.resolve("models").resolve("swin_tiny_patch4_window7_224.pth"); }

    @Test
    void fetchedModelIsFoundByItsName() throws Exception {
        var r = CliRunner.run("fetch", "swin_tiny", "--from", server.fileUri().toString(), "--sha256", Sha256.of(fixture).toUpperCase());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo(tinyFile().toString());
        assertThat(r.err()).contains("(verified)");
        assertThat(Files.mismatch(tinyFile(), fixture)).isEqualTo(-1);
        assertThat(ModelOptions.RESOLVER.resolve("swin_tiny")).isEqualTo(tinyFile());
    }

    @Test
    void aSecondFetchFindsTheVerifiedCopy() {
        String[] args = {"fetch", "swin_tiny", "--from", server.fileUri().toString()};
        assertThat(CliRunner.run(args).exitCode()).isZero();
        var again = CliRunner.run(args);
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("already downloaded");
        assertThat(again.out().trim()).isEqualTo(tinyFile().toString());
        assertThat(server.ranges()).hasSize(1);
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNotAnInternalOne() {
        var r = CliRunner.run("fetch", "swin_tiny", "--from", "http://127.0.0.1:99999/x.pth");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("port 99999 is out of range").doesNotContain("internal error");
    }

    @Test
    void aNameNotYetFetchedSaysHowToFetchIt() {
        WeightsException e = catchThrowableOfType(() -> ModelOptions.RESOLVER.resolve("swin_small"), WeightsException.class);
        assertThat(e.kind()).isEqualTo(WeightsException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("model 'swin_small' is not downloaded yet; run: java -jar swinlens.jar fetch swin_small");
    }

    @Test
    void anUnknownModelIsAUsageErrorThatListsTheCatalogue() {
        var r = CliRunner.run("fetch", "swin_huge");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("swin_huge").contains("swin_tiny, swin_small, swin_base, swin_base_384");
    }

    @Test
    void aChecksumMismatchExitsWithUnusableWeightsAndLeavesNothing() {
        var r = CliRunner.run("fetch", "swin_tiny", "--from", server.fileUri().toString(), "--sha256", "ab".repeat(32));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(r.err()).contains("expected " + "ab".repeat(32));
        assertThat(tinyFile()).doesNotExist();
        assertThat(tinyFile().resolveSibling(tinyFile().getFileName() + ".part")).doesNotExist();
    }

    @Test
    void aServerErrorExitsWithNetworkError() {
        server.failWithStatus(500);
        var r = CliRunner.run("fetch", "swin_tiny", "--from", server.fileUri().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NETWORK_ERROR);
        assertThat(r.err()).contains("HTTP 500");
        assertThat(tinyFile()).doesNotExist();
    }

    @Test
    void beingOfflineIsOneClearLineAndExitSix() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var r = CliRunner.run("fetch", "swin_tiny", "--from", "http://127.0.0.1:" + closedPort + "/file");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NETWORK_ERROR);
        assertThat(r.err()).contains("cannot reach 127.0.0.1: you appear to be offline").doesNotContain("\tat ");
        assertThat(r.err().lines().filter(l -> l.startsWith("swinlens"))).hasSize(1);
        assertThat(tinyFile()).doesNotExist();
    }

    @Test
    void listShowsWhatIsDownloaded() {
        assertThat(CliRunner.run("fetch", "swin_tiny", "--from", server.fileUri().toString()).exitCode()).isZero();
        var r = CliRunner.run("fetch", "--list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(home.resolve("models").toString());
        assertThat(r.out().lines().filter(l -> l.startsWith("swin_tiny "))).singleElement().asString().contains(" downloaded");
        assertThat(r.out().lines().filter(l -> l.startsWith("swin_small "))).singleElement().asString().contains("not downloaded");
    }
}
