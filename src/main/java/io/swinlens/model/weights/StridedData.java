package io.swinlens.model.weights;

import java.nio.ByteBuffer;

/**
 * A tensor as torch stores it: element (i0..in) is storage[offset + sum(ik * stride_k)].
 * Only the byte range the view touches is read, so views of a large shared storage stay cheap.
 */
final class StridedData implements RawTensor.Data {

    private final StorageSource source;
    private final DType dtype;
    private final long offset;
    private final long[] shape;
    private final long[] stride;

    StridedData(StorageSource source, DType dtype, long offset, long[] shape, long[] stride) {
        this.source = source;
        this.dtype = dtype;
        this.offset = offset;
        this.shape = shape.clone();
        this.stride = stride.clone();
    }

    /** One past the highest storage element the view touches (offset when the view is empty). */
    static long extent(long offset, long[] shape, long[] stride) {
        long last = offset;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] == 0) {
                return offset;
            }
            last = Math.addExact(last, Math.multiplyExact(shape[k] - 1, stride[k]));
        }
        return Math.addExact(last, 1);
    }

    @Override
    public float[] toFloats() {
        int[] index = storageIndices();
        ByteBuffer bytes = readSpan();
        float[] out = new float[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = dtype.readFloat(bytes, index[i]);
        }
        return out;
    }

    @Override
    public long[] toLongs() {
        int[] index = storageIndices();
        ByteBuffer bytes = readSpan();
        long[] out = new long[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = dtype.readLong(bytes, index[i]);
        }
        return out;
    }

    private ByteBuffer readSpan() {
        long elements = extent(offset, shape, stride) - offset;
        return source.read(offset * dtype.itemSize(), Math.toIntExact(elements * dtype.itemSize()));
    }

    /** Storage indices (relative to offset) of the elements in C order: an odometer over shape. */
    private int[] storageIndices() {
        int n = Math.toIntExact(RawTensor.numel(shape));
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        int rank = shape.length;
        long[] counter = new long[rank];
        long position = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (int) position;
            for (int k = rank - 1; k >= 0; k--) {
                counter[k]++;
                position += stride[k];
                if (counter[k] < shape[k]) {
                    break;
                }
                position -= counter[k] * stride[k];
                counter[k] = 0;
            }
        }
        return out;
    }
}
