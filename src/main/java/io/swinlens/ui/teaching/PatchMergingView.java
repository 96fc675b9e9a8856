package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;

import java.util.concurrent.Executor;

/**
 * The patch merging after the selected stage (after the one before it when the last stage is selected: it has
 * no merge), for the merged token over the query ({@code PatchViews.merge}).
 */
public final class PatchMergingView extends TeachingView {

    public PatchMergingView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("mergeView", screen, showing, renderThread);
        controls.getChildren().add(Tr.bind(new Label(), "teach.ui.merge.hint"));
    }

    /** The stage whose merge is shown for the selected stage. */
    static int mergedStage(AnalysedImage a, int selected) { return Math.max(0, Math.min(selected, a.stages() - 2)); }

    @Override protected void redraw(AnalysedImage a) {
        ViewSettings s = screen.settings();
        LoadedModel model = screen.model();
        if (a.stages() < 2) {
            show(null);
            status.setText(Tr.get("teach.ui.merge.singleStage"));
            return;
        }
        int stage = mergedStage(a, s.stage());
        draw(() -> TeachingImages.merge(model, a, stage, s.queryX(), s.queryY()), () -> status.setText(Tr.get("teach.ui.merge.status",
                stage, stage != s.stage() ? Tr.get("teach.ui.merge.lastStage", s.stage()) : "")));
    }

    @Override public String exportName() {
        AnalysedImage a = screen.analysed();
        return "merge_s" + (a == null ? 0 : mergedStage(a, screen.settings().stage()));
    }
}
