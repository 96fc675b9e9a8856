package io.swinlens.ui.task;

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

@ExtendWith(ApplicationExtension.class)
class BackgroundTaskExecutorTest {

    @Test
    void runsWorkOffTheFxThreadAndReportsOnIt() throws Exception {
        BackgroundTaskExecutor executor = new BackgroundTaskExecutor();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> executor.submit("job", p -> {
            seen.add("work on FX thread: " + Platform.isFxApplicationThread());
            return 42;
        }, value -> {
            seen.add("result " + value + " on FX thread: " + Platform.isFxApplicationThread());
            done.countDown();
        }, e -> done.countDown()));
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(seen).containsExactly("work on FX thread: false", "result 42 on FX thread: true");
        assertThat(executor.runningProperty().get()).isFalse();
        executor.shutdown();
    }

    @Test
    void aNewJobCancelsTheRunningOneWhoseResultIsDropped() throws Exception {
        BackgroundTaskExecutor executor = new BackgroundTaskExecutor();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> results = new CopyOnWriteArrayList<>();
        Platform.runLater(() -> executor.submit("first", p -> {
            firstStarted.countDown();
            release.await(30, TimeUnit.SECONDS);     // interrupted by the cancel
            return "first";
        }, results::add, e -> results.add("first failed")));
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(executor.runningProperty().get()).isTrue();
        Platform.runLater(() -> executor.submit("second", p -> "second", value -> {
            results.add(value);
            secondDone.countDown();
        }, e -> secondDone.countDown()));
        assertThat(secondDone.await(30, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(results).containsExactly("second");
        executor.shutdown();
    }

    @Test
    void cancelStopsTheJobSilently() throws Exception {
        BackgroundTaskExecutor executor = new BackgroundTaskExecutor();
        CountDownLatch started = new CountDownLatch(1);
        List<String> results = new CopyOnWriteArrayList<>();
        Platform.runLater(() -> executor.submit("job", p -> {
            started.countDown();
            Thread.sleep(60_000);
            return "done";
        }, results::add, e -> results.add("failed")));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.asyncFx(executor::cancel).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(executor.runningProperty().get()).isFalse();
        assertThat(results).isEmpty();
        executor.shutdown();
    }
}
