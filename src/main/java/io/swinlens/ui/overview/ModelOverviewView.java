package io.swinlens.ui.overview;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.ShownRedrawView;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;

/**
 * Every stage × block × head for the current query, as {@link ViewRenderer#modelOverview} draws it
 * (the same image "Export" writes), drawn off the FX thread. Redrawn only while shown.
 */
public final class ModelOverviewView extends ShownRedrawView {

    private final ImageView image = new ImageView();

    public ModelOverviewView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super(screen, showing, renderThread);
        setId("modelOverview");
        image.setId("overviewImage");
        image.setPreserveRatio(true);
        // shrink a wide overview to the view's width (never enlarge it); scroll vertically
        viewportBoundsProperty().addListener(o -> fitWidth());
        image.imageProperty().addListener(o -> fitWidth());
        VBox content = new VBox(6, caption, image);
        content.setPadding(new Insets(8));
        setContent(content);
    }

    public ImageView image() { return image; }

    private void fitWidth() {
        if (image.getImage() == null) return;
        image.setFitWidth(Math.min(image.getImage().getWidth(), Math.max(200, getViewportBounds().getWidth() - 16)));
    }

    @Override
    protected void redraw() {
        AnalysedImage analysed = screen.analysed();
        if (analysed == null) {
            caption.setText("No image analysed yet.");
            image.setImage(null);
            return;
        }
        caption.setText("Drawing every stage × block × head…");
        ViewSettings settings = screen.settings();
        render.request(() -> FxImages.toFx(ViewRenderer.modelOverview(analysed, settings)), fx -> {
            image.setImage(fx);
            caption.setText("Every stage and block (rows) × head (columns) for the current query; click the image view to move the query.");
        }, e -> caption.setText("Cannot draw the overview: " + e.getMessage()));
    }
}
