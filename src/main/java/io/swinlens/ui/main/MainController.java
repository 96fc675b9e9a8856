package io.swinlens.ui.main;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.BundledModel;
import io.swinlens.analysis.AnalysedImage;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.common.UiFonts;
import io.swinlens.ui.common.LatestRender;
import io.swinlens.ui.gallery.HeadGalleryView;
import io.swinlens.ui.overview.ModelOverviewView;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.teaching.TeachingTab;
import io.swinlens.ui.teaching.TeachingTabs;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.scene.Node;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The main window: menus, the image view with its gallery and overview tabs, the controls, the image
 * strip and the status bar. Binds views to the {@link MainViewModel} and turns drops, keys and menu
 * commands into its calls; holds no state of its own.
 */
public final class MainController {

    private final MainViewModel viewModel;
    private final UiPreferences preferences;
    private final BorderPane root = new BorderPane();
    private final Banner banner = new Banner();
    private final TabPane tabs = new TabPane();
    private final ImageLayersView imageView;
    private final HeadGalleryView gallery;
    private final ModelOverviewView overview;
    private final TeachingTabs teaching;
    private final ListView<Path> strip = new ListView<>();
    private final MainMenu menu;
    private final java.util.Set<Path> photosNoted = new java.util.HashSet<>();
    /** The banner's current message; a note fades only while it is still the one shown. */
    private Object shownMessage;

    public MainController(MainViewModel viewModel, UiPreferences preferences) {
        this(viewModel, preferences, LatestRender.newThread());
    }

    /** @param renderThread where the gallery and overview are drawn (tests: a same-thread executor) */
    public MainController(MainViewModel viewModel, UiPreferences preferences, Executor renderThread) {
        this.viewModel = viewModel;
        this.preferences = preferences;
        imageView = new ImageLayersView(viewModel, renderThread);
        Tab imageTab = Tr.bind(new Tab(null, withHint(imageView, preferences, viewModel)), "ui.tab.image");
        Tab galleryTab = Tr.bind(new Tab(), "ui.tab.gallery");
        Tab overviewTab = Tr.bind(new Tab(), "ui.tab.overview");
        gallery = new HeadGalleryView(viewModel, galleryTab.selectedProperty(), renderThread);
        overview = new ModelOverviewView(viewModel, overviewTab.selectedProperty(), renderThread);
        galleryTab.setContent(gallery);
        overviewTab.setContent(new BorderPane(overview, overview.toolbar(), null, null, null));
        tabs.getTabs().addAll(imageTab, galleryTab, overviewTab);
        teaching = new TeachingTabs(viewModel, renderThread, () -> tabs.getSelectionModel().select(imageTab));
        tabs.getTabs().addAll(teaching.tabs());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("viewTabs");
        VBox views = new VBox(banner, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        CheckBox follow = Tr.bind(new CheckBox(), "ui.controls.followMouse");
        follow.setId("followMouse");
        imageView.followMouseProperty().bind(follow.selectedProperty());
        VBox side = new VBox(new ControlsPanel(viewModel, follow), new PredictionsView(viewModel.analysedProperty(), viewModel.modelProperty(), this::openGetModel),
                new CropPreviewView(viewModel.shownImageProperty(), renderThread));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setPrefWidth(300);

        menu = new MainMenu(this, viewModel, preferences, renderThread);
        root.setTop(menu.bar());
        root.setCenter(views);
        root.setRight(sideScroll);
        root.setBottom(new VBox(strip(), new StatusBarView(viewModel)));
        root.setId("mainRoot");
        root.getStylesheets().add(MainController.class.getResource("swinlens.css").toExternalForm());
        UiFonts.follow(root);                        // the bundled font where the system has no Chinese one

        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dropped);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        viewModel.onMessage(m -> {
            showMessage(m.compose(), m.error(), m.stays());
            strip.getSelectionModel().select(viewModel.currentImageProperty().get());   // back to what is shown
        });
        // "all heads" is the gallery: the image view itself shows one map (the mean, as ViewRenderer.layers does)
        viewModel.controls().settingsProperty().addListener((o, a, v) -> {
            if (v.head().kind() == HeadChoice.Kind.ALL && a.head().kind() != HeadChoice.Kind.ALL) tabs.getSelectionModel().select(galleryTab);
        });
        viewModel.shownImageProperty().addListener((o, a, v) -> { if (v != null && banner.getStyleClass().contains("error")) banner.hide(); });
        viewModel.analysedProperty().addListener((o, a, v) -> notePhotoOnDemoModel(v));
        viewModel.onOpened(file -> {
            preferences.addRecent(file);
            menu.refreshRecent();
        });
    }

