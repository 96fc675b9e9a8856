package io.swinlens.ui.gallery;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.Layers;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.ShownRedrawView;
import io.swinlens.ui.common.AnalysisOnScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.image.Image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Every head of the selected block side by side, each the stacked {@link ViewRenderer#layers} of the
 * current settings with that head, drawn off the FX thread; a click on a thumbnail selects the head.
 * Redrawn only while shown.
 */
public final class HeadGalleryView extends ShownRedrawView {

    private static final int THUMBNAIL_PIXELS = 180;
    private final TilePane tiles = new TilePane(10, 10);

    public HeadGalleryView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread) {
        super(screen, showing, renderThread);
        setId("headGallery");
        setFitToWidth(true);
        tiles.setPadding(new Insets(10));
        VBox content = new VBox(6, caption, tiles);
        content.setPadding(new Insets(8));
        setContent(content);
    }

    /** The thumbnails now shown (tests). */
    public List<javafx.scene.Node> tiles() { return tiles.getChildren(); }

    @Override
    protected void redraw() {
        AnalysedImage analysed = screen.analysed();
        if (analysed == null) {
            tiles.getChildren().clear();
            caption.setText(Messages.get("ui.view.noImage"));
            return;
        }
        ViewSettings s = screen.settings();
        int input = Math.max(analysed.input().width(), analysed.input().height());
        ViewSettings thumbnail = s.withScale(Math.max(1, Math.min(16, Math.round((float) THUMBNAIL_PIXELS / input))));
        int heads = analysed.heads(s.stage());
        List<HeadChoice> choices = new ArrayList<>();
        for (int h = 0; h < heads; h++) choices.add(HeadChoice.one(h));
        if (heads > 1) choices.add(HeadChoice.mean());
        String text = Messages.get(heads == 1 ? "ui.gallery.caption.one" : "ui.gallery.caption", s.stage(), s.block(), heads, s.mode().label());
        render.request(() -> ViewRenderer.headLayers(analysed, thumbnail, choices), layers -> {
            tiles.getChildren().clear();
            Map<BufferedImage, Image> converted = new IdentityHashMap<>();   // shared layers are converted once
            for (int i = 0; i < choices.size(); i++) tiles.getChildren().add(tile(layers.get(i), choices.get(i), s.head(), converted));
            caption.setText(text);
        }, e -> caption.setText(Messages.get("ui.gallery.failed", e.getMessage())));
    }

    private VBox tile(Layers layers, HeadChoice head, HeadChoice selected, Map<BufferedImage, Image> converted) {
        StackPane image = new StackPane();
        for (BufferedImage layer : layers.inOrder()) {
            ImageView view = new ImageView(converted.computeIfAbsent(layer, FxImages::toFx));
            view.setPreserveRatio(true);
            view.setFitWidth(THUMBNAIL_PIXELS);
            image.getChildren().add(view);
        }
        image.setStyle("-fx-background-color: black;");
        Label label = new Label(head.kind() == HeadChoice.Kind.ONE ? Messages.get("ui.gallery.head", head.index()) : Messages.get("ui.gallery.mean"));
        VBox tile = new VBox(4, image, label);
        tile.setAlignment(Pos.CENTER);
        tile.setId("head-" + head.id());
        tile.getStyleClass().add("gallery-tile");
        if (head.equals(selected)) tile.getStyleClass().add("selected");
        tile.setOnMouseClicked(e -> screen.showHead(screen.settings().stage(), screen.settings().block(), head));
        return tile;
    }
}
