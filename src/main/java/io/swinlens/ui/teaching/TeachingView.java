package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.LatestRender;
import io.swinlens.ui.common.ShownRedraw;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The frame every teaching view shares: its controls on top, the picture its toolkit-free renderer drew
 * in the middle (what File > Export writes), a one-line status below. Redrawn only while its tab shows,
 * once per pulse, off the FX thread (newest request wins), and again after View > Language changes.
 */
abstract class TeachingView extends BorderPane {

    protected final AnalysisOnScreen screen;
    protected final FlowPane controls = new FlowPane(10, 6);
    protected final Label status = new Label();
    private final ImageView picture = new ImageView();
    private final VBox top = new VBox(6);
    private final ShownRedraw redraw;
    private final LatestRender render;
    private BufferedImage current;
    private double enlargement = 1;

    TeachingView(String id, AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        this.screen = screen;
        this.redraw = new ShownRedraw(showing, this::refresh);
        this.render = new LatestRender(renderThread);
        setId(id);
        getStyleClass().add("teaching-view");
        controls.setAlignment(Pos.CENTER_LEFT);
        top.getChildren().add(controls);
        top.setPadding(new Insets(8));
        setTop(top);
        picture.setId(id + "-picture");
        StackPane centre = new StackPane(picture);
        centre.setAlignment(Pos.TOP_LEFT);
        centre.setPadding(new Insets(4, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setFitToWidth(true);
        // grow with the window (a projector), up to three times the drawn size
        picture.setPreserveRatio(true);
        scroll.viewportBoundsProperty().addListener((o, was, now) -> fit(now.getWidth(), now.getHeight()));
        picture.imageProperty().addListener(o -> fit(scroll.getViewportBounds().getWidth(), scroll.getViewportBounds().getHeight()));
        setCenter(scroll);
        status.setId(id + "-status");
        status.setPadding(new Insets(2, 8, 4, 8));
        setBottom(status);
        // the language too: the renderers read it when they draw, and every status line is composed in redraw
        redraw.watch(screen.analysedProperty(), screen.settingsProperty(), screen.signedMapProperty(), Tr.languageOf(this));
    }

    /** A line above the controls (the formula, a hint). */
    protected void addHeader(Node node) { top.getChildren().add(0, node); }

    protected final void invalidate() { redraw.invalidate(); }

    private void refresh() {
        AnalysedImage a = screen.analysed();
        if (a == null || screen.model() == null) {
            status.setText(Tr.get("teach.ui.noImage"));
            show(null);
            return;
        }
        redraw(a);
    }

    /** Draws the view for this analysis: {@link #draw} for pure pictures, or a background job first. */
    protected abstract void redraw(AnalysedImage a);

    /** Renders off the FX thread; shows the picture and runs {@code then} on the FX thread. */
    protected final void draw(Supplier<BufferedImage> work, Runnable then) {
        render.request(work, image -> {
            show(image);
            then.run();
        }, e -> status.setText(e.getMessage()));
    }

    protected final void show(BufferedImage image) {
        current = image;
        picture.setImage(FxImages.toFx(image));
    }

    /** The largest enlargement (1x .. 3x) of the picture that fits the visible area; never smaller than drawn. */
    private void fit(double viewWidth, double viewHeight) {
        if (picture.getImage() == null) return;
        double w = picture.getImage().getWidth();
        double h = picture.getImage().getHeight();
        double k = Math.max(1, Math.min(3, Math.min((viewWidth - 16) / w, (viewHeight - 12) / h)));
        picture.setFitWidth(Math.floor(w * k));
        enlargement = Math.floor(w * k) / w;
    }

    /** How many screen pixels one picture pixel takes now (1 until the window is large enough). */
    public double enlargement() { return enlargement; }

    /** The picture's node, for views that follow the pointer over it. */
    protected final ImageView pictureNode() { return picture; }

    /** The picture on screen (null when none), as the renderer drew it. */
    public BufferedImage picture() { return current; }

    /** What File > Export writes for this view; the picture on screen unless a view exports more. */
    public BufferedImage exportImage() { return current; }

    /** The file name's tail, e.g. "rollout_mean". */
    public abstract String exportName();
}