    /**
     * The first-use hint above the image view; closing it is remembered. The note on photos opened with
     * the demo model shows once per image.
     */
    private static Node withHint(ImageLayersView view, UiPreferences preferences, MainViewModel viewModel) {
        BorderPane pane = new BorderPane(view);
        // what part of the image the model sees, in view without scrolling the side panel
        Label cropNote = new Label();
        cropNote.setId("cropNote");
        cropNote.setMaxWidth(Double.MAX_VALUE);
        cropNote.getStyleClass().add("crop-note");
        cropNote.managedProperty().bind(cropNote.visibleProperty());
        Runnable describeCrop = () -> {
            String text = CropPreviewView.describe(viewModel.shownImageProperty().get());
            cropNote.setText(text == null ? "" : Messages.get("ui.cropNote", text));
            cropNote.setVisible(text != null);
        };
        viewModel.shownImageProperty().addListener((o, was, now) -> describeCrop.run());
        Tr.onChange(cropNote, describeCrop);
        pane.setBottom(cropNote);
        if (preferences.getBoolean("hintDismissed", false)) return pane;
        Label text = Tr.bind(new Label(), "ui.hint.firstUse");
        text.setWrapText(true);
        Button close = new Button("×");
        close.setId("closeHint");
        close.getStyleClass().add("hint-close");
        HBox bar = new HBox(8, text, close);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        bar.setId("firstUseHint");
        bar.getStyleClass().add("first-use-hint");
        bar.setAlignment(Pos.CENTER_LEFT);
        close.setOnAction(e -> {
            pane.setTop(null);
            preferences.putBoolean("hintDismissed", true);
        });
        pane.setTop(bar);
        return pane;
    }

    /** A photo (not one of the bundled samples) on the demo model: say once that it needs an ImageNet Swin. */
    private void notePhotoOnDemoModel(AnalysedImage analysed) {
        LoadedModel model = viewModel.modelProperty().get();
        if (analysed == null || model == null || !BundledModel.isBundled(model.source()) || analysed.source() == null) return;
        Path folder = analysed.source().toAbsolutePath().getParent();
        boolean sample = folder != null && folder.getFileName() != null && folder.getFileName().toString().equals("samples");
        if (sample || !photosNoted.add(analysed.source())) return;
        showMessage(() -> Messages.get("ui.message.demoOnPhoto"), false, true);
    }

    private void openGetModel() { menu.getModel(); }

    public Parent root() { return root; }

    public MainViewModel viewModel() { return viewModel; }

    public ImageLayersView imageView() { return imageView; }

    public HeadGalleryView gallery() { return gallery; }

    public ModelOverviewView overview() { return overview; }

    public Banner banner() { return banner; }

    /** The teaching and analysis tabs (Scores, Bias, Shift, Rollout, CAM, Head stats). */
    public TeachingTabs teaching() { return teaching; }

    public TabPane tabs() { return tabs; }

    /** The teaching view whose tab is selected; empty while another tab shows. */
    public Optional<TeachingTab> selectedTeachingTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == null ? Optional.empty() : teaching.kindOf(tab);
    }

    /** Selects a teaching view's tab (Teach menu). */
    public void show(TeachingTab kind) { tabs.getSelectionModel().select(teaching.tab(kind)); }

    public MainMenu menu() { return menu; }

    /** What a drop (or File > Open) does: checkpoints become the model, images and folders the image list. */
    public void open(List<File> files) {
        viewModel.open(files.stream().map(File::toPath).toList());
    }

    /** Shows a one-line message in the banner above the view; what was on screen stays. */
    public void showMessage(String text, boolean error) { showMessage(text, error, error); }

    /** @param stays false for a note that fades after a few seconds */
    public void showMessage(String text, boolean error, boolean stays) { showMessage(() -> text, error, stays); }

    /** @param text makes the message in the current language: the banner follows View > Language while it shows */
    public void showMessage(Supplier<String> text, boolean error, boolean stays) {
        banner.getStyleClass().removeAll("error", "info", "warning");
        banner.getStyleClass().add(error ? "error" : stays ? "warning" : "info");
        banner.textProperty().unbind();
        banner.textProperty().bind(Tr.text(text::get));
        banner.show();
        Object mine = new Object();
        shownMessage = mine;
        if (!stays) {                         // notes fade; errors and warnings stay until closed or a new result
            PauseTransition pause = new PauseTransition(Duration.seconds(5));
            pause.setOnFinished(e -> { if (shownMessage == mine) banner.hide(); });
            pause.play();
        }
    }

    private ListView<Path> strip() {
        strip.setId("imageStrip");
        strip.setOrientation(Orientation.HORIZONTAL);
        strip.setPrefHeight(40);
        strip.setItems(viewModel.images());
        strip.visibleProperty().bind(Bindings.size(viewModel.images()).greaterThan(1));
        strip.managedProperty().bind(strip.visibleProperty());
        strip.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName().toString());
            }
        });
        viewModel.currentImageProperty().addListener((o, a, v) -> strip.getSelectionModel().select(v));
        strip.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> viewModel.selectImage(v));
        return strip;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) open(e.getDragboard().getFiles());
        e.setDropCompleted(ok);
        e.consume();
    }

    private void key(KeyEvent e) {
        Scene scene = root.getScene();
        if (scene != null && scene.getFocusOwner() instanceof TextInputControl) return;
        if (teaching.kindOf(tabs.getSelectionModel().getSelectedItem()).orElse(null) == io.swinlens.ui.teaching.TeachingTab.BLOCK
                && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()
                && (e.getCode() == javafx.scene.input.KeyCode.PERIOD || e.getCode() == javafx.scene.input.KeyCode.COMMA)) {
            teaching.block().step(e.getCode() == javafx.scene.input.KeyCode.PERIOD ? 1 : -1);
            e.consume();
            return;
        }
        if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && banner.isShowing() && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
            banner.hide();
            e.consume();
            return;
        }
        if (Shortcuts.handle(e, viewModel.controls())) e.consume();
    }
}
