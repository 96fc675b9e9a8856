package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Bounds-checked reads of pickle operands; running off the end is reported as TRUNCATED. */
final class PickleInput {

    private final byte[] data;
    private final Path file;
    private final String entry;
    private int pos;

    PickleInput(byte[] data, Path file, String entry) {
        this.data = data;
        this.file = file;
        this.entry = entry;
    }

    int position() {
        return pos;
    }

    int u8() throws WeightsException {
        need(1);
        return data[pos++] & 0xff;
    }

    int u16() throws WeightsException {
        need(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int s32() throws WeightsException {
        need(4);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** An unsigned 32-bit value (memo index). */
    long u32() throws WeightsException {
        return s32() & 0xffffffffL;
    }

    /** An unsigned 32-bit length; larger than the remaining data means truncation. */
    int length32() throws WeightsException {
        return length(u32());
    }

    /** An unsigned 64-bit length. */
    int u64() throws WeightsException {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return length(v);
    }

    /** BINFLOAT is big-endian, unlike everything else in a pickle. */
    double f64() throws WeightsException {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    byte[] bytes(int n) throws WeightsException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    String utf8(int n) throws WeightsException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    String latin1(int n) throws WeightsException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    /** A newline-terminated text operand (GLOBAL, INT, PUT...), without the newline. */
    String line() throws WeightsException {
        int start = pos;
        while (pos < data.length && data[pos] != '\n') {
            pos++;
        }
        if (pos >= data.length) {
            throw truncated(start);
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private int length(long v) throws WeightsException {
        if (v < 0 || v > data.length - pos) {
            throw truncated(pos);
        }
        return (int) v;
    }

    private void need(int n) throws WeightsException {
        if (n < 0 || n > data.length - pos) {
            throw truncated(pos);
        }
    }

    private WeightsException truncated(int at) {
        return WeightsException.of(WeightsException.Kind.TRUNCATED, file, Messages.get("error.pickle.truncated", entry, data.length, at));
    }
}
