package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.Diverging;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Messages;
import io.swinlens.model.image.ImageLoadException;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.load.BundledModel;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.task.UiTaskExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The main window's state: the model, the images to switch between, the analysis on screen and the
 * view settings. All changes happen on the FX thread; model loading and inference go through the one
 * {@link UiTaskExecutor}. A failed job changes nothing but reports its one-line message.
 */
public final class MainViewModel implements AnalysisOnScreen {

    /**
     * Something to tell the user; {@code error} false for notes that did not stop anything, {@code stays}
     * for warnings that must not fade (a checkpoint's unknown pickle globals). {@code compose} makes the
     * text in the current language, so that a banner follows View > Language while it shows.
     */
    public record Message(Supplier<String> compose, boolean error, boolean stays) {
        public Message(Supplier<String> compose, boolean error) { this(compose, error, error); }

        /** A text that is the same in every language (a model's own message). */
        public static Message of(String text, boolean error, boolean stays) { return new Message(() -> text, error, stays); }

        /** The text in the current language. */
        public String text() { return compose.get(); }
    }

    /** What {@link #loadingProperty} holds while the bundled demo model loads (shown in the current language). */
    public static final String DEMO_MODEL = "demo-model";

    private final UiTaskExecutor executor;
    private final ViewControls controls = new ViewControls();
    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<ShownImage> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyObjectWrapper<AnalysedImage> analysed = new ReadOnlyObjectWrapper<>(this, "analysed");
    private final ReadOnlyObjectWrapper<Path> currentImage = new ReadOnlyObjectWrapper<>(this, "currentImage");
    private final ReadOnlyStringWrapper loading = new ReadOnlyStringWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<Diverging> signedMap = new ReadOnlyObjectWrapper<>(this, "signedMap", Diverging.RED_BLUE);
    private final ObservableList<Path> images = FXCollections.observableArrayList();
    private final ObservableList<Path> readOnlyImages = FXCollections.unmodifiableObservableList(images);
    private final List<Consumer<Message>> messageListeners = new ArrayList<>();
    private final List<Consumer<Path>> openedListeners = new ArrayList<>();
    private Preprocess preprocess;
    private double inputScale = 1;

    public MainViewModel(UiTaskExecutor executor) {
        this.executor = executor;
        analysis.addListener((o, was, now) -> analysed.set(now == null ? null : now.analysed()));
    }

    public ViewControls controls() { return controls; }

    @Override public ViewSettings settings() { return controls.settings(); }

    @Override public ReadOnlyObjectProperty<ViewSettings> settingsProperty() { return controls.settingsProperty(); }

    @Override public UiTaskExecutor executor() { return executor; }

    @Override public LoadedModel model() { return model.get(); }

    @Override public ReadOnlyObjectProperty<Diverging> signedMapProperty() { return signedMap.getReadOnlyProperty(); }

    public void setSignedMap(Diverging map) { signedMap.set(map); }

    @Override public ReadOnlyObjectProperty<AnalysedImage> analysedProperty() { return analysed.getReadOnlyProperty(); }

