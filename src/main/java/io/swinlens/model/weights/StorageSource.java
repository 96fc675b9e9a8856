package io.swinlens.model.weights;

import java.nio.ByteBuffer;

/** Reads a byte range of one raw storage (a zip entry or a safetensors data slice). */
@FunctionalInterface
interface StorageSource {

    /**
     * Returns exactly {@code length} bytes starting at {@code byteOffset}, little-endian ordered.
     *
     * @throws java.io.UncheckedIOException if the bytes cannot be read (file changed or closed)
     */
    ByteBuffer read(long byteOffset, int length);
}
