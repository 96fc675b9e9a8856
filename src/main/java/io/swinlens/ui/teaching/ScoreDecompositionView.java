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
import io.swinlens.model.config.SwinVersion;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
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

    private final CheckBox biasOff = Tr.bind(new CheckBox(), "teach.ui.scores.biasOff");
    private final CheckBox maskOff = Tr.bind(new CheckBox(), "teach.ui.scores.maskOff");
    private Key partsKey;
    private ScoreParts parts;
    private QueryToken query;
    private float[] row;
    private final Label formula = new Label();
    private SwinVersion version = SwinVersion.V1;

    public ScoreDecompositionView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("scoresView", screen, showing, renderThread);
        biasOff.setId("biasOff");
        maskOff.setId("maskOff");
        biasOff.selectedProperty().addListener(o -> invalidate());
        maskOff.selectedProperty().addListener(o -> invalidate());
        Tr.onChange(this, this::showFormula);
        formula.setWrapText(true);
        formula.setId("formula");
        formula.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        addHeader(formula);
        controls.getChildren().addAll(biasOff, maskOff,
                Tr.bind(new Label(), "teach.ui.scores.hint"));
    }

    /** The formula of the shown model's version and what B and M are, in the current language. */
    private void showFormula() {
        formula.setText(Tr.get("teach.ui.scores.formula", ScoreDecomposition.formula(version), ScoreDecomposition.biasLegend(version)));
    }

    @Override protected void redraw(AnalysedImage a) {
        version = a.config().version();
        showFormula();
        ViewSettings s = screen.settings();
        int head = s.head().kind() == HeadChoice.Kind.ONE ? s.head().index() : 0;
        QueryToken q = QueryToken.atPixel(a, a.inference().attention(s.stage(), s.block()).geometry(), s.queryX(), s.queryY());
        Key key = new Key(a, s.stage(), s.block(), q.window(), head);
        if (!key.equals(partsKey)) {
            LoadedModel model = screen.model();
            status.setText(Tr.get("teach.ui.scores.running", q.window(), head));
            screen.executor().submit(Tr.get("teach.ui.scores.task"), p -> TeachingImages.scoreParts(model, a, q, head), result -> {
                partsKey = key;
                parts = result;
                paint(a, q, s.head().kind() != HeadChoice.Kind.ONE);
            }, e -> status.setText(Tr.get("teach.ui.scores.failed", e.getMessage())));
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
        draw(() -> TeachingRenderer.scores(a, p, q, bias, mask, colormap, signed), () -> status.setText(Tr.get("teach.ui.scores.status",
                p.window(), p.head(), headDefaulted ? Tr.get("teach.ui.scores.headDefaulted") : "",
                q.index(), p.tokensPerWindow(), p.geometry().shifted() ? "" : Tr.get("teach.ui.scores.notShifted"))));
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
