package io.swinlens.ui.teaching;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.HeadFusion;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.analysis.teaching.TeachingRenderer;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

import java.util.Locale;
import java.util.concurrent.Executor;

/** Swin-aware attention rollout over the image, heads fused by MEAN (the definition), MAX or MIN. */
public final class RolloutView extends TeachingView {

    private final ComboBox<HeadFusion> fusion = new ComboBox<>();
    private final Label sum = new Label();
    private volatile TokenMap map;

    public RolloutView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("rolloutView", screen, showing, renderThread);
        fusion.getItems().addAll(HeadFusion.values());
        fusion.setValue(HeadFusion.MEAN);
        fusion.setId("fusion");
        fusion.valueProperty().addListener(o -> invalidate());
        sum.setId("rolloutSum");
        controls.getChildren().addAll(new Label("Head fusion:"), fusion, sum);
    }

    @Override protected void redraw(AnalysedImage a) {
        HeadFusion f = fusion.getValue();
        Colormap colormap = screen.settings().colormap();     // the one heatmap setting, read on the FX thread
        draw(() -> {
            TokenMap m = TeachingImages.rolloutMap(a, f);
            map = m;
            return TeachingRenderer.rollout(a, m, f, colormap);
        }, () -> {
            sum.setText("Σ over the %d x %d tokens = %.6f".formatted(map.height(), map.width(), map.sum()));
            status.setText("Rollout from the mean pool back through every block; where information could flow, not an explanation.");
        });
    }

    public ComboBox<HeadFusion> fusion() { return fusion; }

    /** The map on screen. */
    public TokenMap map() { return map; }

    @Override public String exportName() { return "rollout_" + fusion.getValue().name().toLowerCase(Locale.ROOT); }
}
