package io.swinlens.testutil;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Headless screenshots of views into target/screenshots/, for a person to look at, and a test picture. */
public final class Screenshots {

    public static final Path OUT = Path.of("target", "screenshots");

    private Screenshots() { }

    /** Snapshots {@code root} on the FX thread and writes it as {@code target/screenshots/<name>}. */
    public static Path shoot(FxRobot robot, Node root, String name) throws IOException {
        Files.createDirectories(OUT);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(root.snapshot(null, null)));
        Path file = OUT.resolve(name);
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1000);
        return file;
    }

    /** A 320 x 240 picture with a few shapes, so that the crop and the heatmaps have something to show. */
    public static File scene(Path file) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(200, 225, 245), 0, 240, new Color(90, 140, 90)));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(220, 60, 50));
        g.fillOval(60, 60, 90, 90);
        g.setColor(new Color(40, 70, 180));
        g.fillRect(180, 110, 80, 80);
        g.setColor(new Color(250, 200, 40));
        g.fillPolygon(new int[]{150, 190, 110}, new int[]{20, 90, 90}, 3);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file.toFile();
    }
}
