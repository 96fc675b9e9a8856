package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The model's five most likely classes with their probabilities. */
final class PredictionsView extends VBox {

    private final GridPane rows = new GridPane();

    /** @param analysed the analysis on screen (null while none) */
    PredictionsView(ReadOnlyObjectProperty<AnalysedImage> analysed) {
        setId("predictions");
        setSpacing(4);
        setPadding(new Insets(8));
        Label title = new Label("Top-5 predictions");
        title.getStyleClass().add("section");
        rows.setHgap(6);
        rows.setVgap(3);
        getChildren().addAll(title, rows);
        analysed.addListener((o, a, v) -> show(v));
        show(analysed.get());
    }

    private void show(AnalysedImage analysed) {
        rows.getChildren().clear();
        if (analysed == null) {
            rows.add(new Label("—"), 0, 0);
            return;
        }
        float[] probabilities = analysed.inference().probabilities();
        int[] top = analysed.inference().topK(analysed.labels().length);
        for (int i = 0; i < top.length; i++) {
            Label name = new Label(analysed.labels()[i]);
            name.setId("prediction-" + i);
            name.setMaxWidth(150);
            ProgressBar bar = new ProgressBar(probabilities[top[i]]);
            bar.setPrefWidth(80);
            Label percent = new Label(String.format(Locale.ROOT, "%5.1f%%", 100 * probabilities[top[i]]));
            rows.addRow(i, name, bar, percent);
        }
    }
}
