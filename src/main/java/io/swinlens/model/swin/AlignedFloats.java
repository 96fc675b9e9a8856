package io.swinlens.model.swin;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Float memory that starts on a 64-byte boundary, so that no AVX-512 load or store of the oneDNN kernels straddles two
 * cache lines. malloc, JavaCPP and ND4J give 16-byte alignment; the same linears ran 7-11% slower on buffers 16 bytes
 * off a line than on aligned ones (docs/performance.md, "Aligned memory"). Freed when this pointer is collected,
 * like any JavaCPP allocation, and counted against JavaCPP's memory limit.
 */
final class AlignedFloats extends FloatPointer {

    /** A cache line. */
    static final int ALIGNMENT = 64;

    /** Bytes of all these blocks not yet freed. */
    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    /** Frees the block malloc gave; holds no reference to the pointer it frees for (that would keep it alive). */
    private static final class Free implements Pointer.Deallocator {
        private final Pointer block;
        private final long bytes;

        Free(Pointer block, long bytes) {
            this.block = block;
            this.bytes = bytes;
        }

        @Override public void deallocate() {
            Pointer.free(block);
            LIVE_BYTES.addAndGet(-bytes);
        }
    }

    /** {@code count} uninitialised floats. */
    AlignedFloats(long count) {
        Pointer block = Pointer.malloc(count * Float.BYTES + ALIGNMENT);
        if (block == null || block.isNull()) throw new OutOfMemoryError("cannot allocate " + count * Float.BYTES + " bytes");
        address = (block.address() + ALIGNMENT - 1) & -ALIGNMENT;
        capacity = limit = count;
        LIVE_BYTES.addAndGet(count * Float.BYTES);
        deallocator(new Free(block, count * Float.BYTES));
    }

    /** Bytes held in aligned blocks now, by all threads. */
    static long liveBytes() { return LIVE_BYTES.get(); }

    /** A row-major float32 array of {@code shape} on aligned memory, its contents undefined; not in any workspace. */
    static INDArray array(long... shape) {
        long count = 1;
        long[] strides = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = count;
            count *= shape[i];
        }
        AlignedFloats memory = new AlignedFloats(Math.max(count, 1));
        // the buffer holds the pointer, so the memory lives as long as the array does
        return Nd4j.create(Nd4j.createBuffer(memory, DataType.FLOAT, count, FloatIndexer.create(memory)), shape, strides, 0, 'c', DataType.FLOAT);
    }
}
