package io.swinlens.ui.main;

import io.swinlens.analysis.ExportStyle;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.Diverging;
import io.swinlens.analysis.HeatmapMode;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.fetch.ModelFetcher;
import io.swinlens.ui.fetch.GetModelDialog;
import io.swinlens.ui.fetch.GetModelViewModel;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.common.ExportAction;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.common.UiFonts;
import io.swinlens.ui.teaching.TeachingTab;
import javafx.stage.Stage;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The menu bar and the commands behind it (file choosers, paste, exports, help). */
public final class MainMenu {

    /** Captures one export from what is on screen (FX thread). */
    private interface ExportSource { ExportAction prepare() throws IOException; }

    private final MainController controller;
    private final MainViewModel viewModel;
    private final UiPreferences preferences;
    private final Exports exports;
    private final MenuBar bar = new MenuBar();
    private javafx.beans.value.ChangeListener<io.swinlens.i18n.Language> languageTick;
    private final Menu recent = Tr.bind(new Menu(), "ui.menu.file.openRecent");
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
        MenuItem openImage = item("ui.menu.file.openImage", "Shortcut+O", this::chooseImages);
        MenuItem openWeights = item("ui.menu.file.openWeights", "Shortcut+Shift+O", this::chooseWeights);
        MenuItem paste = item("ui.menu.file.paste", "Shortcut+V", this::paste);
        MenuItem exportView = item("ui.menu.file.exportView", "Shortcut+E", this::exportView);
        Menu exportOptions = exportOptions();
        MenuItem exportGallery = item("ui.menu.file.exportGallery", null, () -> export("heads", "png", exports::headGallery));
        MenuItem exportOverview = item("ui.menu.file.exportOverview", null, () -> export("overview", "png", exports::modelOverview));
        MenuItem exportNpy = item("ui.menu.file.exportNpy", null, () -> export("attention", "npy", exports::attention));
        for (MenuItem m : List.of(exportView, exportGallery, exportOverview, exportNpy)) {
            m.disableProperty().bind(viewModel.shownImageProperty().isNull());
        }
        MenuItem quit = item("ui.menu.file.quit", "Shortcut+Q", Platform::exit);
        recent.setId("recentMenu");
        return menu("ui.menu.file", openImage, openWeights, recent, paste, new SeparatorMenuItem(),
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
        FileChooser chooser = chooser(Tr.get("ui.chooser.export.view"));
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
        CheckMenuItem caption = Tr.bind(new CheckMenuItem(), "ui.menu.exportOptions.caption");
        caption.setId("exportCaption");
        caption.setSelected(exportStyle.caption());
        caption.setOnAction(e -> setExportStyle(exportStyle.withCaption(caption.isSelected())));
        CheckMenuItem colorbar = Tr.bind(new CheckMenuItem(), "ui.menu.exportOptions.colorbar");
        colorbar.setId("exportColorbar");
        colorbar.setSelected(exportStyle.colorbar());
        colorbar.setOnAction(e -> setExportStyle(exportStyle.withColorbar(colorbar.isSelected())));
        Menu size = menu("ui.menu.exportOptions.size");
        ToggleGroup sizes = new ToggleGroup();
        for (int px : new int[]{0, 512, 1024, 2048, 4096}) {
            RadioMenuItem m = px == 0 ? Tr.bind(new RadioMenuItem(), "ui.menu.exportOptions.asOnScreen")
                    : Tr.bind(new RadioMenuItem(), "ui.menu.exportOptions.width", px);
            m.setId("exportWidth-" + px);
            m.setToggleGroup(sizes);
            m.setSelected(exportStyle.width() == px);
            m.setOnAction(e -> setExportStyle(exportStyle.withWidth(px)));
            size.getItems().add(m);
        }
        Menu menu = menu("ui.menu.exportOptions", caption, colorbar, size);
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
        Menu menu = menu("ui.menu.teach");
        menu.setId("teachMenu");
        for (TeachingTab tab : TeachingTab.values()) {
            MenuItem m = item(tab::menuTitle, "Shortcut+" + (tab.ordinal() + 1), () -> controller.show(tab));
            m.setId("teach-" + tab.ordinal());
            menu.getItems().add(m);
        }
        return menu;
    }

