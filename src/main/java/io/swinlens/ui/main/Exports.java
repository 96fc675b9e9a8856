package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ExportNames;
import io.swinlens.analysis.ExportStyle;
import io.swinlens.analysis.PngExport;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.io.AtomicFiles;
import io.swinlens.model.io.Npy;

import io.swinlens.ui.common.ExportAction;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What File > Export writes, through the same renderer as the CLI's {@code export} command. Each method
 * captures what is on screen (call it on the FX thread) and returns the action that renders and writes
 * it, which the menu runs off the FX thread. The file chooser has already asked before replacing a file,
 * so the actions overwrite.
 */
public final class Exports {

    private final MainViewModel viewModel;

    public Exports(MainViewModel viewModel) { this.viewModel = viewModel; }

    /** The view as on screen: {@link ViewRenderer#compose} with the current settings. */
    public ExportAction view() throws IOException { return view(ExportStyle.FULL); }

    /** The view framed as {@code style} says (caption, colorbar, width), as {@code export --width/--no-caption} does. */
    public ExportAction view(ExportStyle style) throws IOException {
        AnalysedImage a = require();
        ViewSettings s = viewModel.settings();
        return target -> PngExport.write(ViewRenderer.compose(a, s, style), target, true);
    }

    public ExportAction headGallery() throws IOException {
        AnalysedImage a = require();
        ViewSettings s = viewModel.settings();
        return target -> PngExport.write(ViewRenderer.headGallery(a, s), target, true);
    }

    public ExportAction modelOverview() throws IOException {
        AnalysedImage a = require();
        ViewSettings s = viewModel.settings();
        return target -> PngExport.write(ViewRenderer.modelOverview(a, s), target, true);
    }

    /** The selected block's attention, float32 (nW, heads, N, N), windows in partition order. */
    public ExportAction attention() throws IOException {
        ViewSettings s = viewModel.settings();
        BlockAttention a = require().inference().attention(s.stage(), s.block());
        return target -> AtomicFiles.write(target, true, out -> Npy.write(out, a.probs(), a.shape()));
    }

    /** A file name that says what the view shows, e.g. {@code cat_s2b1_head3_query.png}. */
    public String suggestedName(String kind, String extension) {
        AnalysedImage a = viewModel.analysed();
        ViewSettings s = viewModel.settings();
        String stem = ExportNames.stem(a == null ? null : a.source());
        String head = kind.equals("view") ? "_head" + s.head().id() + "_" + s.mode().name().toLowerCase() : "";
        return stem + "_s" + s.stage() + "b" + s.block() + head + (kind.equals("view") ? "" : "_" + kind) + "." + extension;
    }

    private AnalysedImage require() throws IOException {
        AnalysedImage a = viewModel.analysed();
        if (a == null) throw new IOException(Messages.get("ui.message.nothingToExport"));
        return a;
    }
}
