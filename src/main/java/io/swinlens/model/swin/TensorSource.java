package io.swinlens.model.swin;

/**
 * Tensors by canonical (official Swin) name. {@link #get} checks the shape and fails with an
 * {@link IllegalArgumentException} naming the key, the expected and the actual shape.
 */
public interface TensorSource {

    /** The shape of {@code key}, or null when there is no such tensor. */
    long[] shapeOf(String key);

    /** The values of {@code key}, C order, after checking that its shape is {@code shape}. */
    float[] get(String key, long... shape);
}
