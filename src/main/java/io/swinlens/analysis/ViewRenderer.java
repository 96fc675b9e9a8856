package io.swinlens.analysis;

import io.swinlens.i18n.Messages;
import io.swinlens.model.geometry.BlockGeometry;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders views of an {@link AnalysedImage}. The GUI stacks {@link #layers}; the CLI writes {@link #compose};
 * both come from the same painters, so an exported PNG has the pixels the screen shows.
 */
public final class ViewRenderer {

    private ViewRenderer() { }

    /**
     * The layers of the view at {@code s.scale()}; switched-off layers are transparent, and the query
     * outline is empty in RECEIVED mode. HeadChoice ALL shows the mean here (see {@link #compose} for the grid).
     *
     * @throws IllegalArgumentException when the stage, block or head does not exist (message names the valid ranges)
     */
    public static Layers layers(AnalysedImage a, ViewSettings s) {
        return layers(ResolvedView.of(a, s));
    }

    static Layers layers(ResolvedView v) {
        ViewSettings s = v.settings();
        return new Layers(LayerPainter.base(v),
                s.showHeatmap() ? LayerPainter.heatmap(v) : LayerPainter.blank(v),
                s.showPatchGrid() ? LayerPainter.tokenGrid(v) : LayerPainter.blank(v),
                s.showWindows() ? LayerPainter.windowGrid(v) : LayerPainter.blank(v),
                s.showShifted() ? LayerPainter.shiftedWindows(v, shiftedGeometry(v.image(), s.stage())) : LayerPainter.blank(v),
                s.mode() == HeatmapMode.QUERY ? LayerPainter.queryOutline(v) : LayerPainter.blank(v));
    }

    /**
     * The layers of the same view for several heads (the head gallery). Only the heatmap depends on the
     * head: the other layers are drawn once and shared (the same instances), since the gallery redraws on
     * every query move.
     */
    public static List<Layers> headLayers(AnalysedImage a, ViewSettings s, List<HeadChoice> heads) {
        Layers shared = layers(ResolvedView.of(a, s.withHead(heads.get(0))));
        List<Layers> out = new ArrayList<>();
        for (HeadChoice head : heads) {
            BufferedImage heatmap = head.equals(heads.get(0)) || !s.showHeatmap() ? shared.heatmap()
                    : LayerPainter.heatmap(ResolvedView.of(a, s.withHead(head)));
            out.add(new Layers(shared.base(), heatmap, shared.patchGrid(), shared.windowGrid(), shared.shifted(), shared.queryOutline()));
        }
        return out;
    }

    /** The export image: the stacked layers (a grid of every head for ALL), a colorbar and a caption. */
    public static BufferedImage compose(AnalysedImage a, ViewSettings s) {
        return compose(a, s, ExportStyle.FULL);
    }

    /** The export image framed as {@code style} says: caption and colorbar on or off, the picture at a set width. */
    public static BufferedImage compose(AnalysedImage a, ViewSettings s, ExportStyle style) {
        if (style.width() > 0) {
            // draw at the integer scale just above the width, then bring the picture to exactly that width
            int across = s.head().kind() == HeadChoice.Kind.ALL ? (int) Math.ceil(Math.sqrt(a.heads(s.stage()))) : 1;
            int scale = Math.max(1, Math.min(16, (int) Math.ceil((double) style.width() / (across * a.input().width()))));
            s = s.withScale(scale);
        }
        ResolvedView main = ResolvedView.of(a, s);
        List<Cell> cells = new ArrayList<>();
        if (s.head().kind() == HeadChoice.Kind.ALL) {
            for (int h = 0; h < a.heads(s.stage()); h++) {
                cells.add(new Cell(Messages.get("export.title.head", h), stack(layers(ResolvedView.of(a, s.withHead(HeadChoice.one(h)))))));
            }
        } else {
            cells.add(new Cell(null, stack(layers(main))));
        }
        BufferedImage grid = Sheet.grid(cells, (int) Math.ceil(Math.sqrt(cells.size())));
        if (style.width() > 0 && grid.getWidth() != style.width()) grid = Sheet.resized(grid, style.width());
        String upper = upperLabel(main);
        return Sheet.framed(grid, s.colormap(), upper, style.caption() ? Captions.of(main) : new String[0], style.colorbar());
    }

    /** Every head of the selected block as a labelled thumbnail: "stage 2 · block 1 · head 3 · SW-MSA" (in the current language). */
    public static BufferedImage headGallery(AnalysedImage a, ViewSettings s) {
        ResolvedView main = ResolvedView.of(a, s);
        ViewSettings thumb = s.withScale(thumbScale(a, s, 256));
        List<Cell> cells = new ArrayList<>();
        String kind = main.geometry().kind();
        // only the heatmap depends on the head; the gallery redraws on every query move, so the other
        // layers are drawn once (same layers, same order: the same pixels as drawing each head's view)
        List<HeadChoice> heads = new ArrayList<>();
        for (int h = 0; h < a.heads(s.stage()); h++) heads.add(HeadChoice.one(h));
        List<Layers> views = headLayers(a, thumb, heads);
        BufferedImage overlays = overlays(views.get(0));
        for (int h = 0; h < heads.size(); h++) {
            BufferedImage cell = stack(views.get(h).base(), views.get(h).heatmap(), overlays);
            cells.add(new Cell(Messages.get("export.title.stageBlockHead", s.stage(), s.block(), h, kind), cell));
        }
        BufferedImage grid = Sheet.grid(cells, Math.min(4, cells.size()));
        return Sheet.withColorbarAndCaption(grid, s.colormap(), upperLabel(ResolvedView.of(a, s.withHead(HeadChoice.all()))),
                Captions.of(ResolvedView.of(a, s.withHead(HeadChoice.all()))));
    }

    /** Every stage x block (rows) x head (columns) for the current query, mapped to each stage's token grid. */
    public static BufferedImage modelOverview(AnalysedImage a, ViewSettings s) {
        ViewSettings thumb = s.withScale(thumbScale(a, s, 128)).withShowWindows(false).withShowShifted(false).withShowPatchGrid(false);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> rowTitles = new ArrayList<>();
        for (int stage = 0; stage < a.stages(); stage++) {
            for (int block = 0; block < a.blocks(stage); block++) {
                List<Cell> row = new ArrayList<>();
                for (int h = 0; h < a.heads(stage); h++) {
                    ViewSettings cell = thumb.withStage(stage).withBlock(block).withHead(HeadChoice.one(h));
                    row.add(new Cell(Messages.get("export.title.head", h), stack(layers(ResolvedView.of(a, cell)))));
                }
                rows.add(row);
                rowTitles.add(Messages.get("export.title.stageBlock", stage, block, a.inference().attention(stage, block).geometry().kind()));
            }
        }
        BufferedImage table = Sheet.table(rows, rowTitles);
        ResolvedView main = ResolvedView.of(a, s.withHead(HeadChoice.all()));
        String[] caption = Captions.overview(main);
        String upper = Messages.get(s.normalisation() == Normalisation.GLOBAL ? "export.colorbar.blockMax" : "export.colorbar.headMax");
        return Sheet.withColorbarAndCaption(table, s.colormap(), upper, caption);
    }

    /** The geometry of the stage's shifted block (block 1), or null when the stage has none. */
    static BlockGeometry shiftedGeometry(AnalysedImage a, int stage) {
        for (int block = 0; block < a.blocks(stage); block++) {
            BlockGeometry g = a.inference().attention(stage, block).geometry();
            if (g.shifted()) return g;
        }
        return null;
    }

    /** The layers drawn over each other into one opaque image. */
    static BufferedImage stack(Layers layers) {
        return stack(layers.inOrder());
    }

    /** Layers drawn bottom to top over black. */
    static BufferedImage stack(BufferedImage... layers) {
        BufferedImage out = new BufferedImage(layers[0].getWidth(), layers[0].getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (BufferedImage layer : layers) g.drawImage(layer, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The layers above the heatmap (grids, shifted windows, query outline) as one transparent image. */
    private static BufferedImage overlays(Layers layers) {
        BufferedImage out = new BufferedImage(layers.width(), layers.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        for (BufferedImage layer : new BufferedImage[]{layers.patchGrid(), layers.windowGrid(), layers.shifted(), layers.queryOutline()}) {
            g.drawImage(layer, 0, 0, null);
        }
        g.dispose();
        return out;
    }

    private static int thumbScale(AnalysedImage a, ViewSettings s, int target) {
        int side = Math.max(a.input().width(), a.input().height());
        return Math.max(1, Math.min(s.scale(), target / side));
    }

    /** The colorbar's top label: the value 1.0 stands for, or what it is the maximum of (in the current language). */
    private static String upperLabel(ResolvedView v) {
        ViewSettings s = v.settings();
        boolean all = s.head().kind() == HeadChoice.Kind.ALL;
        String value = String.format(java.util.Locale.ROOT, "%.3g", v.upperValue());
        if (s.normalisation() == Normalisation.GLOBAL) return value;
        if (s.normalisation() == Normalisation.PER_HEAD) return all ? Messages.get("export.colorbar.headMax") : value;
        if (s.mode() == HeatmapMode.QUERY && !all) return value;
        return Messages.get("export.colorbar.windowMax");
    }

    /** A titled image in a sheet. */
    record Cell(String title, BufferedImage image) { }
}
