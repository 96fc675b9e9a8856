package io.swinlens.model.io;

import io.swinlens.i18n.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0/2.0), float32 C-order, little-endian: what {@code numpy.save}
 * writes for a float32 array and what {@code numpy.load} reads back.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** An array read from a file: its shape and values in C order. */
    public record Array(long[] shape, float[] data) {
        public int dim(int i) { return (int) shape[i]; }
        @Override public String toString() { return "float32" + Arrays.toString(shape); }
    }

    private Npy() { }

    /** A model input is a few hundred pixels square; anything near this is not one. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** numpy writes headers of a few hundred bytes. */
    static final int MAX_HEADER_BYTES = 1 << 16;

    public static Array read(Path file) throws IOException {
        String name = Printable.quoted(file.getFileName().toString());
        if (!Files.isRegularFile(file)) throw bad(name, "error.npy.notRegular");
        long fileSize = Files.size(file);
        if (fileSize > MAX_FILE_BYTES) throw bad(name, "error.npy.tooLarge", fileSize, MAX_FILE_BYTES);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw bad(name, "error.npy.notNpy");
        }
        int major = bytes[6];
        long headerLength;
        int offset;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort(8));
            offset = 10;
        } else if ((major == 2 || major == 3) && bytes.length >= 12) {
            headerLength = Integer.toUnsignedLong(buf.getInt(8));
            offset = 12;
        } else {
            throw bad(name, "error.npy.version", major);
        }
        if (headerLength > MAX_HEADER_BYTES) throw bad(name, "error.npy.headerTooLarge", headerLength);
        if (offset + headerLength > bytes.length) throw bad(name, "error.npy.headerTruncated");
        String header = new String(bytes, offset, (int) headerLength, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        if ("True".equals(group(FORTRAN, header, name))) throw bad(name, "error.npy.fortran");
        long[] shape = shape(group(SHAPE, header, name), name);
        long count = 1;
        for (long d : shape) {
            count = d == 0 ? 0 : count > Long.MAX_VALUE / d ? -1 : count * d;
            if (count < 0) throw bad(name, "error.npy.shapeOverflow", Arrays.toString(shape));
        }
        int dataStart = offset + (int) headerLength;
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw bad(name, "error.npy.dtype", Printable.quoted(descr));
        };
        if (count > (bytes.length - dataStart) / itemSize) {
            String needed = count > Long.MAX_VALUE / itemSize ? Messages.get("error.npy.moreThan", Long.MAX_VALUE) : String.valueOf(count * itemSize);
            throw bad(name, "error.npy.dataTruncated", Arrays.toString(shape), needed, bytes.length - dataStart);
        }
        if (count == 0) throw bad(name, "error.npy.empty", Arrays.toString(shape));
        float[] data = new float[(int) count];
        buf.position(dataStart);
        if (itemSize == 4) {
            buf.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) data[i] = (float) buf.getDouble(dataStart + 8 * i);
        }
        return new Array(shape, data);
    }

    /** The dimensions of a header's shape tuple, each a non-negative integer that fits a long. */
    private static long[] shape(String tuple, String name) throws IOException {
        String[] parts = tuple.split(",");
        long[] out = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (!p.matches("\\d{1,18}")) throw bad(name, "error.npy.shapeNotIntegers", Printable.quoted(tuple.trim()));
            out[n++] = Long.parseLong(p);
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code "<name>: <what is wrong>"} in the current language. */
    private static IOException bad(String name, String key, Object... args) {
        return new IOException(Messages.get("error.file.detail", name, Messages.get(key, args)));
    }

    private static String group(Pattern p, String header, String name) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw bad(name, "error.npy.malformedHeader", Printable.quoted(header.trim()));
        return m.group(1);
    }

    /** Writes a float32 array of this shape (format 1.0), header padded to a multiple of 64 bytes as numpy does. */
    public static void write(OutputStream out, float[] data, long... shape) throws IOException {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, got " + data.length);
        }
        StringBuilder dims = new StringBuilder();
        for (long d : shape) dims.append(d).append(", ");
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, Math.max(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + dict.length() + 1;
        int padding = (64 - total % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        out.write(body.array());
    }
}
