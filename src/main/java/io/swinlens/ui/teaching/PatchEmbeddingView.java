package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;

import java.util.concurrent.Executor;

/** The patch under the query through the patch embedding, and the embedded token map ({@code PatchViews.embed}). */
public final class PatchEmbeddingView extends TeachingView {

    public PatchEmbeddingView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("embedView", screen, showing, renderThread);
        controls.getChildren().add(new Label("The patch under the query token: click the image in the Image view to choose another."));
    }

    @Override protected void redraw(AnalysedImage a) {
        ViewSettings s = screen.settings();
        LoadedModel model = screen.model();
        draw(() -> TeachingImages.embed(model, a, s.queryX(), s.queryY()), () -> status.setText(
                "Patch embedding: a %d x %d convolution with stride %d is one matrix product per patch, then LayerNorm."
                        .formatted(a.config().patchSize(), a.config().patchSize(), a.config().patchSize())));
    }

    @Override public String exportName() { return "embed"; }
}
