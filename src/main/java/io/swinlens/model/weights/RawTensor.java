package io.swinlens.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One named tensor of a checkpoint, as stored: dtype, shape and a lazy view of its bytes.
 * Nothing is read until {@link #toFloats()} or {@link #toLongs()}; sizes were validated when the
 * checkpoint was opened, so a read fails only if the file changed or the checkpoint was closed
 * (then an unchecked exception is thrown).
 */
public final class RawTensor {

    /** Where the elements come from: a strided view of a storage, or a concatenation. */
    interface Data {
        float[] toFloats();

        long[] toLongs();
    }

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final Data data;

    RawTensor(String name, DType dtype, long[] shape, Data data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /** An in-memory float32 tensor (for tests and derived tensors). */
    public static RawTensor ofFloats(String name, long[] shape, float[] values) {
        if (numel(shape) != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " needs " + numel(shape) + " values, got " + values.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        StorageSource source = (offset, length) -> bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN)
                .position((int) offset).limit((int) offset + length).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new RawTensor(name, DType.F32, shape,
                new StridedData(source, DType.F32, 0, shape, contiguousStrides(shape)));
    }

    /** Row-concatenation (along dim 0) of tensors with equal trailing dims; read lazily. */
    static RawTensor concatRows(String name, List<RawTensor> parts) {
        long rows = 0;
        for (RawTensor p : parts) {
            rows += p.shape[0];
        }
        long[] shape = parts.get(0).shape.clone();
        shape[0] = rows;
        return new RawTensor(name, parts.get(0).dtype, shape, new Data() {
            @Override
            public float[] toFloats() {
                float[] out = new float[Math.toIntExact(numel(shape))];
                int at = 0;
                for (RawTensor p : parts) {
                    float[] v = p.toFloats();
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                return out;
            }

            @Override
            public long[] toLongs() {
                long[] out = new long[Math.toIntExact(numel(shape))];
                int at = 0;
                for (RawTensor p : parts) {
                    long[] v = p.toLongs();
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                return out;
            }
        });
    }

    /** The same data under another key. */
    RawTensor renamed(String newName) {
        return new RawTensor(newName, dtype, shape, data);
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        return numel(shape);
    }

    /** All elements in C (row-major) order, converted to float. */
    public float[] toFloats() {
        return data.toFloats();
    }

    /** All elements in C (row-major) order, converted to long. */
    public long[] toLongs() {
        return data.toLongs();
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return stride;
    }
}
