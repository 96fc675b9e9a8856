package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.PngExport;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.io.Npy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What File > Export writes, through the same renderer as the CLI's {@code export} command. The file
 * chooser has already asked before replacing a file, so these overwrite.
 */
public final class Exports {

    private final MainViewModel viewModel;

    public Exports(MainViewModel viewModel) { this.viewModel = viewModel; }

    /** The view as on screen: {@link ViewRenderer#compose} with the current settings. */
    public void view(Path target) throws IOException {
        PngExport.write(ViewRenderer.compose(require(), viewModel.settings()), target, true);
    }

    public void headGallery(Path target) throws IOException {
        PngExport.write(ViewRenderer.headGallery(require(), viewModel.settings()), target, true);
    }

    public void modelOverview(Path target) throws IOException {
        PngExport.write(ViewRenderer.modelOverview(require(), viewModel.settings()), target, true);
    }

    /** The selected block's attention, float32 (nW, heads, N, N), windows in partition order. */
    public void attention(Path target) throws IOException {
        ViewSettings s = viewModel.settings();
        BlockAttention a = require().inference().attention(s.stage(), s.block());
        AtomicFiles.write(target, true, out -> Npy.write(out, a.probs(), a.shape()));
    }

    /** A file name that says what the view shows, e.g. {@code cat_s2b1_head3_query.png}. */
    public String suggestedName(String kind, String extension) {
        AnalysedImage a = viewModel.analysed();
        ViewSettings s = viewModel.settings();
        String stem = a == null || a.source() == null ? "swinlens" : a.source().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String head = kind.equals("view") ? "_head" + s.head().id() + "_" + s.mode().name().toLowerCase() : "";
        return stem + "_s" + s.stage() + "b" + s.block() + head + (kind.equals("view") ? "" : "_" + kind) + "." + extension;
    }

    private AnalysedImage require() throws IOException {
        AnalysedImage a = viewModel.analysed();
        if (a == null) throw new IOException("nothing to export: no image analysed yet");
        return a;
    }
}
