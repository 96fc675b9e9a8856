package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Layers;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.LatestRender;
import io.swinlens.ui.common.RedrawScheduler;
import io.swinlens.ui.common.Tr;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.util.concurrent.Executor;

/**
 * The image as the model sees it with its overlays: one ImageView per layer of
 * {@link ViewRenderer#layers}, stacked in the renderer's order and fitted to the space available
 * (never enlarged past the render scale). A click (or, with {@link #followMouseProperty}, hovering)
 * sets the query at the model-input pixel under the mouse.
 */
public final class ImageLayersView extends StackPane {

    private static final String[] LAYER_IDS = {"base", "heatmap", "patchGrid", "windowGrid", "shifted", "queryOutline"};

    private final MainViewModel viewModel;
    private final StackPane stack = new StackPane();
    private final ImageView[] views = new ImageView[LAYER_IDS.length];
    private final Label empty = new Label();
    private final ProgressBar loadingBar = new ProgressBar(-1);
    private final BooleanProperty followMouse = new SimpleBooleanProperty(this, "followMouse", false);
    private final RedrawScheduler scheduler = new RedrawScheduler(this::redraw);
    private final LatestRender render;
    private Layers layers;

    /** @param renderThread where the layers are drawn and converted (tests: a same-thread executor) */
    public ImageLayersView(MainViewModel viewModel, Executor renderThread) {
        this.viewModel = viewModel;
        this.render = new LatestRender(renderThread);
        setId("imageLayers");
        getStyleClass().add("image-layers");
        for (int i = 0; i < views.length; i++) {
            views[i] = new ImageView();
            views[i].setId("layer-" + LAYER_IDS[i]);
            views[i].setPreserveRatio(true);
            views[i].setMouseTransparent(true);
        }
        stack.setId("layerStack");
        stack.getChildren().addAll(views);
        stack.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        stack.setCursor(Cursor.CROSSHAIR);
        stack.addEventHandler(MouseEvent.MOUSE_PRESSED, this::setQueryAt);
        stack.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::setQueryAt);
        stack.addEventHandler(MouseEvent.MOUSE_MOVED, e -> { if (followMouse.get()) setQueryAt(e); });
        empty.getStyleClass().add("empty-state");
        empty.setId("emptyState");
        setAlignment(Pos.CENTER);
        loadingBar.setId("loadingProgress");
        loadingBar.setPrefWidth(260);
        loadingBar.progressProperty().bind(viewModel.executor().progressProperty());
        loadingBar.visibleProperty().bind(viewModel.loadingProperty().isNotNull().and(viewModel.modelProperty().isNull()));
        loadingBar.managedProperty().bind(loadingBar.visibleProperty());
        VBox emptyState = new VBox(10, empty, loadingBar);
        emptyState.setAlignment(Pos.CENTER);
        emptyState.setMouseTransparent(true);
        getChildren().addAll(stack, emptyState);
        widthProperty().addListener(o -> fit());
        heightProperty().addListener(o -> fit());
        viewModel.shownImageProperty().addListener(o -> scheduler.markDirty());
        viewModel.modelProperty().addListener(o -> scheduler.markDirty());
        viewModel.loadingProperty().addListener(o -> scheduler.markDirty());
        viewModel.controls().settingsProperty().addListener(o -> scheduler.markDirty());
        Tr.languageOf(this).addListener(o -> scheduler.markDirty());      // the empty state's text, the layers' labels
        redraw();
    }

    /** When on, the query follows the mouse without clicking. */
    public BooleanProperty followMouseProperty() { return followMouse; }

    /** The layers on screen now (null before the first analysis). */
    public Layers layers() { return layers; }

    private void redraw() {
        AnalysedImage analysed = viewModel.analysed();
        String emptyText = viewModel.emptyStateText();
        empty.setText(emptyText == null ? "" : emptyText);
        empty.setVisible(emptyText != null);
        stack.setVisible(analysed != null);
        if (analysed == null) {
            render.cancel();
            layers = null;
            for (ImageView v : views) v.setImage(null);
            return;
        }
        ViewSettings settings = viewModel.settings();
        render.request(() -> Drawn.of(ViewRenderer.layers(analysed, settings)), this::show,
                e -> showFailure(e.getMessage()));
    }

    /** The layers and their JavaFX images, made off the FX thread. */
    private record Drawn(Layers layers, Image[] images) {
        static Drawn of(Layers layers) {
            BufferedImage[] ordered = layers.inOrder();
            Image[] images = new Image[ordered.length];
            for (int i = 0; i < ordered.length; i++) images[i] = FxImages.toFx(ordered[i]);
            return new Drawn(layers, images);
        }
    }

    private void show(Drawn drawn) {
        layers = drawn.layers();
        for (int i = 0; i < views.length; i++) views[i].setImage(drawn.images()[i]);
        fit();
    }

    private void showFailure(String message) {
        empty.setText(Tr.get("ui.image.drawFailed", message));
        empty.setVisible(true);
    }

    private void fit() {
        if (layers == null) return;
        double available = Math.max(64, Math.min(getWidth() - 16, getHeight() - 16));
        double scale = Math.min(1, available / Math.max(layers.width(), layers.height()));
        for (ImageView v : views) {
            v.setFitWidth(layers.width() * scale);
            v.setFitHeight(layers.height() * scale);
        }
    }

    private void setQueryAt(MouseEvent e) {
        AnalysedImage analysed = viewModel.analysed();
        if (analysed == null || stack.getWidth() <= 0) return;
        int[] pixel = modelPixel(e.getX(), e.getY(), stack.getWidth(), stack.getHeight(), analysed.input().width(), analysed.input().height());
        ViewSettings s = viewModel.settings();
        if (pixel[0] != s.queryX() || pixel[1] != s.queryY()) viewModel.controls().setQuery(pixel[0], pixel[1]);
    }

    /** Maps a point on the shown image (w x h) to the model-input pixel under it, clamped to the input. */
    static int[] modelPixel(double x, double y, double shownWidth, double shownHeight, int inputWidth, int inputHeight) {
        int px = (int) Math.floor(x / shownWidth * inputWidth);
        int py = (int) Math.floor(y / shownHeight * inputHeight);
        return new int[]{Math.max(0, Math.min(inputWidth - 1, px)), Math.max(0, Math.min(inputHeight - 1, py))};
    }
}
