package io.swinlens.ui.teaching;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.ClassActivationMap;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;

import java.util.concurrent.Executor;

/**
 * The class activation map of one of the top-5 classes over the image. The analysis pass keeps no stage
 * outputs, so the first showing runs one more forward pass on the app's background executor.
 */
public final class CamView extends TeachingView {

    /** A class of the chooser: index, name and probability. */
    public record Choice(int index, String label, float probability) {
        /** The name as a person reads it in the current language ("类别 2" for a generic "class 2"), and the probability. */
        @Override public String toString() { return "%s  (%.1f%%)".formatted(io.swinlens.model.load.ClassLabels.shown(label), 100 * probability); }
    }

    private final ComboBox<Choice> classes = new ComboBox<>();
    private AnalysedImage mapsOf;
    private ClassActivationMap maps;
    private volatile TokenMap map;
    private boolean filling;

    public CamView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("camView", screen, showing, renderThread);
        classes.setId("camClass");
        classes.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Choice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
            }
        });
        classes.valueProperty().addListener(o -> { if (!filling) invalidate(); });
        Tr.afterChange(classes, this::relabelChoices);
        controls.getChildren().addAll(Tr.bind(new Label(), "teach.ui.cam.class"), classes);
    }

    @Override protected void redraw(AnalysedImage a) {
        if (!a.config().hasClassifier()) {
            classes.getItems().clear();
            show(null);
            status.setText(Tr.get("teach.ui.cam.noClassifier"));
            return;
        }
        if (a != mapsOf) {
            fillChoices(a);
            LoadedModel model = screen.model();
            status.setText(Tr.get("teach.ui.cam.running"));
            screen.executor().submit(Tr.get("teach.ui.cam.task"), p -> TeachingImages.classActivationMaps(model, a), m -> {
                mapsOf = a;
                maps = m;
                paint(a);
            }, e -> status.setText(Tr.get("teach.ui.cam.failed", e.getMessage())));
            return;
        }
        paint(a);
    }

    private void fillChoices(AnalysedImage a) {
        filling = true;
        int[] top = a.inference().topK(5);
        float[] p = a.inference().probabilities();
        classes.getItems().clear();
        for (int k = 0; k < top.length; k++) classes.getItems().add(new Choice(top[k], a.labels()[k], p[top[k]]));
        classes.setValue(classes.getItems().get(0));
        filling = false;
    }

    /** The chooser's texts again in the new language ("class 2" becomes "类别 2"), the same class still chosen. */
    private void relabelChoices() {
        Choice chosen = classes.getValue();
        filling = true;
        classes.getItems().setAll(java.util.List.copyOf(classes.getItems()));
        classes.setValue(null);
        classes.setValue(chosen);
        filling = false;
    }

    private void paint(AnalysedImage a) {
        Choice c = classes.getValue();
        ClassActivationMap m = maps;
        Colormap colormap = screen.settings().colormap();     // the one heatmap setting, read on the FX thread
        draw(() -> {
            TokenMap t = m.forClass(c.index());
            map = t;
            return io.swinlens.analysis.teaching.TeachingRenderer.cam(a, t, c.label(), c.index(), colormap);
        }, () -> status.setText(Tr.get("teach.ui.cam.status", className(c))));
    }

    /** "class 3 (tabby)", or "class 3" where the checkpoint has no class names (ClassLabels' generic "class 3"). */
    private static String className(Choice c) {
        return c.label().equals("class " + c.index()) || c.label().equals(Tr.get("teach.ui.cam.generic", c.index()))
                ? Tr.get("teach.ui.cam.generic", c.index()) : Tr.get("teach.ui.cam.named", c.index(), c.label());
    }

    public ComboBox<Choice> classes() { return classes; }

    /** The map on screen. */
    public TokenMap map() { return map; }

    @Override public String exportName() { return "cam_c" + (classes.getValue() == null ? 0 : classes.getValue().index()); }
}
