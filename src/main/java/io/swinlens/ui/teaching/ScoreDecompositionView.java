package io.swinlens.ui.teaching;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.QueryToken;
import io.swinlens.analysis.teaching.ScoreDecomposition;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.analysis.teaching.TeachingRenderer;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

import java.util.concurrent.Executor;

/**
 * The scores of the selected block, window, head and query taken apart: q·kᵀ·scale, B, M and their
 * softmax, with "bias off" and "mask off" recomputing the softmax without that term. The parts come from
 * a second forward pass (CaptureRequest.withParts) on the app's background executor, one per selection;
 * the toggles only redraw.
 */
public final class ScoreDecompositionView extends TeachingView {

    private record Key(AnalysedImage analysed, int stage, int block, int window, int head) { }

    private final CheckBox biasOff = new CheckBox("bias off");
    private final CheckBox maskOff = new CheckBox("mask off");
    private Key partsKey;
    private ScoreParts parts;
    private QueryToken query;
    private float[] row;
    private final Label formula = new Label();

    public ScoreDecompositionView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("scoresView", screen, showing, renderThread);
        biasOff.setId("biasOff");
        maskOff.setId("maskOff");
        biasOff.selectedProperty().addListener(o -> invalidate());
        maskOff.selectedProperty().addListener(o -> invalidate());
        formula.setText(ScoreDecomposition.FORMULA + "      B: relative position bias · M: shift mask (0 or -100)");
        formula.setWrapText(true);
        formula.setId("formula");
        formula.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        addHeader(formula);
        controls.getChildren().addAll(biasOff, maskOff,
                new Label("Stage, block, head and query: set them in the Image view (click the image)."));
    }

    @Override protected void redraw(AnalysedImage a) {
        var version = a.config().version();
        formula.setText(ScoreDecomposition.formula(version) + "      " + ScoreDecomposition.biasLegend(version) + " · M: shift mask (0 or -100)");
        ViewSettings s = screen.settings();
        int head = s.head().kind() == HeadChoice.Kind.ONE ? s.head().index() : 0;
        QueryToken q = QueryToken.atPixel(a, a.inference().attention(s.stage(), s.block()).geometry(), s.queryX(), s.queryY());
        Key key = new Key(a, s.stage(), s.block(), q.window(), head);
        if (!key.equals(partsKey)) {
            LoadedModel model = screen.model();
            status.setText("Running the model to record the scores of window %d, head %d…".formatted(q.window(), head));
            screen.executor().submit("Score parts", p -> TeachingImages.scoreParts(model, a, q, head), result -> {
                partsKey = key;
                parts = result;
                paint(a, q, s.head().kind() != HeadChoice.Kind.ONE);
            }, e -> status.setText("cannot record the score parts: " + e.getMessage()));
            return;
        }
        paint(a, q, s.head().kind() != HeadChoice.Kind.ONE);
    }

    private void paint(AnalysedImage a, QueryToken q, boolean headDefaulted) {
        ScoreParts p = parts;
        boolean bias = !biasOff.isSelected();
        boolean mask = !maskOff.isSelected();
        query = q;
        row = ScoreDecomposition.row(p, q.index(), bias, mask);
        Colormap colormap = screen.settings().colormap();     // the one heatmap setting, read on the FX thread
        var signed = screen.signedMapProperty().get();
        draw(() -> TeachingRenderer.scores(a, p, q, bias, mask, colormap, signed), () -> status.setText(
                "Window %d, head %d%s, query #%d of %d.%s".formatted(p.window(), p.head(),
                        headDefaulted ? " (the Image view shows a mean: pick one head there; head 0 shown)" : "",
                        q.index(), p.tokensPerWindow(), p.geometry().shifted() ? "" : " This block is not shifted: M is all zero.")));
    }

    public CheckBox biasOff() { return biasOff; }

    public CheckBox maskOff() { return maskOff; }

    /** The query's attention to its window's keys as now shown (window order). */
    public float[] row() { return row == null ? null : row.clone(); }

    /** The parts now shown. */
    public ScoreParts parts() { return parts; }

    public QueryToken query() { return query; }

    @Override public String exportName() {
        ViewSettings s = screen.settings();
        return "s%db%d_scores%s%s".formatted(s.stage(), s.block(), biasOff.isSelected() ? "_nobias" : "", maskOff.isSelected() ? "_nomask" : "");
    }
}
