package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.teaching.ShiftExplainer;
import io.swinlens.analysis.teaching.ShiftExplainer.Step;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.util.Duration;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The cyclic shift of the selected stage's SW-MSA block, step by step on the image: original, rolled by
 * -s, the 9 regions, the mask of one window, rolled back. Play steps through them with a Timeline.
 */
public final class CyclicShiftView extends TeachingView {

    private final ToggleGroup steps = new ToggleGroup();
    private final Spinner<Integer> window = new Spinner<>(0, 4096, 0);
    private final Button play = Tr.bind(new Button(), "teach.ui.shift.play");
    private final Timeline timeline = new Timeline();
    private BlockGeometry geometry;
    private Step shownStep;

    public CyclicShiftView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("shiftView", screen, showing, renderThread);
        for (Step s : Step.values()) {
            ToggleButton b = Tr.bind(new ToggleButton(), s::label);      // ShiftExplainer reads the language
            b.setId("step-" + s.name().toLowerCase(Locale.ROOT));
            b.setUserData(s);
            b.setToggleGroup(steps);
            controls.getChildren().add(b);
        }
        steps.getToggles().get(0).setSelected(true);
        steps.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true);          // one step is always shown
            else invalidate();
        });
        window.setId("shiftWindow");
        window.setPrefWidth(80);
        window.valueProperty().addListener(o -> invalidate());
        play.setId("playShift");
        play.setOnAction(e -> play());
        controls.getChildren().addAll(Tr.bind(new Label(), "teach.ui.shift.window"), window, play);
        timeline.getKeyFrames().add(new KeyFrame(Duration.seconds(1.6), e -> next()));
        timeline.setCycleCount(Step.values().length - 1);
    }

    /** Shows the first step, then each next one, stopping at the last. */
    public void play() {
        timeline.stop();
        select(Step.ORIGINAL);
        timeline.playFromStart();
    }

    private void next() {
        Step now = step();
        if (now.ordinal() + 1 < Step.values().length) select(Step.values()[now.ordinal() + 1]);
    }

    public void select(Step step) {
        steps.getToggles().stream().filter(t -> t.getUserData() == step).findFirst().ifPresent(t -> t.setSelected(true));
    }

    public Step step() { return (Step) steps.getSelectedToggle().getUserData(); }

    public Timeline timeline() { return timeline; }

    @Override protected void redraw(AnalysedImage a) {
        int stage = screen.settings().stage();
        BlockGeometry g = shiftedBlock(a, stage);
        String note = "";
        if (g == null) {
            for (int s = 0; s < a.stages() && g == null; s++) g = shiftedBlock(a, s);
            note = Tr.get("teach.ui.shift.note.noShiftedBlock", stage, g == null ? -1 : g.stage());
        } else if (g.block() != screen.settings().block()) {
            // the shift belongs to the SW-MSA blocks: say so rather than silently showing another block
            note = Tr.get("teach.ui.shift.note.notShifted", screen.settings().block(), stage, g.block());
        }
        if (g == null) {
            status.setText(Tr.get("teach.ui.shift.none"));
            show(null);
            return;
        }
        if (!g.equals(geometry)) {
            geometry = g;
            int last = ShiftExplainer.mostInterestingWindow(g);
            if (window.getValue() != last || window.getValue() >= g.windowCount()) {
                window.getValueFactory().setValue(last);
                return;                                    // the spinner's change redraws
            }
        }
        if (window.getValue() >= g.windowCount()) {
            window.getValueFactory().setValue(g.windowCount() - 1);
            return;
        }
        BlockGeometry shown = g;
        Step step = step();
        int w = window.getValue();
        String text = Tr.get("teach.ui.shift.status", g.stage(), g.block(), g.window(), g.shiftText(), g.windowCount(), note);
        draw(() -> ShiftExplainer.render(a, shown, step, w), () -> {
            shownStep = step;
            status.setText(text);
        });
    }

    private static BlockGeometry shiftedBlock(AnalysedImage a, int stage) {
        for (int b = 0; b < a.blocks(stage); b++) {
            BlockGeometry g = a.inference().attention(stage, b).geometry();
            if (g.shifted()) return g;
        }
        return null;
    }

    public Spinner<Integer> window() { return window; }

    /** The step whose picture is on screen. */
    public Step shownStep() { return shownStep; }

    @Override public String exportName() { return "shift_" + step().name().toLowerCase(Locale.ROOT) + "_w" + window.getValue(); }
}
