package io.swinlens.app;

import io.swinlens.model.fetch.FetchedModels;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.main.MainController;
import io.swinlens.ui.main.MainViewModel;
import io.swinlens.ui.main.Startup;
import io.swinlens.ui.prefs.UiPreferences;
import io.swinlens.ui.task.BackgroundTaskExecutor;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The desktop app: {@code swinlens [IMAGE...] [--weights FILE]} (see {@link Startup}). */
public final class SwinLensApp extends Application {

    private UiPreferences preferences;
    private MainViewModel viewModel;
    private BackgroundTaskExecutor executor;
    private Stage stage;

    @Override public void start(Stage primaryStage) {
        stage = primaryStage;
        preferences = UiPreferences.user();
        Startup.restoreLanguage(preferences, Startup.Arguments.parse(getParameters().getRaw()).language());   // before any view is made
        executor = new BackgroundTaskExecutor();
        viewModel = new MainViewModel(executor);
        Startup.restoreSettings(viewModel, preferences);
        MainController controller = new MainController(viewModel, preferences);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(controller.root(), Math.min(screen.getWidth(), preferences.getDouble("windowWidth", 1280)),
                Math.min(screen.getHeight() - 40, preferences.getDouble("windowHeight", 820)));
        stage.titleProperty().bind(Tr.text("ui.app.title"));
        stage.setScene(scene);
        stage.show();
        Startup.open(controller, preferences, new ModelResolver(new FetchedModels()), Startup.Arguments.parse(getParameters().getRaw()));
    }

    @Override public void stop() {
        if (viewModel != null) Startup.saveSettings(viewModel, preferences);
        if (stage != null && stage.getWidth() > 0) {
            preferences.putDouble("windowWidth", stage.getWidth());
            preferences.putDouble("windowHeight", stage.getHeight());
        }
        if (preferences != null) preferences.flush();
        if (executor != null) executor.shutdown();
    }
}
