package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Messages;
import io.swinlens.model.load.BundledModel;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.Tr;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The model's five most likely classes with their probabilities. */
final class PredictionsView extends VBox {

    private final GridPane rows = new GridPane();
    private final Label demoNote = new Label();
    private final Hyperlink getModel = Tr.bind(new Hyperlink(), "ui.predictions.getModel");
    private final VBox demoBox = new VBox(2, demoNote, getModel);

    /**
     * @param analysed   the analysis on screen (null while none)
     * @param model      the model in use (the demo model gets a note on what it knows)
     * @param openGetModel opens Model > Get model…
     */
    PredictionsView(ReadOnlyObjectProperty<AnalysedImage> analysed, ReadOnlyObjectProperty<LoadedModel> model, Runnable openGetModel) {
        setId("predictions");
        setSpacing(4);
        setPadding(new Insets(8));
        Label title = Tr.bind(new Label(), "ui.predictions.title");
        title.getStyleClass().add("section");
        rows.setHgap(6);
        rows.setVgap(3);
        demoNote.setId("demoNote");
        demoNote.setWrapText(true);
        demoNote.setMaxWidth(260);
        demoNote.getStyleClass().add("hint");
        getModel.setId("demoGetModel");
        getModel.setOnAction(e -> openGetModel.run());
        demoBox.managedProperty().bind(demoBox.visibleProperty());
        getChildren().addAll(title, rows, demoBox);
        analysed.addListener((o, a, v) -> show(v));
        show(analysed.get());
        model.addListener((o, a, v) -> note(v));
        Tr.onChange(this, () -> note(model.get()));
        Tr.afterChange(this, () -> show(analysed.get()));      // generic class names, in the language
    }

    /** Says what the demo model knows, so that "star 96%" for a cat photo is not read as a verdict. */
    private void note(LoadedModel model) {
        boolean demo = model != null && BundledModel.isBundled(model.source());
        demoBox.setVisible(demo);
        if (demo) {
            demoNote.setText(Messages.get("ui.predictions.demoNote", model.labels().size(),
                    String.join(Messages.get("ui.list.separator"), model.labels().all())));
        }
    }

    private void show(AnalysedImage analysed) {
        rows.getChildren().clear();
        if (analysed == null) {
            rows.add(new Label("—"), 0, 0);
            return;
        }
        if (!analysed.config().hasClassifier()) {
            Label none = Tr.bind(new Label(), "ui.predictions.noClassifier");
            none.setWrapText(true);
            none.setMaxWidth(280);
            none.setId("no-classifier");
            rows.add(none, 0, 0);
            return;
        }
        float[] probabilities = analysed.inference().probabilities();
        int[] top = analysed.inference().topK(analysed.labels().length);
        for (int i = 0; i < top.length; i++) {
            Label name = new Label(io.swinlens.model.load.ClassLabels.shown(analysed.labels()[i]));
            name.setId("prediction-" + i);
            name.setMaxWidth(150);
            ProgressBar bar = new ProgressBar(probabilities[top[i]]);
            bar.setPrefWidth(80);
            Label percent = new Label(String.format(Locale.ROOT, "%5.1f%%", 100 * probabilities[top[i]]));
            rows.addRow(i, name, bar, percent);
        }
    }
}
