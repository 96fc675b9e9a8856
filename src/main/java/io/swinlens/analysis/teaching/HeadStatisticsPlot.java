package io.swinlens.analysis.teaching;

import io.swinlens.i18n.Messages;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mean attention distance of every head against depth, coloured by stage, as in Dosovitskiy et al. 2021,
 * Fig. 7 (right): one point per head, x the block's index across the whole model.
 */
public final class HeadStatisticsPlot {

    /** Stage colours (matplotlib's tab10), shared with the app's chart. */
    public static final int[] STAGE_RGB = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b};

    private static final int PLOT_W = 520;
    private static final int PLOT_H = 300;
    private static final int LEFT = 64;
    private static final int BOTTOM = 44;

    private HeadStatisticsPlot() { }

    /** The block's index across the model (stage 0's blocks first), for each statistic in order. */
    public static int[] depths(List<HeadStatistic> stats) {
        List<Long> blocks = new ArrayList<>();
        for (HeadStatistic s : stats) {
            long key = (long) s.stage() << 32 | s.block();
            if (!blocks.contains(key)) blocks.add(key);
        }
        blocks.sort(null);
        int[] out = new int[stats.size()];
        for (int k = 0; k < out.length; k++) out[k] = blocks.indexOf((long) stats.get(k).stage() << 32 | stats.get(k).block());
        return out;
    }

    public static BufferedImage draw(String modelName, List<HeadStatistic> stats) {
        int[] depth = depths(stats);
        int blocks = 0;
        int stages = 0;
        double maxDistance = 0;
        for (int k = 0; k < depth.length; k++) {
            blocks = Math.max(blocks, depth[k] + 1);
            stages = Math.max(stages, stats.get(k).stage() + 1);
            maxDistance = Math.max(maxDistance, stats.get(k).meanDistancePx());
        }
        double yMax = niceCeiling(maxDistance);
        Font titleFont = Draw.title();
        Font small = Draw.small();
        Font captionFont = Draw.caption();
        String title = Messages.get("teach.stats.title");
        String[] caption = {
            Messages.get("teach.stats.caption.where", modelName, stats.size()),
            Messages.get("teach.stats.caption.windows")};
        int textW = Draw.width(title, titleFont);
        for (String line : caption) textW = Math.max(textW, Draw.width(line, captionFont));
        int width = Math.max(LEFT + PLOT_W + 130, LEFT + textW + Draw.GAP);
        int bottom = Math.max(BOTTOM, 12 + 2 * Draw.lineHeight(small));        // tick labels and the axis title
        int top = Draw.GAP + Draw.lineHeight(titleFont) + 10;
        int height = top + PLOT_H + bottom + 2 * Draw.lineHeight(captionFont) + Draw.GAP;
        BufferedImage out = Draw.white(width, height);
        Graphics2D g = Draw.graphics(out);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Draw.text(g, title, LEFT, Draw.GAP, titleFont, Draw.INK);

        // axes and ticks
        g.setColor(new Color(225, 225, 225));
        for (int t = 0; t <= 5; t++) {
            int y = top + PLOT_H - (int) Math.round(t * PLOT_H / 5.0);
            g.drawLine(LEFT, y, LEFT + PLOT_W, y);
        }
        g.setColor(Draw.INK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, top, LEFT, top + PLOT_H);
        g.drawLine(LEFT, top + PLOT_H, LEFT + PLOT_W, top + PLOT_H);
        int lh = Draw.lineHeight(small);
        for (int t = 0; t <= 5; t++) {
            int y = top + PLOT_H - (int) Math.round(t * PLOT_H / 5.0);
            String label = String.format(Locale.ROOT, "%.0f", yMax * t / 5);
            g.drawLine(LEFT - 4, y, LEFT, y);
            Draw.text(g, label, LEFT - 8 - Draw.width(label, small), y - lh / 2, small, Draw.INK);
        }
        for (int b = 0; b < blocks; b++) {
            int x = xOf(b, blocks);
            g.drawLine(x, top + PLOT_H, x, top + PLOT_H + 4);
            String label = Integer.toString(b);
            Draw.text(g, label, x - Draw.width(label, small) / 2, top + PLOT_H + 6, small, Draw.INK);
        }
        String xTitle = Messages.get("teach.stats.axis.depth");
        Draw.text(g, xTitle, LEFT + PLOT_W / 2 - Draw.width(xTitle, small) / 2, top + PLOT_H + 8 + lh, small, Draw.INK);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yTitle = Messages.get("teach.stats.axis.distance");
        Draw.text(rotated, yTitle, -(top + PLOT_H / 2 + Draw.width(yTitle, small) / 2), 6, small, Draw.INK);
        rotated.dispose();

        for (int k = 0; k < stats.size(); k++) {
            HeadStatistic s = stats.get(k);
            int x = xOf(depth[k], blocks);
            int y = top + PLOT_H - (int) Math.round(s.meanDistancePx() / yMax * PLOT_H);
            g.setColor(new Color(STAGE_RGB[s.stage() % STAGE_RGB.length] | 0xB4000000, true));
            g.fillOval(x - 5, y - 5, 10, 10);
            g.setColor(new Color(40, 40, 40, 160));
            g.drawOval(x - 5, y - 5, 10, 10);
        }
        for (int st = 0; st < stages; st++) {
            int y = top + 6 + st * (lh + 4);
            g.setColor(new Color(STAGE_RGB[st % STAGE_RGB.length]));
            g.fillOval(LEFT + PLOT_W + 20, y + 2, 10, 10);
            Draw.text(g, Messages.get("teach.stats.legend.stage", st), LEFT + PLOT_W + 36, y, small, Draw.INK);
        }
        Draw.lines(g, caption, LEFT, top + PLOT_H + bottom, captionFont);
        g.dispose();
        return out;
    }

    private static int xOf(int block, int blocks) {
        return LEFT + (int) Math.round((block + 0.5) * PLOT_W / Math.max(1, blocks));
    }

    private static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * step >= v) return m * step;
        }
        return 10 * step;
    }
}
