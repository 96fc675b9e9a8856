package io.swinlens.cli;

import io.swinlens.model.fetch.FileServer;
import io.swinlens.model.fetch.Sha256;
import io.swinlens.model.io.CacheDirs;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.testutil.Fixtures;
import io.swinlens.testutil.SwinShapedFile;
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

    /** What the server sends as swin_tiny: a file with Swin-T's architecture (fetch checks it against the catalogue). */
    private static final byte[] SWIN_T = SwinShapedFile.swinTiny();

    @TempDir Path home;
    @TempDir Path served;
    private Path fixture;
    private FileServer server;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty(CacheDirs.HOME_PROPERTY, home.toString());
        fixture = Files.write(served.resolve("swin_t_shaped.safetensors"), SWIN_T);
        server = new FileServer(SWIN_T);
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
    void aFailedDownloadLeavesTheCopyThereAsItWas() throws Exception {
        assertThat(CliRunner.run("fetch", "swin_tiny", "--from", server.fileUri().toString()).exitCode()).isZero();
        byte[] before = Files.readAllBytes(tinyFile());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // another checksum makes the copy "not this one", so it is fetched again; that fetch fails
        var r = CliRunner.run("fetch", "swin_tiny", "--sha256", "0".repeat(64), "--from", "http://127.0.0.1:" + closedPort + "/file");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NETWORK_ERROR);
        assertThat(Files.readAllBytes(tinyFile())).isEqualTo(before);
    }

    @Test
    void aMirrorServingAnotherModelIsRefusedAndNothingIsStored() throws Exception {
        try (FileServer other = new FileServer(Files.readAllBytes(Fixtures.file("m7", "official.pth")))) {
            var r = CliRunner.run("fetch", "swin_small", "--from", other.fileUri().toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
            assertThat(r.err().lines().filter(l -> l.startsWith("swinlens fetch:"))).hasSize(1);   // besides the progress lines
            assertThat(r.err()).contains("is not swin_small (Swin V1, embed 96, depths 2-2-18-2, heads 3-6-12-24, window 7, 1000 classes)")
                    .contains("(Swin V1, embed 4, depths 2-2-2-2, heads 1-2-2-4, window 7, 7 classes)").contains("deleted");
            try (var left = Files.list(home.resolve("models"))) {
                assertThat(left).isEmpty();
            }
        }
        var tiny = CliRunner.run("fetch", "swin_base_384", "--from", server.fileUri().toString());   // Swin-T is not Swin-B 384 either
        assertThat(tiny.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(tiny.err()).contains("is not swin_base_384 (Swin V1, embed 128, depths 2-2-18-2, heads 4-8-16-32, window 12, 1000 classes)");
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
    void aServerThatIsNotThereIsOneClearLineAndExitSix() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var r = CliRunner.run("fetch", "swin_tiny", "--from", "http://127.0.0.1:" + closedPort + "/file");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NETWORK_ERROR);
        assertThat(r.err()).contains("nothing accepts connections at 127.0.0.1 port").doesNotContain("\tat ");
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
