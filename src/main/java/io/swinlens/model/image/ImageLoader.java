package io.swinlens.model.image;

import io.swinlens.i18n.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens PNG, JPEG, BMP and GIF (first frame) files as upright 8-bit RGB, the way the PyTorch
 * tools see them: {@code ImageOps.exif_transpose(Image.open(f)).convert('RGB')} (see
 * {@link RgbImages} for the conversion rules). Every failure is an {@link ImageLoadException}
 * whose message names the file and the problem in one line.
 * <p>
 * The format is recognised from the first bytes, not the file name, and only these four are
 * tried: ImageIO's WBMP reader would otherwise accept almost any bytes as an image.
 */
public final class ImageLoader {

    private ImageLoader() {
    }

    /** Files beyond this are not photos a model looks at (a 100-megapixel PNG is about 300 MB). */
    static final long MAX_FILE_BYTES = 512L << 20;
    /** Images with more pixels are refused before decoding (an 875 KB PNG can declare 30000 x 30000). */
    static final long MAX_PIXELS = 200_000_000L;
    /** Images with more pixels are subsampled while decoding, to at most this many (Swin sees a few hundred). */
    static final long SUBSAMPLE_ABOVE_PIXELS = 36_000_000L;

    /**
     * An image as decoded: {@code subsampling} original pixels per decoded pixel along each axis (1 unless
     * the image had more than {@link #SUBSAMPLE_ABOVE_PIXELS} pixels).
     */
    public record Decoded(BufferedImage image, int subsampling) { }

    /** The upright {@code TYPE_INT_RGB} image (subsampled when enormous; see {@link #decode(Path)} for the factor). */
    public static BufferedImage load(Path file) throws ImageLoadException {
        return decode(file).image();
    }

    /** Decodes {@code file}, refusing what is not a regular file, too large, or declares too many pixels. */
    public static Decoded decode(Path file) throws ImageLoadException {
        return decode(file, readFile(file));
    }

    /**
     * Decodes a file's bytes already in memory, as {@link #decode(Path)} does after reading them; {@code file} names
     * them in errors. The app's warm-up runs images through here, so a first dropped file finds this path compiled.
     */
    public static Decoded decode(Path file, byte[] bytes) throws ImageLoadException {
        if (bytes.length == 0) {
            throw new ImageLoadException(file, Messages.get("error.image.empty"));
        }
        Format format = Format.sniff(bytes);
        if (format == null) {
            throw new ImageLoadException(file, Messages.get("error.image.unrecognised"));
        }
        if (format == Format.JPEG && JpegMetadata.componentCount(bytes) == 4) {
            throw new ImageLoadException(file, Messages.get("error.image.cmyk"));
        }
        int[] subsampling = new int[1];
        BufferedImage decoded;
        try {
            decoded = decode(file, format == Format.JPEG ? JpegMetadata.withoutIccProfile(bytes) : bytes, format, subsampling);
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(file, Messages.get("error.image.outOfMemory"));
        }
        BufferedImage rgb = RgbImages.toIntRgb(decoded);
        return new Decoded(format == Format.JPEG ? ExifOrientation.apply(rgb, JpegMetadata.orientation(bytes)) : rgb, subsampling[0]);
    }

    private static byte[] readFile(Path file) throws ImageLoadException {
        if (Files.isDirectory(file)) {
            throw new ImageLoadException(file, Messages.get("error.image.isFolder"));
        }
        if (!Files.exists(file)) {
            throw new ImageLoadException(file, Messages.get("error.image.notFound"));
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageLoadException(file, Messages.get("error.image.notRegular"));
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageLoadException(file, Messages.get("error.image.fileTooLarge", size >> 20, MAX_FILE_BYTES >> 20));
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(file, Messages.get("error.image.permissionDenied"), e);
        } catch (IOException | OutOfMemoryError e) {
            throw new ImageLoadException(file, Messages.get("error.image.cannotRead", e.getClass().getSimpleName()), e);
        }
        return bytes;
    }

