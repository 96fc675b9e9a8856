package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.ui.common.Tr;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The selected colormap as a bar from the lowest (left) to the highest (right) normalised attention. */
final class ColorbarView extends VBox {

    private static final int HEIGHT = 12;
    private final ImageView bar = new ImageView();
    private Colormap shown;

    ColorbarView() {
        setId("colorbar");
        bar.setFitWidth(200);
        bar.setFitHeight(HEIGHT);
        
        BorderPane ticks = new BorderPane();
        ticks.setLeft(new Label("0"));
        ticks.setRight(Tr.bind(new Label(), "ui.colorbar.max"));
        ticks.setMaxWidth(200);
        ticks.getStyleClass().add("hint");
        getChildren().addAll(bar, ticks);
    }

    void show(Colormap colormap) {
        if (colormap == shown) return;
        shown = colormap;
        // several rows: a one-pixel-high image scales badly in the software pipeline
        WritableImage image = new WritableImage(Colormap.SIZE, HEIGHT);
        int[] entries = colormap.entries();
        for (int y = 0; y < HEIGHT; y++) {
            image.getPixelWriter().setPixels(0, y, Colormap.SIZE, 1, PixelFormat.getIntArgbInstance(), entries, 0, Colormap.SIZE);
        }
        bar.setImage(image);
    }
}
