package io.swinlens.model.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader for little-endian float32 C-order .npy files (test fixtures only). */
record TestNpy(int[] shape, float[] data) {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static TestNpy readResource(String resource) throws IOException {
        try (InputStream in = TestNpy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return parse(in.readAllBytes());
        }
    }

    static TestNpy parse(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[0] != (byte) 0x93 || bytes[1] != 'N') {
            throw new IllegalArgumentException("not an .npy file");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? buffer.getShort(8) & 0xFFFF : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f4'") || header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException("expected little-endian float32 in C order: " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("no shape in " + header);
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        float[] data = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        buffer.position(headerStart + headerLength);
        buffer.asFloatBuffer().get(data);
        return new TestNpy(shape, data);
    }
}
