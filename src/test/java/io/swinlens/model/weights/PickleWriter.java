package io.swinlens.model.weights;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembles pickle bytes opcode by opcode, the way CPython's pickle.py emits them. */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memo;

    PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleWriter proto(int version) {
        return op(0x80).op(version);
    }

    PickleWriter mark() {
        return op('(');
    }

    PickleWriter global(String module, String name) {
        op('c');
        raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Protocol-4 STACK_GLOBAL: module and name come from the stack. */
    PickleWriter stackGlobal(String module, String name) {
        return shortUnicode(module).shortUnicode(name).op(0x93);
    }

    PickleWriter unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le(b.length, 4);
        return raw(b);
    }

    PickleWriter shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c).op(b.length);
        return raw(b);
    }

    PickleWriter bytes(byte[] b) {
        op('C').op(b.length);
        return raw(b);
    }

    /** The smallest integer opcode, as pickle.py's save_long picks it. */
    PickleWriter integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').op((int) v);
        }
        if (v >= 0 && v < 65536) {
            op('M');
            return le(v, 2);
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');
            return le(v, 4);
        }
        op(0x8a).op(8);
        return le(v, 8);
    }

    PickleWriter binfloat(double d) {
        op('G');
        long bits = Double.doubleToLongBits(d);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    PickleWriter none() {
        return op('N');
    }

    PickleWriter bool(boolean b) {
        return op(b ? 0x88 : 0x89);
    }

    PickleWriter ints(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /** BINPUT with the next memo index; returns that index through {@link #lastMemo()}. */
    PickleWriter put() {
        op('q').op(memo++);
        return this;
    }

    int lastMemo() {
        return memo - 1;
    }

    PickleWriter get(int index) {
        return op('h').op(index);
    }

    PickleWriter orderedDict() {
        return global("collections", "OrderedDict").op(')').op('R');
    }

    PickleWriter stop() {
        return op('.');
    }

    PickleWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    private PickleWriter le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
