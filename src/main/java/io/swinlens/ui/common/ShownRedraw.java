package io.swinlens.ui.common;

import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Redraws a view only while it is shown: a change while hidden just marks it stale, and it catches up
 * (once, on a later pulse) when shown again. Shared by the gallery, the overview and the teaching views.
 */
public final class ShownRedraw {

    private final ObservableBooleanValue showing;
    private final Runnable redraw;
    private final RedrawScheduler scheduler = new RedrawScheduler(this::redrawNow);
    private boolean stale = true;

    /** @param showing true while the view is on screen (its tab selected); @param redraw runs on the FX thread */
    public ShownRedraw(ObservableBooleanValue showing, Runnable redraw) {
        this.showing = showing;
        this.redraw = redraw;
        showing.addListener((o, was, now) -> { if (now && stale) scheduler.markDirty(); });
    }

    /** Redraws whenever one of these changes. */
    public void watch(Observable... inputs) {
        for (Observable input : inputs) input.addListener(o -> invalidate());
    }

    public void invalidate() {
        stale = true;
        if (showing.get()) scheduler.markDirty();
    }

    private void redrawNow() {
        stale = false;
        redraw.run();
    }
}
