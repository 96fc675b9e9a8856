package io.swinlens.ui.main;

import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.Normalisation;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.model.load.ModelResolver;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.prefs.UiPreferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the window opens with ({@code swinlens [IMAGE...] [--weights FILE]}) and the view settings it
 * remembers. Weights: the argument, else the last model used, else the bundled demo model, else none
 * (the window then says how to open one). Images: the arguments, else the bundled samples.
 */
public final class Startup {

    /** @param weights null for the default; @param images possibly empty */
    /** @param language {@code --lang}: this run's language instead of the saved one; null for none */
    public record Arguments(String weights, List<Path> images, Language language) {

        public Arguments(String weights, List<Path> images) { this(weights, images, null); }

        public static Arguments parse(List<String> args) {
            String weights = null;
            List<Path> images = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--weights") && i + 1 < args.size()) weights = args.get(++i);
                else if (a.startsWith("--weights=")) weights = a.substring("--weights=".length());
                else if (a.equals("--lang") && i + 1 < args.size()) i++;           // its value is no image
                else if (!a.startsWith("-")) images.add(Path.of(a));
            }
            return new Arguments(weights, List.copyOf(images), Language.inArguments(args).orElse(null));
        }
    }

    /** The preference View > Language writes: {@link Language#tag()}. */
    public static final String LANGUAGE_KEY = "language";

    private Startup() { }

    /**
     * Opens the start-up model and images. Resolving them may copy the demo model and the samples out of
     * the jar, so it runs on the task executor; the window shows the loading state meanwhile.
     */
    public static void open(MainController controller, UiPreferences preferences, ModelResolver resolver, Arguments args) {
        Path remembered = args.weights() == null ? preferences.lastModel().orElse(null) : null;
        MainViewModel viewModel = controller.viewModel();
        viewModel.startLoading(args.weights() != null ? Path.of(args.weights()).getFileName().toString()
                : remembered != null ? remembered.getFileName().toString() : MainViewModel.DEMO_MODEL);
        viewModel.executor().submit(Messages.get("ui.job.findingModel"), progress -> files(resolver, args, remembered), start -> {
            if (start.files().isEmpty()) viewModel.stopLoading();     // else the model's own job ends the loading state
            if (start.error() != null) controller.showMessage(start.error(), true);
            if (!start.files().isEmpty()) viewModel.open(start.files());
        }, e -> {
            viewModel.stopLoading();
            controller.showMessage(MainViewModel.describe(e), true);
        });
    }

    /** @param error what went wrong with the {@code --weights} argument, or null */
    private record StartFiles(List<Path> files, String error) { }

    private static StartFiles files(ModelResolver resolver, Arguments args, Path remembered) {
        Path model = null;
        String error = null;
        try {
            model = args.weights() != null ? resolver.resolve(args.weights()) : remembered;
            if (model == null) model = resolver.resolve(null);
        } catch (WeightsException e) {
            // without a bundled model the window shows "No model: File > Open weights…"
            if (args.weights() != null) error = e.getMessage();
        }
        List<Path> files = new ArrayList<>();
        if (model != null) files.add(model);
        files.addAll(args.images().isEmpty() && model != null ? Samples.all() : args.images());
        return new StartFiles(files, error);
    }

    /**
     * The language the window opens in: the one saved by View > Language, else the system's. Call before the
     * views are made, so that they start in it.
     */
    public static Language restoreLanguage(UiPreferences p) { return restoreLanguage(p, null); }

    /** @param override {@code --lang}, used for this run without being saved; null for the saved language */
    public static Language restoreLanguage(UiPreferences p, Language override) {
        Language language = override != null ? override : Language.parse(p.get(LANGUAGE_KEY, null)).orElse(Language.system());
        Tr.setLanguage(language);
        return language;
    }

    public static void restoreSettings(MainViewModel viewModel, UiPreferences p) {
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
            s = ViewSettings.defaults();     // settings written by another version: start fresh
        }
        viewModel.controls().set(s);
    }

    public static void saveSettings(MainViewModel viewModel, UiPreferences p) {
        ViewSettings s = viewModel.settings();
        p.put("colormap", s.colormap().id());
        p.put("normalisation", s.normalisation().name());
        p.putDouble("opacity", s.opacity());
        p.putBoolean("showHeatmap", s.showHeatmap());
        p.putBoolean("showPatchGrid", s.showPatchGrid());
        p.putBoolean("showWindows", s.showWindows());
        p.putBoolean("showShifted", s.showShifted());
        var model = viewModel.modelProperty().get();
        if (model != null) p.setLastModel(model.source());
    }
}
