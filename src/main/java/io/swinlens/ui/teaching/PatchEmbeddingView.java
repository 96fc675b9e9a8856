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

/** The patch under the query through the patch embedding, and the embedded token map ({@code PatchViews.embed}). */
public final class PatchEmbeddingView extends TeachingView {

    public PatchEmbeddingView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("embedView", screen, showing, renderThread);
        controls.getChildren().add(Tr.bind(new Label(), "teach.ui.embed.hint"));
    }

    @Override protected void redraw(AnalysedImage a) {
        ViewSettings s = screen.settings();
        LoadedModel model = screen.model();
        int p = a.config().patchSize();
        draw(() -> TeachingImages.embed(model, a, s.queryX(), s.queryY()), () -> status.setText(Tr.get("teach.ui.embed.status", p, p, p)));
    }

    @Override public String exportName() { return "embed"; }
}
