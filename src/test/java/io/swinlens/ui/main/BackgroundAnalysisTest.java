package io.swinlens.ui.main;

import io.swinlens.testutil.Fixtures;
import io.swinlens.ui.task.BackgroundTaskExecutor;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's own path: model loading and inference on the background executor, results on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class BackgroundAnalysisTest {

    @Test
    void opensAModelAndAnImageInTheBackground() throws Exception {
        BackgroundTaskExecutor executor = new BackgroundTaskExecutor();
        MainViewModel viewModel = new MainViewModel(executor);
        List<String> messages = new CopyOnWriteArrayList<>();
        CountDownLatch analysed = new CountDownLatch(1);
        Platform.runLater(() -> {
            viewModel.onMessage(m -> {
                messages.add(m.text());
                analysed.countDown();
            });
            viewModel.shownImageProperty().addListener((o, a, v) -> analysed.countDown());
            viewModel.open(List.of(Fixtures.file("m4w4", "official.safetensors"), Fixtures.file("m4w4", "input.npy")));
        });
        assertThat(analysed.await(60, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(messages).isEmpty();
        assertThat(viewModel.analysed()).isNotNull();
        assertThat(viewModel.analysed().modelName()).isEqualTo("official.safetensors");
        executor.shutdown();
    }
}
