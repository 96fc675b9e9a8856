package io.swinlens.ui.teaching;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.HeadFusion;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.analysis.teaching.TeachingRenderer;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.util.StringConverter;

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
        Tr.onChange(this, this::nameFusions);
        sum.setId("rolloutSum");
        controls.getChildren().addAll(Tr.bind(new Label(), "teach.ui.rollout.fusion"), fusion, sum);
    }

    @Override protected void redraw(AnalysedImage a) {
        HeadFusion f = fusion.getValue();
        Colormap colormap = screen.settings().colormap();     // the one heatmap setting, read on the FX thread
        draw(() -> {
            TokenMap m = TeachingImages.rolloutMap(a, f);
            map = m;
            return TeachingRenderer.rollout(a, m, f, colormap);
        }, () -> {
            sum.setText(Tr.get("teach.ui.rollout.sum", map.height(), map.width(), map.sum()));
            status.setText(Tr.get("teach.ui.rollout.status"));
        });
    }

    /** Names the fusions in the current language: new cells for the list and the button, so that both show it at once. */
    private void nameFusions() {
        FusionNames names = new FusionNames();
        fusion.setConverter(names);
        fusion.setCellFactory(l -> new FusionCell(names));
        fusion.setButtonCell(new FusionCell(names));
    }

    private static final class FusionCell extends ListCell<HeadFusion> {
        private final FusionNames names;

        FusionCell(FusionNames names) { this.names = names; }

        @Override protected void updateItem(HeadFusion item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : names.toString(item));
        }
    }

    /** MEAN, MAX, MIN as the chooser shows them ({@code teach.ui.rollout.fusion.mean}, ...). */
    private static final class FusionNames extends StringConverter<HeadFusion> {
        @Override public String toString(HeadFusion f) {
            return f == null ? "" : Tr.get("teach.ui.rollout.fusion." + f.name().toLowerCase(Locale.ROOT));
        }

        @Override public HeadFusion fromString(String text) {
            for (HeadFusion f : HeadFusion.values()) if (toString(f).equals(text)) return f;
            return null;
        }
    }

    public ComboBox<HeadFusion> fusion() { return fusion; }

    /** The map on screen. */
    public TokenMap map() { return map; }

    @Override public String exportName() { return "rollout_" + fusion.getValue().name().toLowerCase(Locale.ROOT); }
}
