package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ExportNames;
import io.swinlens.analysis.PngExport;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.ExportAction;
import io.swinlens.ui.common.Tr;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Tab;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The teaching and analysis views as tabs beside Image / Head gallery / Model overview, and what the Teach
 * menu and File > Export need from them.
 */
public final class TeachingTabs {

    private final Map<TeachingTab, Tab> tabs = new EnumMap<>(TeachingTab.class);
    private final Map<TeachingTab, TeachingView> views = new EnumMap<>(TeachingTab.class);
    private final AnalysisOnScreen screen;
    private final ScoreDecompositionView scores;
    private final BiasView bias;
    private final CyclicShiftView shift;
    private final RolloutView rollout;
    private final CamView cam;
    private final HeadStatisticsView stats;
    private final BlockView block;
    private final PatchEmbeddingView embedding;
    private final PatchMergingView merging;

    /** @param openImageView selects the Image tab (the statistics open a head there) */
    public TeachingTabs(AnalysisOnScreen screen, Executor renderThread, Runnable openImageView) {
        this.screen = screen;
        scores = put(TeachingTab.SCORES, showing -> new ScoreDecompositionView(screen, showing, renderThread));
        bias = put(TeachingTab.BIAS, showing -> new BiasView(screen, showing, renderThread));
        shift = put(TeachingTab.SHIFT, showing -> new CyclicShiftView(screen, showing, renderThread));
        rollout = put(TeachingTab.ROLLOUT, showing -> new RolloutView(screen, showing, renderThread));
        cam = put(TeachingTab.CAM, showing -> new CamView(screen, showing, renderThread));
        stats = put(TeachingTab.STATS, showing -> new HeadStatisticsView(screen, showing, renderThread, openImageView));
        block = put(TeachingTab.BLOCK, showing -> new BlockView(screen, showing, renderThread));
        embedding = put(TeachingTab.EMBED, showing -> new PatchEmbeddingView(screen, showing, renderThread));
        merging = put(TeachingTab.MERGE, showing -> new PatchMergingView(screen, showing, renderThread));
    }

    private <V extends TeachingView> V put(TeachingTab kind, Function<ObservableBooleanValue, V> create) {
        Tab tab = Tr.bind(new Tab(), kind.tabKey());
        V view = create.apply(tab.selectedProperty());
        tab.setContent(view);
        tab.setId("tab-" + view.getId());
        tabs.put(kind, tab);
        views.put(kind, view);
        return view;
    }

    /** The tabs in {@link TeachingTab} order. */
    public List<Tab> tabs() { return List.copyOf(tabs.values()); }

    public Tab tab(TeachingTab kind) { return tabs.get(kind); }

    /** Which teaching view a tab shows; empty for the other tabs (Image, Head gallery, Model overview). */
    public Optional<TeachingTab> kindOf(Tab tab) {
        return tabs.entrySet().stream().filter(e -> e.getValue() == tab).map(Map.Entry::getKey).findFirst();
    }

    /**
     * What File > Export writes for a view (call on the FX thread): the picture its renderer drew, the same
     * pixels as the CLI. The returned action writes it, from any thread.
     */
    public ExportAction export(TeachingTab kind) throws IOException {
        BufferedImage image = views.get(kind).exportImage();
        if (image == null) throw new IOException(Messages.get("teach.ui.export.notDrawn"));
        return target -> PngExport.write(image, target, true);
    }

    /** A file name that says what the view shows, e.g. {@code cat_rollout_mean.png}. */
    public String suggestedName(TeachingTab kind) {
        AnalysedImage a = screen.analysed();
        return ExportNames.stem(a == null ? null : a.source()) + "_" + views.get(kind).exportName() + ".png";
    }

    public ScoreDecompositionView scores() { return scores; }

    public BlockView block() { return block; }

    public PatchEmbeddingView embedding() { return embedding; }

    public PatchMergingView merging() { return merging; }

    public BiasView bias() { return bias; }

    public CyclicShiftView shift() { return shift; }

    public RolloutView rollout() { return rollout; }

    public CamView cam() { return cam; }

    public HeadStatisticsView stats() { return stats; }
}
