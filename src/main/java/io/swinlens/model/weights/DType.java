package io.swinlens.model.weights;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/** Element types a checkpoint tensor can have; every one converts to float and to long. */
public enum DType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int itemSize;

    DType(int itemSize) {
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Maps a safetensors dtype string ("F32", "BF16", ...); empty for F8_*, U16, U32, U64 and unknowns. */
    public static Optional<DType> fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Maps a torch storage class name such as "FloatStorage"; empty if unknown. */
    public static Optional<DType> fromTorchStorage(String className) {
        return Optional.ofNullable(switch (className) {
            case "FloatStorage" -> F32;
            case "DoubleStorage" -> F64;
            case "HalfStorage" -> F16;
            case "BFloat16Storage" -> BF16;
            case "LongStorage" -> I64;
            case "IntStorage" -> I32;
            case "ShortStorage" -> I16;
            case "CharStorage" -> I8;
            case "ByteStorage", "UntypedStorage" -> U8;
            case "BoolStorage" -> BOOL;
            default -> null;
        });
    }

    /** Maps a torch dtype attribute name such as "float32" or "half" (used by _rebuild_tensor_v3). */
    public static Optional<DType> fromTorchDtype(String attribute) {
        return Optional.ofNullable(switch (attribute.toLowerCase(Locale.ROOT)) {
            case "float32", "float" -> F32;
            case "float64", "double" -> F64;
            case "float16", "half" -> F16;
            case "bfloat16" -> BF16;
            case "int64", "long" -> I64;
            case "int32", "int" -> I32;
            case "int16", "short" -> I16;
            case "int8" -> I8;
            case "uint8" -> U8;
            case "bool" -> BOOL;
            default -> null;
        });
    }

    /** Element {@code index} of a little-endian buffer, as float. */
    float readFloat(ByteBuffer b, int index) {
        int at = index * itemSize;
        return switch (this) {
            case F32 -> b.getFloat(at);
            case F16 -> Float16.halfToFloat(b.getShort(at));
            case BF16 -> Float16.bfloat16ToFloat(b.getShort(at));
            case F64 -> (float) b.getDouble(at);
            case I64 -> b.getLong(at);
            case I32 -> b.getInt(at);
            case I16 -> b.getShort(at);
            case I8 -> b.get(at);
            case U8 -> b.get(at) & 0xff;
            case BOOL -> b.get(at) != 0 ? 1f : 0f;
        };
    }

    /** Element {@code index} of a little-endian buffer, as long (floats truncate toward zero). */
    long readLong(ByteBuffer b, int index) {
        int at = index * itemSize;
        return switch (this) {
            case F32, F16, BF16 -> (long) readFloat(b, index);
            case F64 -> (long) b.getDouble(at);
            case I64 -> b.getLong(at);
            case I32 -> b.getInt(at);
            case I16 -> b.getShort(at);
            case I8 -> b.get(at);
            case U8 -> b.get(at) & 0xff;
            case BOOL -> b.get(at) != 0 ? 1L : 0L;
        };
    }
}
