package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Messages;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.task.UiTaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;

/** Progress and Cancel of the background job, then model, variant, image size, inference time, token. */
final class StatusBarView extends StatusBar {

    private final MainViewModel viewModel;
    private final Label model = new Label();
    private final Label image = new Label();
    private final Label time = new Label();
    private final Label token = new Label();

    StatusBarView(MainViewModel viewModel) {
        this.viewModel = viewModel;
        setId("statusBar");
        UiTaskExecutor executor = viewModel.executor();
        Button cancel = Tr.bind(new Button(), "ui.status.cancel");
        cancel.setId("cancelButton");
        cancel.setMinWidth(Region.USE_PREF_SIZE);          // never "Ca…" while a long job runs
        cancel.visibleProperty().bind(executor.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        textProperty().bind(Bindings.when(executor.runningProperty()).then(executor.messageProperty())
                .otherwise(Bindings.when(executor.messageProperty().isEmpty()).then(Tr.text("ui.status.ready")).otherwise(executor.messageProperty())));
        progressProperty().bind(Bindings.when(executor.runningProperty()).then(executor.progressProperty()).otherwise(0.0));
        model.setId("statusModel");
        token.setId("statusToken");
        getLeftItems().add(cancel);
        getRightItems().addAll(model, separator(), image, separator(), time, separator(), token);
        viewModel.modelProperty().addListener(o -> update());
        viewModel.shownImageProperty().addListener(o -> update());
        viewModel.controls().settingsProperty().addListener(o -> update());
        Tr.onChange(this, this::update);
        // in a narrow window the model's name gives way ("…", the whole of it in a tooltip) before the job's message on
        // the left, which the bar otherwise squeezed until "Ready" ran into the name
        model.maxWidthProperty().bind(widthProperty().multiply(0.4));
        model.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.textProperty());
        model.setTooltip(whole);
    }

    private static Separator separator() { return new Separator(Orientation.VERTICAL); }

    private void update() {
        LoadedModel m = viewModel.modelProperty().get();
        model.setText(m == null ? Messages.get("ui.status.noModel") : Messages.get("ui.status.model", m.displayName(), m.config().name(),
                m.config().version().label(), m.config().hasClassifier() ? "" : Messages.get("ui.status.backbone"), m.config().embedDim(),
                m.config().windowSize(), m.config().numStages()));
        AnalysedImage a = viewModel.analysed();
        if (a == null) {
            image.setText(Messages.get("ui.status.noImage"));
            time.setText("");
            token.setText("");
            return;
        }
        image.setText(a.source().getFileName() + " · " + a.input().width() + "×" + a.input().height());
        time.setText(Messages.get("ui.status.inference", a.inference().nanos() / 1e6));
        token.setText(tokenText(a, viewModel.settings()));
    }

    /** "token (row 3, col 5) of 16×16 · window 6" at the selected stage. */
    static String tokenText(AnalysedImage a, ViewSettings s) {
        int px = a.tokenPixels(s.stage());
        int x = s.queryX() < 0 ? a.input().width() / 2 : s.queryX();
        int y = s.queryY() < 0 ? a.input().height() / 2 : s.queryY();
        var g = a.inference().attention(s.stage(), s.block()).geometry();
        int row = Math.min(g.height() - 1, y / px);
        int col = Math.min(g.width() - 1, x / px);
        return Messages.get("ui.status.token", row, col, g.height(), g.width());
    }
}
