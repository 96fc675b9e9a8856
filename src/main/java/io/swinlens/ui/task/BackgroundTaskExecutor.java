package io.swinlens.ui.task;

import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one background service: a single daemon thread that runs {@link Task}s. A new job cancels the
 * previous one (ND4J's forward pass cannot be interrupted, so a cancelled job finishes its current
 * step on the worker and its result is thrown away). Must be used from the FX thread.
 */
public final class BackgroundTaskExecutor implements UiTaskExecutor {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "swinlens-worker");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Task<?> current;
    /** True while the message is "Cancelled", which then follows View > Language. */
    private boolean cancelledShown;

    public BackgroundTaskExecutor() { Messages.addListener(new Relabel(this)); }

    /**
     * "Cancelled" follows View > Language. The process-wide list of language listeners holds the executor
     * only weakly (a closed window's executor can be collected) and drops this entry once it is gone.
     */
    private static final class Relabel implements Consumer<Language> {
        private final WeakReference<BackgroundTaskExecutor> executor;

        Relabel(BackgroundTaskExecutor executor) { this.executor = new WeakReference<>(executor); }

        @Override public void accept(Language language) {
            BackgroundTaskExecutor e = executor.get();
            if (e == null) {
                Messages.removeListener(this);
                return;
            }
            Runnable relabel = () -> { if (e.cancelledShown && !e.running.get()) e.message.set(Messages.get("ui.task.cancelled")); };
            if (Platform.isFxApplicationThread()) relabel.run();
            else Platform.runLater(relabel);
        }
    }

    @Override public <T> void submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        cancel();
        Task<T> task = new Task<>() {
            @Override protected T call() throws Exception {
                updateMessage(title);
                updateProgress(-1, 1);
                Task<T> self = this;
                return work.run(new Work.Progress() {
                    @Override public void update(String text, double fraction) {
                        updateMessage(text);
                        updateProgress(fraction < 0 ? -1 : fraction, 1);
                    }

                    @Override public boolean isCancelled() { return self.isCancelled(); }
                });
            }
        };
        task.setOnSucceeded(e -> finish(task, () -> onSuccess.accept(task.getValue())));
        task.setOnFailed(e -> finish(task, () -> onFailure.accept(task.getException())));
        task.setOnCancelled(e -> finish(task, () -> { }));
        current = task;
        cancelledShown = false;
        running.set(true);
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        thread.execute(task);
    }

    private void finish(Task<?> task, Runnable callback) {
        if (task != current) return;          // a job replaced by a newer one stays silent
        current = null;
        progress.unbind();
        message.unbind();
        progress.set(0);
        cancelledShown = task.getState() == Worker.State.CANCELLED;
        message.set(cancelledShown ? Messages.get("ui.task.cancelled") : "");
        running.set(false);
        callback.run();
    }

    @Override public void cancel() {
        Task<?> task = current;
        if (task == null) return;
        task.cancel(true);
        finish(task, () -> { });
    }

    @Override public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    @Override public void shutdown() {
        cancel();
        thread.shutdownNow();
    }
}
