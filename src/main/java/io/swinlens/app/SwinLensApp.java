package io.swinlens.app;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.ui.main.MainController;
import io.swinlens.ui.main.MainViewModel;
import io.swinlens.ui.main.Samples;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.task.BackgroundTaskExecutor;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop app: {@code swinlens [IMAGE...] [--weights FILE]}. Without weights it uses the last model,
 * else the bundled demo model; without images, the bundled samples.
 */
public final class SwinLensApp extends Application {

    private UiPreferences preferences;
    private MainViewModel viewModel;
    private BackgroundTaskExecutor executor;
    private Stage stage;

    @Override public void start(Stage stage) {
        this.stage = stage;
        preferences = UiPreferences.user();
        executor = new BackgroundTaskExecutor();
        viewModel = new MainViewModel(executor);
        Startup.restoreSettings(viewModel, preferences);
        MainController controller = new MainController(viewModel, preferences);
        Scene scene = new Scene(controller.root(), preferences.getDouble("windowWidth", 1280), preferences.getDouble("windowHeight", 820));
        stage.setTitle("SwinLens — where a Swin Transformer looks");
        stage.setScene(scene);
        stage.show();
        Startup.open(viewModel, preferences, getParameters().getRaw(), controller);
    }

    @Override public void stop() {
        if (viewModel != null) {
            Startup.saveSettings(viewModel, preferences);
            var model = viewModel.modelProperty().get();
            if (model != null) preferences.setLastModel(model.source());
        }
        if (stage != null && stage.getWidth() > 0) {
            preferences.putDouble("windowWidth", stage.getWidth());
            preferences.putDouble("windowHeight", stage.getHeight());
        }
        preferences.flush();
        if (executor != null) executor.shutdown();
    }

    /** What the app opens with and what it remembers. */
    static final class Startup {
        private Startup() { }

        static void open(MainViewModel viewModel, UiPreferences preferences, List<String> args, MainController controller) {
            String weights = null;
            List<Path> images = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--weights") && i + 1 < args.size()) weights = args.get(++i);
                else if (a.startsWith("--weights=")) weights = a.substring("--weights=".length());
                else images.add(Path.of(a));
            }
            Path model = null;
            try {
                model = weights != null ? ModelResolver.resolve(weights) : preferences.lastModel().orElse(ModelResolver.resolve(null));
            } catch (WeightsException e) {
                if (weights != null) controller.showMessage(e.getMessage(), true);
                // no bundled model: the window shows "No model: File > Open weights…"
            }
            if (images.isEmpty() && model != null) images.addAll(Samples.all());
            List<Path> files = new ArrayList<>();
            if (model != null) files.add(model);
            files.addAll(images);
            if (!files.isEmpty()) viewModel.open(files);
        }

        static void restoreSettings(MainViewModel viewModel, UiPreferences p) {
            ViewSettings s = ViewSettings.defaults();
            try {
                s = s.withColormap(Colormap.parse(p.get("colormap", s.colormap().id())))
                        .withNormalisation(Normalisation.valueOf(p.get("normalisation", s.normalisation().name())))
                        .withOpacity(Math.max(0, Math.min(1, p.getDouble("opacity", s.opacity()))))
                        .withShowHeatmap(p.getBoolean("showHeatmap", s.showHeatmap()))
                        .withShowPatchGrid(p.getBoolean("showPatchGrid", s.showPatchGrid()))
                        .withShowWindows(p.getBoolean("showWindows", s.showWindows()))
                        .withShowShifted(p.getBoolean("showShifted", s.showShifted()));
            } catch (IllegalArgumentException e) {
                s = ViewSettings.defaults();     // settings from another version: start fresh
            }
            viewModel.controls().set(s);
        }

        static void saveSettings(MainViewModel viewModel, UiPreferences p) {
            ViewSettings s = viewModel.settings();
            p.put("colormap", s.colormap().id());
            p.put("normalisation", s.normalisation().name());
            p.putDouble("opacity", s.opacity());
            p.putBoolean("showHeatmap", s.showHeatmap());
            p.putBoolean("showPatchGrid", s.showPatchGrid());
            p.putBoolean("showWindows", s.showWindows());
            p.putBoolean("showShifted", s.showShifted());
        }
    }
}