    private Menu view() {
        ViewControls c = viewModel.controls();
        CheckMenuItem heatmap = check("ui.menu.view.heatmap", "H", () -> viewModel.settings().showHeatmap(), c::setShowHeatmap);
        CheckMenuItem grid = check("ui.menu.view.patchGrid", "G", () -> viewModel.settings().showPatchGrid(), c::setShowPatchGrid);
        CheckMenuItem windows = check("ui.menu.view.windows", "W", () -> viewModel.settings().showWindows(), c::setShowWindows);
        CheckMenuItem shifted = check("ui.menu.view.shifted", "S", () -> viewModel.settings().showShifted(), c::setShowShifted);
        MenuItem query = item("ui.menu.view.queryMode", null, () -> c.setMode(HeatmapMode.QUERY));
        MenuItem received = item("ui.menu.view.receivedMode", null, () -> c.setMode(HeatmapMode.RECEIVED));
        MenuItem mean = item("ui.menu.view.meanOfHeads", null, () -> c.setHead(HeadChoice.mean()));
        MenuItem all = item("ui.menu.view.allHeads", null, () -> c.setHead(HeadChoice.all()));
        Menu signed = menu("ui.menu.view.signed");
        signed.setId("signedMap");
        ToggleGroup signedGroup = new ToggleGroup();
        Diverging remembered = rememberedSignedMap();
        viewModel.setSignedMap(remembered);
        for (Diverging d : Diverging.values()) {
            RadioMenuItem m = Tr.bind(new RadioMenuItem(), d == Diverging.RED_BLUE ? "ui.menu.view.signed.redBlue" : "ui.menu.view.signed.greenPurple");
            m.setId("signed-" + d.id());
            m.setToggleGroup(signedGroup);
            m.setSelected(d == remembered);
            m.setOnAction(e -> {
                viewModel.setSignedMap(d);
                preferences.put("signedMap", d.id());
            });
            signed.getItems().add(m);
        }
        return menu("ui.menu.view", heatmap, grid, windows, shifted, new SeparatorMenuItem(), query, received,
                new SeparatorMenuItem(), mean, all, new SeparatorMenuItem(), signed, language());
    }

