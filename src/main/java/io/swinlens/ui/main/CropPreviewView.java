package io.swinlens.ui.main;

import io.swinlens.analysis.Images;
import io.swinlens.i18n.Messages;
import io.swinlens.model.image.CropBox;
import io.swinlens.ui.common.FxImages;
import io.swinlens.ui.common.LatestRender;
import io.swinlens.ui.common.Tr;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.awt.image.BufferedImage;
import java.util.concurrent.Executor;

/** A small view of the original picture with the region the model sees outlined. */
final class CropPreviewView extends VBox {

    private static final double SIZE = 200;
    private final Canvas canvas = new Canvas(SIZE, SIZE);
    private final Label caption = new Label();

    private final LatestRender render;

    /**
     * @param shown        the image on screen with its original (null while none)
     * @param renderThread where the original is scaled down for the thumbnail (a photo may be large)
     */
    CropPreviewView(ReadOnlyObjectProperty<ShownImage> shown, Executor renderThread) {
        render = new LatestRender(renderThread);
        setId("cropPreview");
        setSpacing(4);
        setPadding(new Insets(8));
        Label title = Tr.bind(new Label(), "ui.crop.title");
        title.getStyleClass().add("section");
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        caption.setMaxWidth(SIZE);
        getChildren().addAll(title, canvas, caption);
        shown.addListener((o, a, v) -> show(v));
        Tr.onChange(this, () -> show(shown.get()));
    }

    private void show(ShownImage analysis) {
        render.cancel();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, SIZE, SIZE);
        if (analysis == null) {
            caption.setText("");
            canvas.setHeight(0);
            return;
        }
        BufferedImage original = analysis.original();
        if (original == null) {
            canvas.setHeight(0);
            caption.setText(Tr.get("ui.crop.tensor"));
            return;
        }
        double k = SIZE / Math.max(original.getWidth(), original.getHeight());
        int w = Math.max(1, (int) Math.round(original.getWidth() * k));
        int h = Math.max(1, (int) Math.round(original.getHeight() * k));
        render.request(() -> FxImages.toFx(Images.scaled(original, w, h)), fx -> draw(analysis, fx, k),
                e -> caption.setText(Tr.get("ui.crop.failed", e.getMessage())));
    }

    private void draw(ShownImage analysis, Image fx, double k) {
        BufferedImage original = analysis.original();
        double w = fx.getWidth();
        double h = fx.getHeight();
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, SIZE, SIZE);
        g.drawImage(fx, 0, 0, w, h);
        CropBox crop = analysis.analysed().input().crop();
        g.setFill(Color.rgb(0, 0, 0, 0.45));
        g.fillRect(0, 0, w, crop.y() * k);
        g.fillRect(0, (crop.y() + crop.height()) * k, w, h - (crop.y() + crop.height()) * k);
        g.fillRect(0, crop.y() * k, crop.x() * k, crop.height() * k);
        g.fillRect((crop.x() + crop.width()) * k, crop.y() * k, w - (crop.x() + crop.width()) * k, crop.height() * k);
        g.setStroke(Color.web("#ffcc00"));
        g.setLineWidth(2);
        g.strokeRect(crop.x() * k + 1, crop.y() * k + 1, crop.width() * k - 2, crop.height() * k - 2);
        caption.setText(describe(analysis));
    }

    /** "320×240 original; the model sees 210×210 at (55, 15), resized to 224×224", or null for a tensor input. */
    static String describe(ShownImage analysis) {
        BufferedImage original = analysis == null ? null : analysis.original();
        if (original == null) return null;
        CropBox crop = analysis.analysed().input().crop();
        return Messages.get("ui.crop.describe",
                original.getWidth(), original.getHeight(), crop.width(), crop.height(), crop.x(), crop.y(),
                analysis.analysed().input().width(), analysis.analysed().input().height());
    }
}
