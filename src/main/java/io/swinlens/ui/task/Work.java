package io.swinlens.ui.task;

/** A piece of background work; reports progress and checks for cancellation between its steps. */
@FunctionalInterface
public interface Work<T> {

    T run(Progress progress) throws Exception;

    /** What the work can tell its caller while it runs (from any thread). */
    interface Progress {
        void update(String message, double fraction);

        boolean isCancelled();
    }
}
