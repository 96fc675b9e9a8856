package io.swinlens.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one step (decoding and preprocessing an input) over a list of files on a helper thread, a few files ahead of
 * the caller, who takes the results in order: the next image is read while the model runs on this one, so a batch
 * keeps every core busy (BENCHMARKS.md, "Batches"). What the step threw is rethrown by {@link #next()} for that file.
 */
final class Lookahead<T> implements AutoCloseable {

    @FunctionalInterface
    interface Step<T> {
        T apply(Path file);
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "swinlens-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private final List<Path> files;
    private final Step<T> step;
    private final int ahead;
    private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();
    private int submitted;

    Lookahead(List<Path> files, int ahead, Step<T> step) {
        this.files = files;
        this.step = step;
        this.ahead = Math.max(1, ahead);
        refill();
    }

    private void refill() {
        while (pending.size() < ahead && submitted < files.size()) {
            Path file = files.get(submitted++);
            pending.add(thread.submit(() -> step.apply(file)));
        }
    }

    /** The step's result for the next file, in list order. */
    T next() {
        Future<T> f = pending.poll();
        if (f == null) throw new IllegalStateException("no more files");
        refill();
        return await(f);
    }

    /** The value of {@code f}, rethrowing what its task threw as it was thrown. */
    static <V> V await(Future<V> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) throw r;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    @Override public void close() { thread.shutdownNow(); }
}
