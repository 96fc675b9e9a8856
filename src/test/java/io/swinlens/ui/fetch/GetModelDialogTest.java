package io.swinlens.ui.fetch;

import io.swinlens.model.fetch.FileServer;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.io.CacheDirs;
import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.UiTestSupport;
import io.swinlens.ui.main.MainController;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** Model > Get model… against a file server on 127.0.0.1, with the cache in a temp dir. */
@ExtendWith(ApplicationExtension.class)
class GetModelDialogTest {

    @TempDir Path home;
    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;
    private FileServer server;
    private Path fixture;

    @Start
    void start(Stage stage) {
        controller = UiTestSupport.show(stage, node, 1000, 700);
    }

    @BeforeEach
    void serve() throws Exception {
        System.setProperty(CacheDirs.HOME_PROPERTY, home.toString());
        fixture = Fixtures.file("m4w4", "official.safetensors");
        server = new FileServer(Files.readAllBytes(fixture));
    }

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty(CacheDirs.HOME_PROPERTY);
        UiTestSupport.remove(node);
    }

    /** A one-model catalogue pointing at the local server. */
    static ModelCatalogue catalogue(java.net.URI url, Long size) {
        return ModelCatalogue.parse(new StringReader("""
                {"models": [{"name": "swin_fixture", "description": "the m4w4 test model, served locally",
                  "url": "%s", "file": "swin_fixture.safetensors", "size": %s, "sha256": null}]}
                """.formatted(url, size == null ? "null" : size.toString())));
    }

    private Stage openDialog(FxRobot robot, ModelCatalogue catalogue) {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(controller.menu().getModel(catalogue)));
        return stage.get();
    }

    @Test
    void aDownloadShowsProgressAndEndsInTheCache(FxRobot robot) throws Exception {
        Stage dialog = openDialog(robot, catalogue(server.fileUri(), Files.size(fixture)));
        GetModelDialog view = (GetModelDialog) dialog.getScene().getRoot();
        List<Double> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> view.viewModel().progressProperty().addListener((o, a, v) -> seen.add(v.doubleValue())));
        assertThat(view.table().getItems()).singleElement().extracting(ModelCatalogue.Entry::name).isEqualTo("swin_fixture");
        robot.clickOn("#download");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.viewModel().downloadedProperty().get() != null
                || view.viewModel().failedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Path cached = home.resolve("models").resolve("swin_fixture.safetensors");
        assertThat(view.viewModel().failedProperty().get()).as(view.viewModel().messageProperty().get()).isFalse();
        assertThat(Files.mismatch(cached, fixture)).isEqualTo(-1);
        assertThat(seen).anyMatch(p -> p > 0 && p <= 1);
        assertThat(((Label) robot.lookup("#downloadMessage").query()).getText()).startsWith("Downloaded swin_fixture.safetensors");
        assertThat(robot.lookup("#openDownloaded").query().isVisible()).isTrue();

        robot.clickOn("#openDownloaded");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controller.viewModel().modelProperty().get()).isNotNull();
        assertThat(controller.viewModel().modelProperty().get().source()).isEqualTo(cached);
    }

    @Test
    void aServerErrorShowsItsOneLineMessage(FxRobot robot) throws Exception {
        server.failWithStatus(500);
        Stage dialog = openDialog(robot, catalogue(server.fileUri(), null));
        GetModelDialog view = (GetModelDialog) dialog.getScene().getRoot();
        robot.clickOn("#download");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.viewModel().failedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String text = ((Label) robot.lookup("#downloadMessage").query()).getText();
        assertThat(text).contains("HTTP 500").doesNotContain("\n");
        assertThat(robot.lookup("#openDownloaded").query().isVisible()).isFalse();
        assertThat(home.resolve("models").resolve("swin_fixture.safetensors")).doesNotExist();
        robot.interact(dialog::close);
    }
}