    @Override public void showHead(int stage, int block, HeadChoice head) {
        controls.setStage(stage);
        controls.setBlock(block);
        controls.setHead(head);
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() { return model.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ShownImage> shownImageProperty() { return analysis.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Path> currentImageProperty() { return currentImage.getReadOnlyProperty(); }

    /** The name of the model being loaded ({@link #DEMO_MODEL}, "swin_tiny.pth"), or null while none is. */
    public ReadOnlyStringProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    /** Marks a model as loading before its file is known (start-up resolving the demo or the last model). */
    public void startLoading(String what) { loading.set(what); }

    public void stopLoading() { loading.set(null); }

    /** Model > Demo model: the bundled model (copied out of the jar off the FX thread), on the current image. */
    public void openDemoModel() {
        loading.set(DEMO_MODEL);
        executor.submit(Messages.get("ui.job.openDemo"), progress -> BundledModel.path().orElseThrow(
                () -> new WeightsException(WeightsException.Kind.NOT_FOUND, Messages.get("ui.error.noBundledDemo"))),
                this::openWeights, e -> { loading.set(null); fail(e); });
    }

    /** The images to switch between (a drop of several files or a folder). */
    public ObservableList<Path> images() { return readOnlyImages; }

    @Override public AnalysedImage analysed() { return analysed.get(); }

    public void onMessage(Consumer<Message> listener) { messageListeners.add(listener); }

    /** Called with each file that was opened successfully (recent-files menu). */
    public void onOpened(Consumer<Path> listener) { openedListeners.add(listener); }

    /**
     * Opens what the user dropped or chose: a checkpoint becomes the model, images and folders become
     * the image list (the first one analysed).
     */
    public void open(List<Path> files) {
        // listing dropped folders is I/O: off the FX thread like the rest
        String title = files.isEmpty() ? Messages.get("ui.job.readingFiles") : Messages.get("ui.job.reading", files.get(0).getFileName());
        executor.submit(title, progress -> InputFiles.sort(files),
                sorted -> open(files, sorted), e -> {
                    loading.set(null);
                    fail(e);
                });
    }

    private void open(List<Path> files, InputFiles.Sorted sorted) {
        if (sorted.weights() == null) loading.set(null);
        if (sorted.inputs().isEmpty()) {
            if (sorted.weights() != null) openWeights(sorted.weights());
            else if (!files.isEmpty()) {
                Path first = files.get(0).getFileName();
                report(new Message(() -> Messages.get("ui.message.noImagesIn", first), true));
            }
            return;
        }
        List<Path> list = sorted.inputs();
        request(sorted.weights(), list.get(0), false, () -> images.setAll(list));
    }

    public void openWeights(Path weights) {
        Path image = currentImage.get();
        request(weights, image, image != null, () -> { });
    }

    /** Switches to another image of the list. */
    public void selectImage(Path image) {
        if (image == null || image.equals(currentImage.get())) return;
        request(null, image, false, () -> { });
    }

    /** Runs the current image again, e.g. with another preprocessing. */
    public void setPreprocess(Preprocess preset) {
        preprocess = preset;
        if (currentImage.get() != null) request(null, currentImage.get(), true, () -> { });
    }

    public Preprocess preprocess() { return preprocess; }

    /**
     * Runs the current image again at {@code scale} times the model's training size (1, 1.5, 2): finer maps, with
     * stages padded to window multiples where they need it (docs/swin-reference.md §5).
     */
    public void setInputScale(double scale) {
        inputScale = scale;
        if (currentImage.get() != null) request(null, currentImage.get(), true, () -> { });
    }

    public double inputScale() { return inputScale; }

    public void cancel() { executor.cancel(); }

    private void request(Path weights, Path image, boolean keepImage, Runnable onSuccess) {
        if (weights == null && model.get() == null) {
            report(new Message(() -> Messages.get("ui.message.noModelLoaded"), true));
            return;
        }
        ModelRunJob job = new ModelRunJob(weights, model.get(), image, keepImage, preprocess, inputScale);
        String title = weights != null ? Messages.get("ui.job.loading", weights.getFileName()) : Messages.get("ui.job.analysing", image.getFileName());
        if (weights != null) loading.set(BundledModel.isBundled(weights) ? DEMO_MODEL : weights.getFileName().toString());
        executor.submit(title, job, outcome -> {
            loading.set(null);
            apply(outcome, image);
            onSuccess.run();
            if (weights != null) openedListeners.forEach(l -> l.accept(weights));
            if (outcome.analysis() != null) openedListeners.forEach(l -> l.accept(image));
        }, e -> {
            loading.set(null);
            fail(e);
        });
    }

    private void apply(ModelRunJob.Outcome outcome, Path image) {
        boolean newModel = outcome.model() != model.get();
        model.set(outcome.model());
        if (newModel && outcome.model() != null) {
            outcome.model().warnings().forEach(w -> report(Message.of(w, false, true)));
            if (outcome.analysis() == null && outcome.warning() == null) warmUp(outcome.model());
        }
        if (outcome.analysis() != null) {
            AnalysedImage a = outcome.analysis().analysed();
            controls.fit(a.config(), a.input().height(), a.input().width());
            analysis.set(outcome.analysis());
            currentImage.set(image);
            if (!images.contains(image)) images.setAll(List.of(image));
        } else if (outcome.warning() != null) {
            analysis.set(null);
            currentImage.set(null);
            images.clear();
            String warning = outcome.warning();
            report(new Message(() -> Messages.get("ui.message.imageNoLongerFits", warning), false));
        }
    }

    /**
     * A few passes on a synthetic image right after a model loads with no image, so that the first image dropped gets
     * its heatmap at the warm speed (analysis/WarmUp, BENCHMARKS.md). An image dropped meanwhile replaces this job;
     * a failure here is only logged: the image's own run reports its errors.
     */
    private void warmUp(LoadedModel loaded) {
        executor.submit(Messages.get("ui.job.preparing", loaded.displayName()), progress -> {
            progress.update(Messages.get("ui.job.preparingFirstPass", loaded.displayName()), -1);
            return io.swinlens.analysis.WarmUp.run(loaded, progress::isCancelled,
                    done -> { if (done > 0) progress.update(Messages.get("ui.job.preparing", loaded.displayName()), done); });
        }, ms -> { }, e -> System.getLogger(MainViewModel.class.getName()).log(System.Logger.Level.DEBUG, "warm-up failed", e));
    }

    private void fail(Throwable e) {
        if (e instanceof CancellationException) return;
        if (!(e instanceof WeightsException || e instanceof ImageLoadException || e instanceof IllegalArgumentException)) {
            System.getLogger(MainViewModel.class.getName()).log(System.Logger.Level.WARNING, "background job failed", e);
        }
        report(Message.of(describe(e), true, true));
    }

    private void report(Message message) { messageListeners.forEach(l -> l.accept(message)); }

    /** The one-line message of a failure, as the user should read it. */
    static String describe(Throwable e) {
        if (e instanceof WeightsException || e instanceof ImageLoadException) return e.getMessage();
        String text = e.getMessage();
        if (text == null || text.isBlank()) return e.getClass().getSimpleName();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** "No model…" or "Drop an image…" while there is nothing to show, else null; in the current language. */
    public String emptyStateText() {
        if (model.get() == null && loading.get() != null) {
            return Messages.get("ui.empty.loading", DEMO_MODEL.equals(loading.get()) ? Messages.get("ui.model.theDemoModel") : loading.get());
        }
        if (model.get() == null) return Messages.get("ui.empty.noModel");
        if (analysis.get() == null) return Messages.get("ui.empty.noImage");
        return null;
    }
}
