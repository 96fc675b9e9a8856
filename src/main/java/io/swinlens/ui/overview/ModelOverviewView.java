package io.swinlens.ui.overview;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.ShownRedrawView;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.geometry.Pos;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;

/**
 * Every stage × block × head for the current query, as {@link ViewRenderer#modelOverview} draws it
 * (the same image "Export" writes), drawn off the FX thread. Redrawn only while shown.
 */
public final class ModelOverviewView extends ShownRedrawView {

    /** Zoom steps: a Swin-T overview (138 thumbnails) is legible at 100 %, and fits the window at "fit". */
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4;
    private static final double STEP = 1.25;

    private final ImageView image = new ImageView();
    private final Label zoomLabel = new Label();
    private final HBox toolbar;
    /** 0 = fit the width of the view (never enlarged); else the drawn size per image pixel. 100 % by default: legible. */
    private double zoom = 1;

    public ModelOverviewView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super(screen, showing, renderThread);
        setId("modelOverview");
        image.setId("overviewImage");
        image.setPreserveRatio(true);
        viewportBoundsProperty().addListener(o -> applyZoom());
        image.imageProperty().addListener(o -> applyZoom());
        Button fit = Tr.bind(button("zoomFit", () -> setZoom(0)), "ui.overview.fit");
        Button actual = button("zoomActual", () -> setZoom(1));
        actual.setText("100 %");
        Button out = button("zoomOut", () -> setZoom(currentZoom() / STEP));
        out.setText("−");
        Button in = button("zoomIn", () -> setZoom(currentZoom() * STEP));
        in.setText("+");
        // the label between − and + says the zoom now; the "100 %" button goes back to it: the tooltips tell them apart
        actual.setTooltip(Tr.tooltip("ui.overview.zoomActual.tooltip"));
        fit.setTooltip(Tr.tooltip("ui.overview.zoomFit.tooltip"));
        out.setTooltip(Tr.tooltip("ui.overview.zoomOut.tooltip"));
        in.setTooltip(Tr.tooltip("ui.overview.zoomIn.tooltip"));
        zoomLabel.setId("zoomLevel");
        toolbar = new HBox(6, Tr.bind(new Label(), "ui.overview.zoom"), out, zoomLabel, in, actual, fit);
        toolbar.setId("overviewToolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4, 8, 4, 8));
        VBox content = new VBox(6, caption, image);
        content.setPadding(new Insets(8));
        setContent(content);
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (!e.isShortcutDown() || e.getDeltaY() == 0) return;
            setZoom(e.getDeltaY() > 0 ? currentZoom() * STEP : currentZoom() / STEP);
            e.consume();
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) return;
            switch (e.getCode()) {
                case PLUS, EQUALS, ADD -> setZoom(currentZoom() * STEP);
                case MINUS, SUBTRACT -> setZoom(currentZoom() / STEP);
                case DIGIT0, NUMPAD0 -> setZoom(0);
                default -> { return; }
            }
            e.consume();
        });
        setFocusTraversable(true);
        Tr.onChange(this, this::applyZoom);
    }

    private static Button button(String id, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    public ImageView image() { return image; }

    /** The zoom controls, shown above the view (outside its scrolling content, so they stay in reach). */
    public Node toolbar() { return toolbar; }

    /** The drawn size per image pixel now (the fit's factor while fitting). */
    public double currentZoom() {
        if (zoom > 0 || image.getImage() == null) return zoom > 0 ? zoom : 1;
        return fitWidth() / image.getImage().getWidth();
    }

    /** @param value drawn size per image pixel, clamped to 10 %..400 %; 0 fits the view's width */
    public void setZoom(double value) {
        zoom = value <= 0 ? 0 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, value));
        applyZoom();
    }

    private double fitWidth() {
        return Math.min(image.getImage().getWidth(), Math.max(200, getViewportBounds().getWidth() - 16));
    }

    private void applyZoom() {
        if (image.getImage() == null) {
            zoomLabel.setText(zoom == 0 ? Messages.get("ui.overview.zoomFit") : Math.round(zoom * 100) + " %");
            return;
        }
        image.setFitWidth(zoom == 0 ? fitWidth() : image.getImage().getWidth() * zoom);
        long percent = Math.round(currentZoom() * 100);
        zoomLabel.setText(zoom == 0 ? Messages.get("ui.overview.zoomFitPercent", percent) : percent + " %");
    }

    @Override
    protected void redraw() {
        AnalysedImage analysed = screen.analysed();
        if (analysed == null) {
            caption.setText(Messages.get("ui.view.noImage"));
            image.setImage(null);
            return;
        }
        caption.setText(Messages.get("ui.overview.drawing"));
        ViewSettings settings = screen.settings();
        render.request(() -> FxImages.toFx(ViewRenderer.modelOverview(analysed, settings)), fx -> {
            image.setImage(fx);
            caption.setText(Messages.get("ui.overview.caption"));
        }, e -> caption.setText(Messages.get("ui.overview.failed", e.getMessage())));
    }
}
