package io.swinlens.ui.common;

import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Renders pictures (image view layers, crop preview, model overview, head gallery, teaching views) off the FX thread so that the window stays
 * responsive; only the newest request's result is shown, older ones are skipped or dropped. The
 * renderer is pure and its inputs immutable, so this needs no locking. Tests pass a same-thread executor.
 */
public final class LatestRender {

    private final Executor executor;
    private final AtomicLong generation = new AtomicLong();

    public LatestRender(Executor executor) { this.executor = executor; }

    /** One daemon thread for all pictures of a window. */
    public static Executor newThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "swinlens-render");
            t.setDaemon(true);
            return t;
        });
    }

    /** Drops the pending and running requests: their results are never shown (the view was cleared). */
    public void cancel() { generation.incrementAndGet(); }

    public <T> void request(Supplier<T> work, Consumer<T> show, Consumer<RuntimeException> failed) {
        long mine = generation.incrementAndGet();
        executor.execute(() -> {
            if (generation.get() != mine) return;          // superseded before it started
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                Platform.runLater(() -> { if (generation.get() == mine) failed.accept(e); });
                return;
            }
            Platform.runLater(() -> { if (generation.get() == mine) show.accept(result); });
        });
    }
}