    private static BufferedImage decode(Path file, byte[] bytes, Format format, int[] subsampling) throws ImageLoadException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name());
        if (!readers.hasNext()) {
            throw new ImageLoadException(file, Messages.get("error.image.noDecoder", format));
        }
        long[] declared = format.declaredSize(bytes);       // PNG and BMP: refused by size before a decoder reads them
        if (declared != null) {
            if (declared[0] <= 0 || declared[1] <= 0) {
                throw new ImageLoadException(file, Messages.get("error.image.zeroSize", format, declared[0], declared[1]));
            }
            if (declared[0] * declared[1] > MAX_PIXELS) {
                throw new ImageLoadException(file, Messages.get("error.image.tooManyPixels", declared[0], declared[1],
                        declared[0] * declared[1] / 1e6, MAX_PIXELS / 1_000_000));
            }
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener(new Collector(warnings));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > MAX_PIXELS) {
                throw new ImageLoadException(file, Messages.get("error.image.tooManyPixels", width, height, width * height / 1e6, MAX_PIXELS / 1_000_000));
            }
            subsampling[0] = subsampling(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling[0] > 1) param.setSourceSubsampling(subsampling[0], subsampling[0], 0, 0);
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                String problem = format.isComplete(bytes) ? damage(format, warnings.get(0)) : truncated(format);
                throw new ImageLoadException(file, Messages.get("error.image.unreadable", problem));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            String problem = format.isComplete(bytes) ? damage(format, e) : truncated(format);
            throw new ImageLoadException(file, Messages.get("error.image.unreadable", problem), e);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest whole factor that brings the image to at most {@link #SUBSAMPLE_ABOVE_PIXELS} pixels. */
    static int subsampling(long width, long height) {
        int k = 1;
        while ((width / k) * (height / k) > SUBSAMPLE_ABOVE_PIXELS) k++;
        return k;
    }

    private static String damage(Format format, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return truncated(format);
            }
            String message = t.getMessage();
            if (message != null && looksTruncated(message)) {
                return truncated(format);
            }
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? Messages.get("error.image.damaged", format)
                : Messages.get("error.image.damagedBecause", format, oneLine(message));
    }

    private static String damage(Format format, String warning) {
        return looksTruncated(warning) ? truncated(format) : Messages.get("error.image.damagedBecause", format, oneLine(warning));
    }

    private static String truncated(Format format) {
        return Messages.get("error.image.truncated", format);
    }

    private static boolean looksTruncated(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("premature end") || m.contains("end of") || m.contains("eof") || m.contains("truncated");
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    private enum Format {
        PNG, JPEG, BMP, GIF;

        static Format sniff(byte[] b) {
            if (startsWith(b, 0x89, 'P', 'N', 'G')) {
                return PNG;
            }
            if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
                return JPEG;
            }
            if (startsWith(b, 'G', 'I', 'F', '8')) {
                return GIF;
            }
            if (startsWith(b, 'B', 'M') && b.length > 14) {
                return BMP;
            }
            return null;
        }

        /**
         * {width, height} as the header gives them, where it is at a fixed place: PNG's IHDR (big-endian), BMP's
         * info header (little-endian, a negative height meaning top-down); null for JPEG and GIF, or a short file.
         */
        long[] declaredSize(byte[] b) {
            if (this == PNG && b.length >= 24 && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
                return new long[]{be32(b, 16), be32(b, 20)};
            }
            if (this == BMP && b.length >= 26 && (b[14] & 0xFF) >= 40) {           // BITMAPINFOHEADER or later
                long w = (int) le32(b, 18);
                long h = (int) le32(b, 22);
                return new long[]{w, Math.abs(h)};
            }
            return null;
        }

        private static long be32(byte[] b, int at) {
            return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
        }

        private static long le32(byte[] b, int at) {
            return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
        }

        /**
         * Whether the file has its format's end: PNG's IEND chunk, JPEG's EOI marker, GIF's
         * trailer, or for BMP the length its header declares. Used only to name a decoding failure.
         */
        boolean isComplete(byte[] b) {
            int n = b.length;
            return switch (this) {
                case PNG -> n >= 12 && b[n - 8] == 'I' && b[n - 7] == 'E' && b[n - 6] == 'N' && b[n - 5] == 'D';
                case JPEG -> n >= 4 && (b[n - 2] & 0xFF) == 0xFF && (b[n - 1] & 0xFF) == 0xD9;
                case GIF -> b[n - 1] == 0x3B;
                case BMP -> n >= ((b[2] & 0xFF) | (b[3] & 0xFF) << 8 | (b[4] & 0xFF) << 16 | (b[5] & 0xFF) << 24);
            };
        }

        private static boolean startsWith(byte[] b, int... prefix) {
            if (b.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((b[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Collector(List<String> warnings) implements IIOReadWarningListener {
        @Override
        public void warningOccurred(ImageReader source, String warning) {
            warnings.add(warning);
        }
    }
}
