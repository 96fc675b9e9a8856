package io.swinlens.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian encodings of test values. */
final class Bytes {

    private Bytes() {
    }

    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] i64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Raw 16-bit patterns (for F16 and BF16). */
    static byte[] u16(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : bits) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static float[] range(int n, float start) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * 0.25f;
        }
        return out;
    }
}
