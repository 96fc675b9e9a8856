package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.config.SwinConfig;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.function.UnaryOperator;

/**
 * The view's settings (one immutable {@link ViewSettings}, so that every change is one event) and the
 * moves the selectors and shortcuts make, kept inside the current model's stages, blocks and heads.
 */
public final class ViewControls {

    /** On-screen size the image view aims for; sets the render scale (output pixels per input pixel). */
    static final int TARGET_PIXELS = 576;

    private final ReadOnlyObjectWrapper<ViewSettings> settings = new ReadOnlyObjectWrapper<>(this, "settings", ViewSettings.defaults());
    private SwinConfig config;

    /** The input size the query was last fitted to (0 before the first analysis). */
    private int fittedWidth;
    private int fittedHeight;

    public ReadOnlyObjectProperty<ViewSettings> settingsProperty() { return settings.getReadOnlyProperty(); }

    public ViewSettings settings() { return settings.get(); }

    /**
     * Fits the settings to a model and input size: clamps stage, block and head, picks the scale, and keeps
     * the query on the same point of the image: it is a position in the input, so a new resolution (another
     * model) scales it rather than keeping its pixel numbers (which would move it towards the top left).
     */
    void fit(SwinConfig newConfig, int inputHeight, int inputWidth) {
        config = newConfig;
        ViewSettings s = settings.get();
        int stage = Math.min(s.stage(), config.numStages() - 1);
        int block = Math.min(s.block(), config.depth(stage) - 1);
        int scale = Math.max(1, Math.min(16, Math.round((float) TARGET_PIXELS / Math.max(inputHeight, inputWidth))));
        s = s.withStage(stage).withBlock(block).withHead(clampHead(s.head(), stage)).withScale(scale);
        if (s.queryX() >= 0 && s.queryY() >= 0 && inputWidth > 0 && inputHeight > 0 && fittedWidth > 0 && fittedHeight > 0) {
            int x = (int) Math.min(inputWidth - 1, Math.floor((s.queryX() + 0.5) * inputWidth / fittedWidth));
            int y = (int) Math.min(inputHeight - 1, Math.floor((s.queryY() + 0.5) * inputHeight / fittedHeight));
            s = s.withQuery(x, y);
        } else if (s.queryX() >= inputWidth || s.queryY() >= inputHeight) {
            s = s.withQuery(-1, -1);
        }
        fittedWidth = inputWidth;
        fittedHeight = inputHeight;
        settings.set(s);
    }

    private HeadChoice clampHead(HeadChoice head, int stage) {
        if (head.kind() != HeadChoice.Kind.ONE || config == null) return head;
        return HeadChoice.one(Math.min(head.index(), config.heads(stage) - 1));
    }

    private void update(UnaryOperator<ViewSettings> change) { settings.set(change.apply(settings.get())); }

    public void setStage(int stage) {
        if (config == null) return;
        int clamped = Math.max(0, Math.min(config.numStages() - 1, stage));
        update(s -> s.withStage(clamped).withBlock(Math.min(s.block(), config.depth(clamped) - 1)).withHead(clampHead(s.head(), clamped)));
    }

    public void stepStage(int delta) { setStage(settings().stage() + delta); }

    public void setBlock(int block) {
        if (config == null) return;
        update(s -> s.withBlock(Math.max(0, Math.min(config.depth(s.stage()) - 1, block))));
    }

    public void stepBlock(int delta) { setBlock(settings().block() + delta); }

    public void setHead(HeadChoice head) { update(s -> s.withHead(clampHead(head, s.stage()))); }

    /** Next or previous single head, wrapping; from mean or all it starts at head 0 (or the last). */
    public void stepHead(int delta) {
        if (config == null) return;
        int heads = config.heads(settings().stage());
        HeadChoice h = settings().head();
        int next = h.kind() == HeadChoice.Kind.ONE ? Math.floorMod(h.index() + delta, heads) : (delta > 0 ? 0 : heads - 1);
        setHead(HeadChoice.one(next));
    }

    public void setMode(HeatmapMode mode) { update(s -> s.withMode(mode)); }

    /** Sets the query, in model-input pixels. */
    public void setQuery(int x, int y) { update(s -> s.withQuery(x, y)); }

    public void setColormap(Colormap colormap) { update(s -> s.withColormap(colormap)); }

    public void setNormalisation(Normalisation normalisation) { update(s -> s.withNormalisation(normalisation)); }

    public void setShowHeatmap(boolean on) { update(s -> s.withShowHeatmap(on)); }

    public void setShowPatchGrid(boolean on) { update(s -> s.withShowPatchGrid(on)); }

    public void setShowWindows(boolean on) { update(s -> s.withShowWindows(on)); }

    public void setShowShifted(boolean on) { update(s -> s.withShowShifted(on)); }

    public void setOpacity(double opacity) { update(s -> s.withOpacity(Math.max(0, Math.min(1, opacity)))); }

    /** Replaces the settings wholesale (restored preferences, tests). */
    public void set(ViewSettings value) { settings.set(value); }
}
