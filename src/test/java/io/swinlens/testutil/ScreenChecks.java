package io.swinlens.testutil;

import io.swinlens.analysis.Colormap;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a screenshot test checks in the pixels on screen, so that a view that stops drawing its heatmap,
 * its grid or its colorbar fails: comparisons with what the renderer drew, column profiles, colour samples.
 */
public final class ScreenChecks {

    private ScreenChecks() { }

    /** The node as drawn on screen now. */
    public static BufferedImage snapshot(FxRobot robot, Node node) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(node.snapshot(null, null)));
        return SwingFXUtils.fromFXImage(image.get(), null);
    }

    /** Layers drawn bottom to top over black, as the image view stacks them; null layers are skipped. */
    public static BufferedImage stacked(BufferedImage... layers) {
        BufferedImage out = new BufferedImage(layers[0].getWidth(), layers[0].getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (BufferedImage layer : layers) if (layer != null) g.drawImage(layer, 0, 0, null);
        g.dispose();
        return out;
    }

    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        return io.swinlens.analysis.Images.scaled(image, width, height);
    }

    /** Mean absolute difference per RGB channel, 0..255, over images of one size. */
    public static double meanDifference(BufferedImage a, BufferedImage b) {
        double[] columns = columnDifferences(a, b);
        double sum = 0;
        for (double c : columns) sum += c;
        return sum / columns.length;
    }

    /** The mean absolute RGB difference of each column. */
    public static double[] columnDifferences(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).as("width").isEqualTo(a.getWidth());
        assertThat(b.getHeight()).as("height").isEqualTo(a.getHeight());
        double[] out = new double[a.getWidth()];
        for (int x = 0; x < a.getWidth(); x++) {
            long sum = 0;
            for (int y = 0; y < a.getHeight(); y++) sum += channelDistance(a.getRGB(x, y), b.getRGB(x, y));
            out[x] = sum / (3.0 * a.getHeight());
        }
        return out;
    }

    private static int channelDistance(int p, int q) {
        return Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255)) + Math.abs((p & 255) - (q & 255));
    }

    /** The largest channel distance of any pixel from the first one: 0 for a blank picture. */
    public static int spread(BufferedImage image) {
        int first = image.getRGB(0, 0);
        int max = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) max = Math.max(max, channelDistance(first, image.getRGB(x, y)));
        }
        return max;
    }

    /** A horizontal colorbar shows the colormap from 0 at the left to 1 at the right. */
    public static void assertShowsColormap(BufferedImage bar, Colormap colormap) {
        int y = bar.getHeight() / 2;
        for (double t : new double[]{0.05, 0.3, 0.5, 0.7, 0.95}) {
            int x = (int) Math.round(t * (bar.getWidth() - 1));
            int shown = bar.getRGB(x, y);
            int expected = colormap.argb(t);
            assertThat(channelDistance(shown, expected)).as("colorbar at %.2f: shown %06x, %s gives %06x", t, shown & 0xffffff,
                    colormap.id(), expected & 0xffffff).isLessThan(3 * 24);
        }
    }
}
