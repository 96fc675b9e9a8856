package io.swinlens.ui.fetch;

import io.swinlens.i18n.Messages;
import io.swinlens.model.fetch.DownloadException;
import io.swinlens.model.fetch.Downloader;
import io.swinlens.model.fetch.ModelCatalogue;
import io.swinlens.model.fetch.ModelFetcher;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Get model dialog's state: the catalogue, one download at a time on its own daemon thread (a download
 * must not cancel the app's analysis, so it does not use the app's executor), its progress and its
 * outcome. Properties change on the FX thread only.
 */
public final class GetModelViewModel {

    private final ModelCatalogue catalogue;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "swinlens-download");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyObjectWrapper<Path> downloaded = new ReadOnlyObjectWrapper<>(this, "downloaded");
    private volatile Downloader downloader;

    public GetModelViewModel(ModelCatalogue catalogue) { this.catalogue = catalogue; }

    public List<ModelCatalogue.Entry> entries() { return catalogue.entries(); }

    public static boolean isDownloaded(ModelCatalogue.Entry e) { return Files.isRegularFile(ModelFetcher.fileOf(e)); }

    /** "28.3 MB", or "unknown" when the catalogue does not say. */
    public static String size(ModelCatalogue.Entry e) {
        return e.size() == null ? Messages.get("ui.getModel.sizeUnknown") : megabytes(e.size());
    }

    /** The catalogue's description, in the current language where the bundle has it ({@code ui.getModel.catalogue.<name>}). */
    public static String description(ModelCatalogue.Entry e) {
        String key = "ui.getModel.catalogue." + e.name();
        if (Messages.has(key)) return Messages.get(key);
        return e.description() == null ? "" : e.description();
    }

    private static String megabytes(double bytes) { return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6); }

    public void download(ModelCatalogue.Entry entry) {
        if (running.get()) return;
        Downloader d = new Downloader();
        downloader = d;
        running.set(true);
        failed.set(false);
        downloaded.set(null);
        progress.set(-1);
        message.set(Messages.get("ui.getModel.connecting", entry.url().getHost()));
        thread.execute(() -> {
            try {
                ModelFetcher.Outcome outcome = new ModelFetcher(d).fetch(entry, null, null, false, (done, total) ->
                        Platform.runLater(() -> {
                            if (!running.get()) return;
                            progress.set(total > 0 ? (double) done / total : -1);
                            message.set(total > 0 ? Messages.get("ui.getModel.progress", done / 1e6, total / 1e6) : megabytes(done));
                        }));
                String name = outcome.file().getFileName().toString();
                String text = Messages.get(outcome.alreadyPresent() ? "ui.getModel.alreadyDownloaded" : "ui.getModel.downloaded", name)
                        + (outcome.sha256Verified() ? Messages.get("ui.getModel.verified") : "");
                Platform.runLater(() -> finish(outcome.file(), text, false));
            } catch (DownloadException e) {
                Platform.runLater(() -> finish(null, e.getMessage(), true));
            } catch (RuntimeException e) {
                Platform.runLater(() -> finish(null, e.getMessage() == null ? e.toString() : e.getMessage(), true));
            }
        });
    }

    private void finish(Path file, String text, boolean error) {
        running.set(false);
        progress.set(file != null ? 1 : 0);
        message.set(text.lines().findFirst().orElse(text));
        failed.set(error);
        downloaded.set(file);
    }

    public void cancel() {
        Downloader d = downloader;
        if (d != null && running.get()) d.cancel();
    }

    /** Cancels a running download and stops the download thread once it has let go (the dialog closed). */
    public void close() {
        cancel();
        thread.shutdown();
    }

    /** True once {@link #close()} has run and the download thread has ended. */
    public boolean isClosed() { return thread.isTerminated(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** 0..1, or -1 while the size is unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }

    /** The file of the last successful download. */
    public ReadOnlyObjectProperty<Path> downloadedProperty() { return downloaded.getReadOnlyProperty(); }
}
