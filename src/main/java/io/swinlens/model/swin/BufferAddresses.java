package io.swinlens.model.swin;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.WeakReference;

/**
 * Where an array's floats are, for the native calls that take a bare pointer ({@link OneDnn}'s primitives,
 * {@link Gemm}'s dnnl_sgemm). Asking ND4J ({@code addressPointer()}) is two JNI calls and two pointer objects, and
 * offsetting a JavaCPP pointer ({@code getPointer}) goes through reflection: about 0.5 ms of a Swin-T pass
 * (docs/performance.md, "The Java between the calls"). So the addresses are kept per thread by buffer identity, the
 * buffers held weakly; ND4J's CPU buffers do not move, so an address holds for its buffer's whole life.
 */
final class BufferAddresses {

    private BufferAddresses() { }

    /** A bare address: no capacity, only what a native call reads. */
    private static final class At extends FloatPointer {
        At(long address) { this.address = address; }
    }

    /** A buffer lately asked for and its address. */
    private record Known(WeakReference<DataBuffer> buffer, long address) { }

    /** Per thread, by identity hash. */
    private static final ThreadLocal<Known[]> KNOWN = ThreadLocal.withInitial(() -> new Known[256]);

    /** The array's memory from element {@code offset} on: its buffer's start (a view's own start) plus the offset. */
    static FloatPointer at(INDArray a, long offset) {
        return new At(address(a.data()) + offset * Float.BYTES);
    }

    /** Where {@code data} starts. */
    static long address(DataBuffer data) {
        Known[] known = KNOWN.get();
        int slot = System.identityHashCode(data) & (known.length - 1);
        Known k = known[slot];
        if (k != null && k.buffer().get() == data) return k.address();
        FloatPointer start = new FloatPointer(data.addressPointer());
        long address = start.address() + start.position() * Float.BYTES;
        known[slot] = new Known(new WeakReference<>(data), address);
        return address;
    }
}
