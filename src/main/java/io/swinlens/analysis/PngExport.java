package io.swinlens.analysis;

import io.swinlens.model.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Writes PNGs atomically; an existing file is replaced only when asked (FileAlreadyExistsException otherwise). */
public final class PngExport {

    private PngExport() { }

    public static void write(BufferedImage image, Path target, boolean overwrite) throws IOException {
        AtomicFiles.write(target, overwrite, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available");
        });
    }
}
