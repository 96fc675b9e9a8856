package io.swinlens.ui.main;

import io.swinlens.analysis.ExportStyle;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.Diverging;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.fetch.ModelFetcher;
import io.swinlens.ui.fetch.GetModelDialog;
import io.swinlens.ui.fetch.GetModelViewModel;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.common.ExportAction;
import io.swinlens.ui.teaching.TeachingTab;
import javafx.stage.Stage;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Font;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The menu bar and the commands behind it (file choosers, paste, exports, help). */
public final class MainMenu {

    /** Captures one export from what is on screen (FX thread). */
    private interface ExportSource { ExportAction prepare() throws IOException; }

    private final MainController controller;
    private final MainViewModel viewModel;
    private final UiPreferences preferences;
    private final Exports exports;
    private final MenuBar bar = new MenuBar();
    private final Menu recent = new Menu("Open recent");
    private final Executor background;
    private ExportStyle exportStyle = ExportStyle.FULL;

    /** @param background where exports and pasted images are written (never the FX thread) */
    MainMenu(MainController controller, MainViewModel viewModel, UiPreferences preferences, Executor background) {
        this.controller = controller;
        this.background = background;
        this.viewModel = viewModel;
        this.preferences = preferences;
        this.exports = new Exports(viewModel);
        bar.setId("menuBar");
        bar.getMenus().addAll(file(), view(), model(), teach(), help());
        refreshRecent();
    }

    MenuBar bar() { return bar; }

    public Exports exports() { return exports; }

    private Menu file() {
        MenuItem openImage = item("Open image…", "Shortcut+O", this::chooseImages);
        MenuItem openWeights = item("Open weights…", "Shortcut+Shift+O", this::chooseWeights);
        MenuItem paste = item("Paste image", "Shortcut+V", this::paste);
        MenuItem exportView = item("Export view as PNG…", "Shortcut+E", this::exportView);
        Menu exportOptions = exportOptions();
        MenuItem exportGallery = item("Export head gallery as PNG…", null, () -> export("heads", "png", exports::headGallery));
        MenuItem exportOverview = item("Export model overview as PNG…", null, () -> export("overview", "png", exports::modelOverview));
        MenuItem exportNpy = item("Export attention as .npy…", null, () -> export("attention", "npy", exports::attention));
        for (MenuItem m : List.of(exportView, exportGallery, exportOverview, exportNpy)) {
            m.disableProperty().bind(viewModel.shownImageProperty().isNull());
        }
        MenuItem quit = item("Quit", "Shortcut+Q", Platform::exit);
        recent.setId("recentMenu");
        return new Menu("File", null, openImage, openWeights, recent, paste, new SeparatorMenuItem(),
                exportView, exportOptions, exportGallery, exportOverview, exportNpy, new SeparatorMenuItem(), quit);
    }

