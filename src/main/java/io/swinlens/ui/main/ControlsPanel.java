package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.Tr;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Selectors for what the image view shows: stage, block, head, heatmap mode, layers, opacity,
 * colormap and normalisation. Mirrors the view model's settings; user changes go back through
 * {@link ViewControls}. No state of its own.
 */
final class ControlsPanel extends VBox {

    private final MainViewModel viewModel;
    private final ChoiceBox<Integer> stage = new ChoiceBox<>();
    private final ChoiceBox<Integer> block = new ChoiceBox<>();
    private final ChoiceBox<HeadChoice> head = new ChoiceBox<>();
    private final ToggleButton query = Tr.bind(new ToggleButton(), "ui.controls.query");
    private final ToggleButton received = Tr.bind(new ToggleButton(), "ui.controls.received");
    private final CheckBox heatmap = Tr.bind(new CheckBox(), "ui.controls.heatmap");
    private final CheckBox patchGrid = Tr.bind(new CheckBox(), "ui.controls.patchGrid");
    private final CheckBox windows = Tr.bind(new CheckBox(), "ui.controls.windows");
    private final CheckBox shifted = Tr.bind(new CheckBox(), "ui.controls.shifted");
    private final Slider opacity = new Slider(0, 1, 0.6);
    private final ComboBox<Colormap> colormap = new ComboBox<>(FXCollections.observableArrayList(Colormap.values()));
    private final ChoiceBox<Normalisation> normalisation = new ChoiceBox<>(FXCollections.observableArrayList(Normalisation.values()));
    private final ColorbarView colorbar = new ColorbarView();
    private final Label blockKind = new Label();
    private boolean updating;

    ControlsPanel(MainViewModel viewModel, CheckBox followMouse) {
        this.viewModel = viewModel;
        setId("controlsPanel");
        getStyleClass().add("side-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        stage.setId("stageChoice");
        block.setId("blockChoice");
        head.setId("headChoice");
        colormap.setId("colormapChoice");
        normalisation.setId("normalisationChoice");
        Tr.onChange(this, this::setConverters);
        opacity.setId("opacitySlider");
        heatmap.setId("heatmapToggle");
        patchGrid.setId("patchGridToggle");
        windows.setId("windowsToggle");
        shifted.setId("shiftedToggle");
        query.setId("queryMode");
        received.setId("receivedMode");
        SegmentedButton mode = new SegmentedButton(query, received);
        blockKind.getStyleClass().add("hint");

        GridPane selectors = new GridPane();
        selectors.setHgap(6);
        selectors.setVgap(4);
        selectors.addRow(0, fixed("ui.controls.stage"), stage);
        selectors.addRow(1, fixed("ui.controls.block"), block);
        selectors.addRow(2, fixed("ui.controls.head"), head);
        blockKind.setWrapText(true);
        getChildren().addAll(section("ui.controls.attention"), selectors, blockKind, mode, section("ui.controls.layers"), heatmap, patchGrid,
                windows, shifted, followMouse, Tr.bind(new Label(), "ui.controls.opacity"), opacity, section("ui.controls.colour"), colormap,
                colorbar, Tr.bind(new Label(), "ui.controls.normalisePer"), normalisation);
        wire();
        disableProperty().bind(viewModel.shownImageProperty().isNull());
        viewModel.controls().settingsProperty().addListener(o -> sync());
        viewModel.shownImageProperty().addListener(o -> sync());
        sync();
        Tr.afterChange(this, this::sync);                // the block's description
    }

    /** The choices' names in the current language (a new converter redraws the shown value and the list). */
    private void setConverters() {
        head.setConverter(converter(HeadChoice::label));
        colormap.setConverter(converter(Colormap::label));
        normalisation.setConverter(converter(Normalisation::label));
    }

    private void wire() {
        ViewControls c = viewModel.controls();
        onChange(stage, v -> c.setStage(v));
        onChange(block, v -> c.setBlock(v));
        onChange(head, c::setHead);
        onChange(normalisation, c::setNormalisation);
        colormap.valueProperty().addListener((o, a, v) -> { if (!updating && v != null) c.setColormap(v); });
        query.setOnAction(e -> { if (!updating) c.setMode(HeatmapMode.QUERY); sync(); });
        received.setOnAction(e -> { if (!updating) c.setMode(HeatmapMode.RECEIVED); sync(); });
        heatmap.setOnAction(e -> c.setShowHeatmap(heatmap.isSelected()));
        patchGrid.setOnAction(e -> c.setShowPatchGrid(patchGrid.isSelected()));
        windows.setOnAction(e -> c.setShowWindows(windows.isSelected()));
        shifted.setOnAction(e -> c.setShowShifted(shifted.isSelected()));
        opacity.valueProperty().addListener((o, a, v) -> { if (!updating) c.setOpacity(v.doubleValue()); });
    }

    private <T> void onChange(ChoiceBox<T> box, Consumer<T> action) {
        box.valueProperty().addListener((o, a, v) -> { if (!updating && v != null) action.accept(v); });
    }

    /** Copies the settings into the controls without echoing the changes back. */
    private void sync() {
        updating = true;
        try {
            ViewSettings s = viewModel.settings();
            SwinConfig config = viewModel.analysed() == null ? null : viewModel.analysed().config();
            setItems(stage, config == null ? 1 : config.numStages(), s.stage());
            setItems(block, config == null ? 1 : config.depth(s.stage()), s.block());
            List<HeadChoice> heads = new ArrayList<>();
            for (int i = 0; i < (config == null ? 1 : config.heads(s.stage())); i++) heads.add(HeadChoice.one(i));
            heads.add(HeadChoice.mean());
            heads.add(HeadChoice.all());
            if (!head.getItems().equals(heads)) head.getItems().setAll(heads);
            head.setValue(s.head());
            query.setSelected(s.mode() == HeatmapMode.QUERY);
            received.setSelected(s.mode() == HeatmapMode.RECEIVED);
            heatmap.setSelected(s.showHeatmap());
            patchGrid.setSelected(s.showPatchGrid());
            windows.setSelected(s.showWindows());
            shifted.setSelected(s.showShifted());
            opacity.setValue(s.opacity());
            colormap.setValue(s.colormap());
            colorbar.show(s.colormap());
            normalisation.setValue(s.normalisation());
            blockKind.setText(config == null ? "" : kind(config, s));
        } finally {
            updating = false;
        }
    }

    private String kind(SwinConfig config, ViewSettings s) {
        var analysed = viewModel.analysed();
        BlockGeometry g = analysed.inference().attention(s.stage(), s.block()).geometry();
        String windows = Messages.get("ui.controls.blockKind", g.kind(), g.windowsDown(), g.windowsAcross(), g.window());
        return g.padded() ? windows + Messages.get("ui.controls.blockKind.padded", g.paddedHeight(), g.paddedWidth()) : windows;
    }

    private static void setItems(ChoiceBox<Integer> box, int count, int value) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) items.add(i);
        if (!box.getItems().equals(items)) box.getItems().setAll(items);
        box.setValue(Math.min(value, count - 1));
    }

    private static Label fixed(String key) {
        Label label = Tr.bind(new Label(), key);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label section(String key) {
        Label label = Tr.bind(new Label(), key);
        label.getStyleClass().add("section");
        return label;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override public String toString(T value) { return value == null ? "" : text.apply(value); }

            @Override public T fromString(String string) { throw new UnsupportedOperationException(); }
        };
    }
}
