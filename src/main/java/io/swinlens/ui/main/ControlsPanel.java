package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.BlockGeometry;
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
import java.util.Locale;
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
    private final ToggleButton query = new ToggleButton("Query");
    private final ToggleButton received = new ToggleButton("Received");
    private final CheckBox heatmap = new CheckBox("Heatmap (H)");
    private final CheckBox patchGrid = new CheckBox("Patch grid (G)");
    private final CheckBox windows = new CheckBox("Window grid of the block (W)");
    private final CheckBox shifted = new CheckBox("Shifted windows, SW-MSA (S)");
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
        head.setConverter(converter(h -> h.kind() == HeadChoice.Kind.ONE ? "head " + h.index() : h.id()));
        colormap.setId("colormapChoice");
        colormap.setConverter(converter(Colormap::id));
        normalisation.setId("normalisationChoice");
        normalisation.setConverter(converter(n -> n.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
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
        selectors.addRow(0, fixed("Stage"), stage);
        selectors.addRow(1, fixed("Block"), block);
        selectors.addRow(2, fixed("Head"), head);
        blockKind.setWrapText(true);
        getChildren().addAll(section("Attention"), selectors, blockKind, mode, section("Layers"), heatmap, patchGrid, windows, shifted,
                followMouse, new Label("Heatmap opacity"), opacity, section("Colour"), colormap, colorbar,
                new Label("Normalise per"), normalisation);
        wire();
        disableProperty().bind(viewModel.shownImageProperty().isNull());
        viewModel.controls().settingsProperty().addListener(o -> sync());
        viewModel.shownImageProperty().addListener(o -> sync());
        sync();
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
        return g.kind() + ", " + g.windowsDown() + "×" + g.windowsAcross() + " windows of " + g.window() + "×" + g.window()
                + (g.padded() ? " (map padded to %d×%d)".formatted(g.paddedHeight(), g.paddedWidth()) : "");
    }

    private static void setItems(ChoiceBox<Integer> box, int count, int value) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) items.add(i);
        if (!box.getItems().equals(items)) box.getItems().setAll(items);
        box.setValue(Math.min(value, count - 1));
    }

    private static Label fixed(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label section(String text) {
        Label label = new Label(text);
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