    /** View > Language: each language under its own name; a choice applies at once and is remembered. */
    private Menu language() {
        Menu menu = menu("ui.menu.view.language");
        menu.setId("languageMenu");
        ToggleGroup group = new ToggleGroup();
        for (Language language : Language.values()) {
            RadioMenuItem m = new RadioMenuItem(language.nativeName());
            m.setId("language-" + language.tag());
            m.setUserData(language);
            m.setToggleGroup(group);
            m.setOnAction(e -> {
                Tr.setLanguage(language);
                preferences.put(Startup.LANGUAGE_KEY, language.tag());
            });
            menu.getItems().add(m);
        }
        Runnable tick = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == Tr.languageProperty().get()));
        tick.run();
        languageTick = (o, was, now) -> tick.run();          // held here: the language holds it weakly
        Tr.languageProperty().addListener(new javafx.beans.value.WeakChangeListener<>(languageTick));
        return menu;
    }

    private Diverging rememberedSignedMap() {
        try {
            return Diverging.parse(preferences.get("signedMap", Diverging.RED_BLUE.id()));
        } catch (IllegalArgumentException e) {
            return Diverging.RED_BLUE;
        }
    }

    /** A check item that follows the settings (single keys are handled by {@link Shortcuts}, shown here as hints). */
    private CheckMenuItem check(String textKey, String key, BooleanSupplier state, Consumer<Boolean> set) {
        CheckMenuItem item = new CheckMenuItem();
        item.textProperty().bind(Tr.text(() -> Tr.get(textKey) + "   (" + key + ")"));
        item.setSelected(state.getAsBoolean());
        viewModel.controls().settingsProperty().addListener(o -> item.setSelected(state.getAsBoolean()));
        item.setOnAction(e -> set.accept(item.isSelected()));
        return item;
    }

    private Menu model() {
        Menu preprocess = menu("ui.menu.model.preprocessing");
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem automatic = Tr.bind(new RadioMenuItem(), "ui.menu.model.preprocessing.default");
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
        Menu size = menu("ui.menu.model.inputSize");
        size.setId("inputSize");
        ToggleGroup sizes = new ToggleGroup();
        for (double scale : new double[]{1, 1.5, 2}) {
            RadioMenuItem item = scale == 1 ? Tr.bind(new RadioMenuItem(), "ui.menu.model.inputSize.training")
                    : Tr.bind(new RadioMenuItem(), "ui.menu.model.inputSize.scaled", scale == 2 ? "2" : "1.5");
            item.setToggleGroup(sizes);
            item.setSelected(scale == viewModel.inputScale());
            item.setOnAction(e -> viewModel.setInputScale(scale));
            size.getItems().add(item);
        }
        Menu fetched = menu("ui.menu.model.downloaded");
        fetched.setId("downloadedModels");
        MenuItem getModel = item("ui.menu.model.getModel", "Shortcut+Shift+G", this::getModel);
        getModel.setId("getModel");
        MenuItem demo = item("ui.menu.model.demo", null, viewModel::openDemoModel);
        demo.setId("demoModel");
        Menu model = menu("ui.menu.model", item("ui.menu.file.openWeights", null, this::chooseWeights), getModel, demo, fetched, preprocess, size);
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
        return menu("ui.menu.help", item("ui.menu.help.shortcuts", "F1", this::showShortcuts));
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

    /** A menu whose title follows the language. */
    private static Menu menu(String key, MenuItem... items) {
        Menu menu = Tr.bind(new Menu(), key);
        menu.getItems().addAll(items);
        return menu;
    }

    private static MenuItem item(String key, String accelerator, Runnable action) {
        return item(() -> Tr.get(key), accelerator, action);
    }

    /** An item whose text {@code text} makes in the current language. */
    private static MenuItem item(Callable<String> text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem();
        item.textProperty().bind(Tr.text(text));
        if (accelerator != null) item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private Window window() { return bar.getScene() == null ? null : bar.getScene().getWindow(); }

    private void chooseImages() {
        FileChooser chooser = chooser(Tr.get("ui.chooser.openImages"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Tr.get("ui.chooser.filter.images"), "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.npy"),
                new FileChooser.ExtensionFilter(Tr.get("ui.chooser.filter.all"), "*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            remember(files.get(0));
            controller.open(files);
        }
    }

    private void chooseWeights() {
        FileChooser chooser = chooser(Tr.get("ui.chooser.openWeights"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Tr.get("ui.chooser.filter.checkpoints"), "*.safetensors", "*.pth", "*.pt", "*.bin", "*.ckpt"),
                new FileChooser.ExtensionFilter(Tr.get("ui.chooser.filter.all"), "*"));
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
                    String reason = e.getMessage();
                    Platform.runLater(() -> controller.showMessage(() -> Messages.get("ui.message.pasteFailed", reason), true, true));
                }
            });
        } else {
            controller.showMessage(() -> Messages.get("ui.message.clipboardEmpty"), false, false);
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
        FileChooser chooser = chooser(Tr.get("ui.chooser.export." + kind));
        chooser.setInitialFileName(exports.suggestedName(kind, extension));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(), "*." + extension));
        File file = chooser.showSaveDialog(window());     // the chooser asks before replacing a file
        if (file == null) return;
        remember(file);
        writeInBackground(file.toPath(), action);
    }

    /** Renders and writes off the FX thread; the outcome comes back as a banner. */
    private void writeInBackground(Path target, ExportAction action) {
        Path name = target.getFileName();
        controller.showMessage(() -> Messages.get("ui.message.saving", name), false, false);
        background.execute(() -> {
            Supplier<String> message;
            boolean error;
            try {
                action.write(target);
                message = () -> Messages.get("ui.message.saved", name);
                error = false;
            } catch (IOException | RuntimeException e) {
                String reason = e instanceof IOException io ? AtomicFiles.describe(target, io) : MainViewModel.describe(e);
                message = () -> reason;
                error = true;
            } catch (OutOfMemoryError e) {
                message = () -> Messages.get("ui.message.outOfMemory", name);
                error = true;
            }
            Supplier<String> text = message;
            boolean failed = error;
            Platform.runLater(() -> controller.showMessage(text, failed, failed));
        });
    }

    private void showShortcuts() {
        String help = Shortcuts.help();
        TextArea text = new TextArea(help);
        text.setEditable(false);
        text.setFont(Font.font(UiFonts.family("Monospaced"), 12));
        // sized by the longest line (Chinese characters count twice) and the line count, so that the right column is never cut off
        String[] lines = help.split("\n");
        text.setPrefColumnCount(java.util.Arrays.stream(lines).mapToInt(Shortcuts::columns).max().orElse(60) + 4);
        text.setPrefRowCount(lines.length + 3);
        // our own button: JavaFX names its OK after the system's locale, not View > Language
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", new ButtonType(Tr.get("ui.shortcuts.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.initOwner(window());
        alert.titleProperty().bind(Tr.text("ui.shortcuts.title"));
        alert.headerTextProperty().bind(Tr.text("ui.shortcuts.header"));
        alert.getDialogPane().setContent(text);
        UiFonts.follow(alert.getDialogPane());
        alert.show();
    }
}
