package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.QueryToken;
import io.swinlens.analysis.teaching.RelativeBiasView;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.analysis.teaching.TeachingRenderer;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;

import java.awt.image.BufferedImage;
import java.util.concurrent.Executor;

/**
 * The selected block's relative position bias: one head's (2M-1)² table (zero offset outlined) and the
 * gathered N x N bias with the query's row outlined. Export writes every head of the block.
 */
public final class BiasView extends TeachingView {

    private final Spinner<Integer> head = new Spinner<>(0, 64, 0);
    private RelativeBiasView shown;

    public BiasView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super("biasView", screen, showing, renderThread);
        head.setId("biasHead");
        head.setPrefWidth(80);
        head.valueProperty().addListener(o -> invalidate());
        controls.getChildren().addAll(Tr.bind(new Label(), "teach.ui.bias.head"), head,
                Tr.bind(new Label(), "teach.ui.bias.hint"));
    }

    @Override protected void redraw(AnalysedImage a) {
        ViewSettings s = screen.settings();
        LoadedModel model = screen.model();
        int heads = a.heads(s.stage());
        if (head.getValue() >= heads) {
            head.getValueFactory().setValue(heads - 1);
            return;                                   // the spinner's change redraws
        }
        int h = head.getValue();
        var signed = screen.signedMapProperty().get();
        draw(() -> {
            RelativeBiasView v = TeachingImages.bias(model, a, s.stage(), s.block());
            shown = v;
            QueryToken q = QueryToken.atPixel(a, a.inference().attention(s.stage(), s.block()).geometry(), s.queryX(), s.queryY());
            return TeachingRenderer.biasHead(v, h, q.index(), signed);
        }, () -> status.setText(Tr.get("teach.ui.bias.status", s.stage(), s.block(), h, heads)));
    }

    public Spinner<Integer> head() { return head; }

    @Override public BufferedImage exportImage() {
        AnalysedImage a = screen.analysed();
        if (a == null || shown == null) return null;
        return TeachingRenderer.biasBlock(a.modelName(), shown, screen.signedMapProperty().get());
    }

    @Override public String exportName() {
        ViewSettings s = screen.settings();
        return "s%db%d_bias".formatted(s.stage(), s.block());
    }
}
