package io.swinlens.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;

/** Runs each job at once on the calling thread: deterministic tests without waiting. */
public final class SameThreadTaskExecutor implements UiTaskExecutor {

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    @Override public <T> void submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.run(new Work.Progress() {
                @Override public void update(String text, double fraction) { }

                @Override public boolean isCancelled() { return false; }
            });
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override public void cancel() { }

    @Override public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
