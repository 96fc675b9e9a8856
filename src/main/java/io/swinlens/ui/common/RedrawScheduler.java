package io.swinlens.ui.common;

import javafx.application.Platform;

/**
 * Coalesces change events into one redraw on a later pulse: a new analysis that also adjusts the
 * settings redraws once, not twice.
 */
public final class RedrawScheduler {

    private final Runnable redraw;
    private boolean scheduled;

    public RedrawScheduler(Runnable redraw) { this.redraw = redraw; }

    public void markDirty() {
        if (scheduled) return;
        scheduled = true;
        Platform.runLater(() -> {
            scheduled = false;
            redraw.run();
        });
    }
}
