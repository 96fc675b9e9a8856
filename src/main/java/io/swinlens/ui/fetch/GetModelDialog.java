package io.swinlens.ui.fetch;

import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.common.UiFonts;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Model > Get model…: the catalogue's models (name, description, size, downloaded or not), Download with a
 * progress bar and Cancel, the one-line error of a failed download, and Open once one has arrived.
 */
public final class GetModelDialog extends BorderPane {

    private final GetModelViewModel viewModel;
    private final TableView<ModelCatalogue.Entry> table = new TableView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final Button download = Tr.bind(new Button(), "ui.getModel.download");
    private final Button cancel = Tr.bind(new Button(), "ui.getModel.cancel");
    private final Button open = Tr.bind(new Button(), "ui.getModel.open");

    /** @param openModel sets a downloaded checkpoint as the current model (as File > Open weights does) */
    public GetModelDialog(GetModelViewModel viewModel, Consumer<Path> openModel, Runnable close) {
        this.viewModel = viewModel;
        setId("getModelDialog");
        table.setId("catalogueTable");
        table.getColumns().add(column("ui.getModel.column.model", ModelCatalogue.Entry::name, 110));
        table.getColumns().add(column("ui.getModel.column.description", GetModelViewModel::description, 400));
        table.getColumns().add(column("ui.getModel.column.size", GetModelViewModel::size, 80));
        table.getColumns().add(column("ui.getModel.column.downloaded",
                e -> Tr.get(GetModelViewModel.isDownloaded(e) ? "ui.getModel.yes" : "ui.getModel.no"), 100));
        table.getItems().setAll(viewModel.entries());
        table.getSelectionModel().selectFirst();
        table.setPrefHeight(200);

        download.setId("download");
        cancel.setId("cancelDownload");
        open.setId("openDownloaded");
        progress.setId("downloadProgress");
        message.setId("downloadMessage");
        progress.setMaxWidth(Double.MAX_VALUE);
        download.disableProperty().bind(viewModel.runningProperty().or(table.getSelectionModel().selectedItemProperty().isNull()));
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        open.visibleProperty().bind(viewModel.downloadedProperty().isNotNull());
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.runningProperty().or(viewModel.downloadedProperty().isNotNull()));
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.failedProperty().addListener((o, was, now) -> message.setStyle(now ? "-fx-text-fill: #b00020;" : ""));
        viewModel.runningProperty().addListener((o, was, now) -> { if (!now) table.refresh(); });
        download.setOnAction(e -> viewModel.download(table.getSelectionModel().getSelectedItem()));
        cancel.setOnAction(e -> viewModel.cancel());
        open.setOnAction(e -> {
            openModel.accept(viewModel.downloadedProperty().get());
            close.run();
        });
        Button closeButton = Tr.bind(new Button(), "ui.getModel.close");
        closeButton.setOnAction(e -> {
            viewModel.cancel();
            close.run();
        });

        Label hint = Tr.bind(new Label(), "ui.getModel.hint");
        hint.setWrapText(true);
        HBox buttons = new HBox(8, download, cancel, open, new HBox(), closeButton);
        HBox.setHgrow(buttons.getChildren().get(3), Priority.ALWAYS);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(8, progress, message, buttons);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setTop(hint);
        setCenter(table);
        setBottom(bottom);
        setPadding(new Insets(12));
        BorderPane.setMargin(hint, new Insets(0, 0, 8, 0));
    }

    private static TableColumn<ModelCatalogue.Entry, String> column(String titleKey, Function<ModelCatalogue.Entry, String> value, double width) {
        TableColumn<ModelCatalogue.Entry, String> c = new TableColumn<>();
        c.textProperty().bind(Tr.text(titleKey));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public TableView<ModelCatalogue.Entry> table() { return table; }

    public GetModelViewModel viewModel() { return viewModel; }

    /** Opens the dialog as a window of its own; returns its stage (tests look into it). */
    public static Stage show(Window owner, ModelCatalogue catalogue, Consumer<Path> openModel) {
        Stage stage = new Stage();
        GetModelViewModel vm = new GetModelViewModel(catalogue);
        GetModelDialog dialog = new GetModelDialog(vm, openModel, stage::close);
        stage.titleProperty().bind(Tr.text("ui.getModel.title"));
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setOnHidden(e -> vm.close());
        stage.setScene(new Scene(UiFonts.follow(dialog), 780, 380));
        stage.show();
        return stage;
    }
}
