package io.swinlens.analysis;

import io.swinlens.model.io.AtomicFiles;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.nio.file.Path;

/** Writes PNGs atomically; an existing file is replaced only when asked (FileAlreadyExistsException otherwise). */
public final class PngExport {

    private PngExport() { }

    public static void write(BufferedImage image, Path target, boolean overwrite) throws IOException {
        AtomicFiles.write(target, overwrite, out -> write(image, out));
    }

    /**
     * Encodes through a memory-cached stream: ImageIO's default disk cache writes a second temporary file,
     * and on a full disk its cleanup thread dies with a NullPointerException trace.
     */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) throw new IOException(io.swinlens.i18n.Messages.get("export.png.noWriter"));
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }
}
