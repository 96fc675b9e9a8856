package io.swinlens.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;

import java.util.concurrent.Executor;

/**
 * A scrolling view drawn from the current analysis and settings that redraws only while it is shown:
 * changes while hidden just mark it stale, and it catches up (once) when shown again. The drawing itself
 * goes through {@link #render} on a render thread, newest request wins. A change of language redraws it too
 * (its captions and the text drawn into its pictures).
 */
public abstract class ShownRedrawView extends ScrollPane {

    protected final AnalysisOnScreen screen;
    protected final Label caption = new Label();
    protected final LatestRender render;

    protected ShownRedrawView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        this.screen = screen;
        this.render = new LatestRender(renderThread);
        caption.getStyleClass().add("section");
        new ShownRedraw(showing, this::redraw).watch(screen.analysedProperty(), screen.settingsProperty(), Tr.languageOf(this));
    }

    /** Draws the view for the current analysis and settings (on the FX thread; heavy work via {@link #render}). */
    protected abstract void redraw();
}
