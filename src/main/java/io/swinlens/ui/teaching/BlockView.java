package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.BlockWalkthrough;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The whole path of the query token through the selected block, one step at a time or all at once, from the
 * model's own numbers ({@link BlockWalkthrough}). The trace is one extra forward pass, run off the FX thread
 * when the image, block or query changes; stepping and pointing at keys only redraw.
 */
public final class BlockView extends TeachingView {

    private final Button back = new Button("◀ Back");
    private final Button forward = new Button("Next ▶");
    private final CheckBox all = new CheckBox("All steps");
    private final Label stepName = new Label();
    private int step;
    private int hoverKey = -1;
    private Key traceKey;
    private Trace trace;
    private List<BlockWalkthrough.KeyCell> cells = List.of();

    private record Key(AnalysedImage image, int stage, int block, int x, int y) { }

    public BlockView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("blockView", screen, showing, renderThread);
        back.setId("blockBack");
        forward.setId("blockNext");
        all.setId("blockAll");
        stepName.setId("blockStep");
        back.setTooltip(new Tooltip("Previous step (,)"));
        forward.setTooltip(new Tooltip("Next step (.)"));
        back.setOnAction(e -> step(-1));
        forward.setOnAction(e -> step(+1));
        all.selectedProperty().addListener(o -> invalidate());
        stepName.setMinWidth(280);
        controls.getChildren().addAll(back, forward, stepName, all,
                new Label("Stage, block and query token: from the Image view. Point at a key in the softmax step."));
        pictureNode().setOnMouseMoved(e -> point(e.getX(), e.getY()));
        pictureNode().setOnMouseExited(e -> point(-1, -1));
    }

    /** Moves one step forward or back (clamped to the steps there are). */
    public void step(int delta) {
        AnalysedImage a = screen.analysed();
        if (a == null) return;
        int count = BlockWalkthrough.titles(a.config()).size();
        int next = Math.max(0, Math.min(count - 1, step + delta));
        if (next != step || all.isSelected()) {
            step = next;
            all.setSelected(false);
            invalidate();
        }
    }

    public int currentStep() { return step; }

    public CheckBox allSteps() { return all; }

    private void point(double x, double y) {
        double k = enlargement();
        int key = -1;
        for (BlockWalkthrough.KeyCell c : cells) {
            if (x >= 0 && c.area().contains(x / k, y / k)) key = c.key();
        }
        if (key != hoverKey) {
            hoverKey = key;
            invalidate();
        }
    }

    /** Points at key {@code key} of the query's window (-1: none), as the pointer does. */
    public void pointAt(int key) {
        hoverKey = key;
        invalidate();
    }

    @Override protected void redraw(AnalysedImage a) {
        ViewSettings s = screen.settings();
        List<String> titles = BlockWalkthrough.titles(a.config());
        step = Math.min(step, titles.size() - 1);
        back.setDisable(all.isSelected() || step == 0);
        forward.setDisable(all.isSelected() || step == titles.size() - 1);
        stepName.setText(all.isSelected() ? "all %d steps".formatted(titles.size()) : "step %d of %d: %s".formatted(step + 1, titles.size(), titles.get(step)));
        Key key = new Key(a, s.stage(), s.block(), s.queryX(), s.queryY());
        if (!Objects.equals(key, traceKey)) {
            LoadedModel model = screen.model();
            status.setText("Running the model to record stage %d, block %d for the query token…".formatted(s.stage(), s.block()));
            screen.executor().submit("Block trace", p -> TeachingImages.blockTrace(model, a, s.stage(), s.block(), s.queryX(), s.queryY()), t -> {
                traceKey = key;
                trace = t;
                paint(a);
            }, e -> status.setText("cannot trace the block: " + e.getMessage()));
            return;
        }
        paint(a);
    }

    private void paint(AnalysedImage a) {
        Trace t = trace;
        int shownStep = all.isSelected() ? -1 : step;
        int key = hoverKey;
        var signed = screen.signedMapProperty().get();
        BlockWalkthrough.Rendered[] rendered = new BlockWalkthrough.Rendered[1];
        draw(() -> {
            rendered[0] = TeachingImages.block(a, t, shownStep, key, signed);
            return rendered[0].image();
        }, () -> {
            cells = rendered[0].keys();
            var g = t.geometry();
            status.setText("Stage %d, block %d (%s), token (row %d, col %d): %s.%s".formatted(g.stage(), g.block(), g.kind(),
                    t.tokenY(), t.tokenX(), a.config().isV2() ? "Swin V2, res-post-norm" : "Swin V1, pre-norm",
                    key >= 0 ? " Pointing at key #%d.".formatted(key) : ""));
        });
    }

    @Override public BufferedImage exportImage() {
        AnalysedImage a = screen.analysed();
        if (a == null || trace == null) return picture();
        return TeachingImages.block(a, trace, -1, -1, screen.signedMapProperty().get()).image();
    }

    @Override public String exportName() {
        ViewSettings s = screen.settings();
        return "s%db%d_block".formatted(s.stage(), s.block());
    }
}
