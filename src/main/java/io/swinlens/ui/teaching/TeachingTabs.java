package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.PngExport;
import io.swinlens.ui.main.MainViewModel;
import javafx.scene.control.Tab;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The teaching and analysis views as tabs beside Image / Head gallery / Model overview, and what the Teach
 * menu and File > Export need from them.
 */
public final class TeachingTabs {

    private final Map<Tab, TeachingView> views = new LinkedHashMap<>();
    private final MainViewModel viewModel;
    private final ScoreDecompositionView scores;
    private final BiasView bias;
    private final CyclicShiftView shift;
    private final RolloutView rollout;
    private final CamView cam;
    private final HeadStatisticsView stats;

    /** @param openImageView selects the Image tab (the statistics open a head there) */
    public TeachingTabs(MainViewModel viewModel, Executor renderThread, Runnable openImageView) {
        this.viewModel = viewModel;
        Tab scoresTab = new Tab("Scores");
        Tab biasTab = new Tab("Bias");
        Tab shiftTab = new Tab("Shift");
        Tab rolloutTab = new Tab("Rollout");
        Tab camTab = new Tab("CAM");
        Tab statsTab = new Tab("Head stats");
        scores = put(scoresTab, new ScoreDecompositionView(viewModel, scoresTab.selectedProperty(), renderThread));
        bias = put(biasTab, new BiasView(viewModel, biasTab.selectedProperty(), renderThread));
        shift = put(shiftTab, new CyclicShiftView(viewModel, shiftTab.selectedProperty(), renderThread));
        rollout = put(rolloutTab, new RolloutView(viewModel, rolloutTab.selectedProperty(), renderThread));
        cam = put(camTab, new CamView(viewModel, camTab.selectedProperty(), renderThread));
        stats = put(statsTab, new HeadStatisticsView(viewModel, statsTab.selectedProperty(), renderThread, openImageView));
    }

    private <V extends TeachingView> V put(Tab tab, V view) {
        tab.setContent(view);
        tab.setId("tab-" + view.getId());
        views.put(tab, view);
        return view;
    }

    public List<Tab> tabs() { return List.copyOf(views.keySet()); }

    /** The menu's names of the views, in tab order. */
    public static final List<String> TITLES = List.of("Score decomposition", "Relative position bias", "Cyclic shift",
            "Attention rollout", "Class activation map", "Head statistics");

    public boolean isTeachingTab(Tab tab) { return views.containsKey(tab); }

    /** Writes the view of {@code tab} as File > Export does: the renderer's picture, the same pixels as the CLI. */
    public void export(Tab tab, Path target) throws IOException {
        TeachingView view = views.get(tab);
        BufferedImage image = view == null ? null : view.exportImage();
        if (image == null) throw new IOException("nothing to export: the view has not been drawn yet");
        PngExport.write(image, target, true);
    }

    /** A file name that says what the view shows, e.g. {@code cat_rollout_mean.png}. */
    public String suggestedName(Tab tab) {
        AnalysedImage a = viewModel.analysed();
        String stem = a == null || a.source() == null ? "swinlens" : a.source().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return stem + "_" + views.get(tab).exportName() + ".png";
    }

    public ScoreDecompositionView scores() { return scores; }

    public BiasView bias() { return bias; }

    public CyclicShiftView shift() { return shift; }

    public RolloutView rollout() { return rollout; }

    public CamView cam() { return cam; }

    public HeadStatisticsView stats() { return stats; }
}