    /** File > Export view: the selected teaching view when one is showing, else the image view. */
    private void exportView() {
        Optional<TeachingTab> teaching = controller.selectedTeachingTab();
        if (teaching.isEmpty()) {
            export("view", "png", () -> exports.view(exportStyle));
            return;
        }
        ExportAction action;
        try {
            action = controller.teaching().export(teaching.get());
        } catch (IOException e) {
            controller.showMessage(e.getMessage(), true);
            return;
        }
        FileChooser chooser = chooser("Export view");
        chooser.setInitialFileName(controller.teaching().suggestedName(teaching.get()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        File file = chooser.showSaveDialog(window());     // the chooser asks before replacing a file
        if (file == null) return;
        remember(file);
        writeInBackground(file.toPath(), action);
    }

    /** File > Export options: caption and colorbar on or off, and the picture's width; remembered. */
    private Menu exportOptions() {
        exportStyle = new ExportStyle(preferences.getBoolean("exportCaption", true), preferences.getBoolean("exportColorbar", true),
                validWidth(preferences.getInt("exportWidth", 0)));
        CheckMenuItem caption = new CheckMenuItem("Caption");
        caption.setId("exportCaption");
        caption.setSelected(exportStyle.caption());
        caption.setOnAction(e -> setExportStyle(exportStyle.withCaption(caption.isSelected())));
        CheckMenuItem colorbar = new CheckMenuItem("Colorbar");
        colorbar.setId("exportColorbar");
        colorbar.setSelected(exportStyle.colorbar());
        colorbar.setOnAction(e -> setExportStyle(exportStyle.withColorbar(colorbar.isSelected())));
        Menu size = new Menu("Size");
        ToggleGroup sizes = new ToggleGroup();
        for (int px : new int[]{0, 512, 1024, 2048, 4096}) {
            RadioMenuItem m = new RadioMenuItem(px == 0 ? "As on screen (the view's scale)" : px + " px wide");
            m.setId("exportWidth-" + px);
            m.setToggleGroup(sizes);
            m.setSelected(exportStyle.width() == px);
            m.setOnAction(e -> setExportStyle(exportStyle.withWidth(px)));
            size.getItems().add(m);
        }
        Menu menu = new Menu("Export options (view)", null, caption, colorbar, size);
        menu.setId("exportOptions");
        return menu;
    }

    private static int validWidth(int px) {
        return px == 0 || px >= ExportStyle.MIN_WIDTH && px <= ExportStyle.MAX_WIDTH ? px : 0;
    }

    private void setExportStyle(ExportStyle style) {
        exportStyle = style;
        preferences.putBoolean("exportCaption", style.caption());
        preferences.putBoolean("exportColorbar", style.colorbar());
        preferences.putInt("exportWidth", style.width());
    }

    /** How File > Export view frames the picture. */
    public ExportStyle exportStyle() { return exportStyle; }

    /** Teach: one item per teaching view, Ctrl+1..9. */
    private Menu teach() {
        Menu menu = new Menu("Teach");
        menu.setId("teachMenu");
        for (TeachingTab tab : TeachingTab.values()) {
            MenuItem m = item(tab.menuTitle(), "Shortcut+" + (tab.ordinal() + 1), () -> controller.show(tab));
            m.setId("teach-" + tab.ordinal());
            menu.getItems().add(m);
        }
        return menu;
    }

    private Menu view() {
        ViewControls c = viewModel.controls();
        CheckMenuItem heatmap = check("Heatmap", "H", () -> viewModel.settings().showHeatmap(), c::setShowHeatmap);
        CheckMenuItem grid = check("Patch grid", "G", () -> viewModel.settings().showPatchGrid(), c::setShowPatchGrid);
        CheckMenuItem windows = check("Window grid of the block", "W", () -> viewModel.settings().showWindows(), c::setShowWindows);
        CheckMenuItem shifted = check("Shifted windows (SW-MSA)", "S", () -> viewModel.settings().showShifted(), c::setShowShifted);
        MenuItem query = item("Query mode", null, () -> c.setMode(HeatmapMode.QUERY));
        MenuItem received = item("Received mode", null, () -> c.setMode(HeatmapMode.RECEIVED));
        MenuItem mean = item("Mean of heads", null, () -> c.setHead(HeadChoice.mean()));
        MenuItem all = item("All heads", null, () -> c.setHead(HeadChoice.all()));
        Menu signed = new Menu("Signed values (scores, bias)");
        signed.setId("signedMap");
        ToggleGroup signedGroup = new ToggleGroup();
        Diverging remembered = rememberedSignedMap();
        viewModel.setSignedMap(remembered);
        for (Diverging d : Diverging.values()) {
            RadioMenuItem m = new RadioMenuItem(d == Diverging.RED_BLUE ? "Blue – white – red" : "Green – white – purple (colour-blind safe)");
            m.setId("signed-" + d.id());
            m.setToggleGroup(signedGroup);
            m.setSelected(d == remembered);
            m.setOnAction(e -> {
                viewModel.setSignedMap(d);
                preferences.put("signedMap", d.id());
            });
            signed.getItems().add(m);
        }
        return new Menu("View", null, heatmap, grid, windows, shifted, new SeparatorMenuItem(), query, received,
                new SeparatorMenuItem(), mean, all, new SeparatorMenuItem(), signed);
    }

    private Diverging rememberedSignedMap() {
        try {
            return Diverging.parse(preferences.get("signedMap", Diverging.RED_BLUE.id()));
        } catch (IllegalArgumentException e) {
            return Diverging.RED_BLUE;
        }
    }

    /** A check item that follows the settings (single keys are handled by {@link Shortcuts}, shown here as hints). */
    private CheckMenuItem check(String text, String key, BooleanSupplier state, Consumer<Boolean> set) {
        CheckMenuItem item = new CheckMenuItem(text + "   (" + key + ")");
        item.setSelected(state.getAsBoolean());
        viewModel.controls().settingsProperty().addListener(o -> item.setSelected(state.getAsBoolean()));
        item.setOnAction(e -> set.accept(item.isSelected()));
        return item;
    }

    private Menu model() {
        Menu preprocess = new Menu("Preprocessing");
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem automatic = new RadioMenuItem("Model's default");
        automatic.setToggleGroup(group);
        automatic.setSelected(true);
        automatic.setOnAction(e -> viewModel.setPreprocess(null));
        preprocess.getItems().add(automatic);
        for (Preprocess p : Preprocess.values()) {
            RadioMenuItem item = new RadioMenuItem(p.id());
            item.setToggleGroup(group);
            item.setOnAction(e -> viewModel.setPreprocess(p));
            preprocess.getItems().add(item);
        }
        Menu size = new Menu("Input size");
        size.setId("inputSize");
        ToggleGroup sizes = new ToggleGroup();
        for (double scale : new double[]{1, 1.5, 2}) {
            RadioMenuItem item = new RadioMenuItem(scale == 1 ? "Training size" : "%s × training size (finer maps; accuracy may drop)"
                    .formatted(scale == 2 ? "2" : "1.5"));
            item.setToggleGroup(sizes);
            item.setSelected(scale == viewModel.inputScale());
            item.setOnAction(e -> viewModel.setInputScale(scale));
            size.getItems().add(item);
        }
        Menu fetched = new Menu("Downloaded models");
        fetched.setId("downloadedModels");
        MenuItem getModel = item("Get model…", "Shortcut+Shift+G", this::getModel);
        getModel.setId("getModel");
        MenuItem demo = item("Demo model", null, viewModel::openDemoModel);
        demo.setId("demoModel");
        Menu model = new Menu("Model", null, item("Open weights…", null, this::chooseWeights), getModel, demo, fetched, preprocess, size);
        model.setOnShowing(e -> refreshFetched(fetched));
        refreshFetched(fetched);
        return model;
    }

    /** The catalogue models already in the cache, each opened as File > Open weights would. */
    private void refreshFetched(Menu fetched) {
        fetched.getItems().clear();
        for (ModelCatalogue.Entry e : ModelCatalogue.bundled().entries()) {
            if (!GetModelViewModel.isDownloaded(e)) continue;
            MenuItem m = new MenuItem(e.name());
            m.setMnemonicParsing(false);
            m.setOnAction(a -> viewModel.openWeights(ModelFetcher.fileOf(e)));
            fetched.getItems().add(m);
        }
        fetched.setDisable(fetched.getItems().isEmpty());
    }

    /** Model > Get model…: the catalogue dialog; a downloaded model becomes the current one on request. */
    public Stage getModel() { return getModel(ModelCatalogue.bundled()); }

    public Stage getModel(ModelCatalogue catalogue) {
        return GetModelDialog.show(window(), catalogue, viewModel::openWeights);
    }

    private Menu help() {
        return new Menu("Help", null, item("Keyboard shortcuts", "F1", this::showShortcuts));
    }

    void refreshRecent() {
        recent.getItems().clear();
        for (Path file : preferences.recentFiles()) {
            MenuItem m = new MenuItem(file.getFileName() + "  —  " + file.getParent());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> controller.open(List.of(file.toFile())));
            recent.getItems().add(m);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private Window window() { return bar.getScene() == null ? null : bar.getScene().getWindow(); }

    private void chooseImages() {
        FileChooser chooser = chooser("Open image(s)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images and tensors", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.npy"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            remember(files.get(0));
            controller.open(files);
        }
    }

    private void chooseWeights() {
        FileChooser chooser = chooser("Open weights");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.pth", "*.pt", "*.bin", "*.ckpt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            remember(file);
            viewModel.openWeights(file.toPath());
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File dir = new File(preferences.get("lastDirectory", System.getProperty("user.home")));
        if (dir.isDirectory()) chooser.setInitialDirectory(dir);
        return chooser;
    }

    private void remember(File chosen) {
        if (chosen.getParentFile() != null) preferences.put("lastDirectory", chosen.getParentFile().getAbsolutePath());
    }

    /** Ctrl+V: files on the clipboard are opened; a bitmap is written to a temporary PNG first (off the FX thread). */
    public void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasFiles()) {
            controller.open(clipboard.getFiles());
        } else if (clipboard.hasImage()) {
            BufferedImage pasted = SwingFXUtils.fromFXImage(clipboard.getImage(), null);
            background.execute(() -> {
                try {
                    Path temp = Files.createTempFile("swinlens-pasted-", ".png");
                    temp.toFile().deleteOnExit();
                    ImageIO.write(pasted, "png", temp.toFile());
                    Platform.runLater(() -> viewModel.open(List.of(temp)));
                } catch (IOException e) {
                    Platform.runLater(() -> controller.showMessage("cannot keep the pasted image: " + e.getMessage(), true));
                }
            });
        } else {
            controller.showMessage("The clipboard holds no image or file to open.", false);
        }
    }

    private void export(String kind, String extension, ExportSource source) {
        ExportAction action;
        try {
            action = source.prepare();
        } catch (IOException e) {
            controller.showMessage(e.getMessage(), true);
            return;
        }
        FileChooser chooser = chooser("Export " + kind);
        chooser.setInitialFileName(exports.suggestedName(kind, extension));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(), "*." + extension));
        File file = chooser.showSaveDialog(window());     // the chooser asks before replacing a file
        if (file == null) return;
        remember(file);
        writeInBackground(file.toPath(), action);
    }

    /** Renders and writes off the FX thread; the outcome comes back as a banner. */
    private void writeInBackground(Path target, ExportAction action) {
        controller.showMessage("Saving " + target.getFileName() + "…", false);
        background.execute(() -> {
            String message;
            boolean error;
            try {
                action.write(target);
                message = "Saved " + target.getFileName();
                error = false;
            } catch (IOException | RuntimeException e) {
                message = e instanceof IOException io ? AtomicFiles.describe(target, io) : MainViewModel.describe(e);
                error = true;
            } catch (OutOfMemoryError e) {
                message = "not enough memory to export " + target.getFileName();
                error = true;
            }
            String text = message;
            boolean failed = error;
            Platform.runLater(() -> controller.showMessage(text, failed));
        });
    }

    private void showShortcuts() {
        TextArea text = new TextArea(Shortcuts.HELP);
        text.setEditable(false);
        text.setFont(Font.font("Monospaced", 12));
        // sized by the longest line and the line count, so that the right column is never cut off
        String[] lines = Shortcuts.HELP.split("\n");
        text.setPrefColumnCount(java.util.Arrays.stream(lines).mapToInt(String::length).max().orElse(60) + 4);
        text.setPrefRowCount(lines.length + 3);
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("SwinLens keyboard shortcuts");
        alert.getDialogPane().setContent(text);
        alert.show();
    }
}
