package io.swinlens.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.function.Consumer;

/**
 * Runs the app's long work (model loading, inference) off the FX thread, one job at a time: submitting
 * a job cancels the one still running, whose result is then dropped. Callbacks run on the FX thread.
 * Tests replace it with {@link SameThreadTaskExecutor}.
 */
public interface UiTaskExecutor {

    <T> void submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Cancels the running job, if any; its callbacks never run. */
    void cancel();

    ReadOnlyBooleanProperty runningProperty();

    /** 0..1, or -1 when unknown. */
    ReadOnlyDoubleProperty progressProperty();

    ReadOnlyStringProperty messageProperty();

    /** Stops the worker thread (application exit). */
    default void shutdown() { }
}
