package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.BlockWalkthrough;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

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

    private final Button back = Tr.bind(new Button(), "teach.ui.block.back");
    private final Button forward = Tr.bind(new Button(), "teach.ui.block.next");
    private final CheckBox all = Tr.bind(new CheckBox(), "teach.ui.block.all");
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
        back.setTooltip(Tr.tooltip("teach.ui.block.back.tooltip"));
        forward.setTooltip(Tr.tooltip("teach.ui.block.next.tooltip"));
        back.setOnAction(e -> step(-1));
        forward.setOnAction(e -> step(+1));
        all.selectedProperty().addListener(o -> invalidate());
        stepName.setMinWidth(280);
        controls.getChildren().addAll(back, forward, stepName, all,
                Tr.bind(new Label(), "teach.ui.block.hint"));
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
        stepName.setText(all.isSelected() ? Tr.get("teach.ui.block.allSteps", titles.size())
                : Tr.get("teach.ui.block.step", step + 1, titles.size(), titles.get(step)));
        Key key = new Key(a, s.stage(), s.block(), s.queryX(), s.queryY());
        if (!Objects.equals(key, traceKey)) {
            LoadedModel model = screen.model();
            status.setText(Tr.get("teach.ui.block.running", s.stage(), s.block()));
            screen.executor().submit(Tr.get("teach.ui.block.task"), p -> TeachingImages.blockTrace(model, a, s.stage(), s.block(), s.queryX(), s.queryY()), t -> {
                traceKey = key;
                trace = t;
                paint(a);
            }, e -> status.setText(Tr.get("teach.ui.block.failed", e.getMessage())));
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
            status.setText(Tr.get("teach.ui.block.status", g.stage(), g.block(), g.kind(), t.tokenY(), t.tokenX(),
                    Tr.get(a.config().isV2() ? "teach.ui.block.norm.v2" : "teach.ui.block.norm.v1"),
                    key >= 0 ? Tr.get("teach.ui.block.pointing", key) : ""));
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
