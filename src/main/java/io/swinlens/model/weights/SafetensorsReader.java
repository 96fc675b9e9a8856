package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.swinlens.model.weights.WeightsException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file (docs/swin-reference.md §8.2): an 8-byte little-endian header
 * length N, N bytes of JSON, then the data buffer. Every entry is validated against the buffer
 * at open; tensor bytes are read later by positional reads on the shared channel.
 */
final class SafetensorsReader {

    /** The safetensors library itself refuses headers above 100 MB. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsReader() {
    }

    /** The tensors and the {@code __metadata__} string entries (others are skipped). */
    record Contents(Map<String, RawTensor> tensors, Map<String, String> metadata) { }

    static Contents read(Path file, FileChannel channel) throws WeightsException {
        try {
            long fileSize = channel.size();
            long headerLength = readFully(channel, 0, 8).getLong();
            if (headerLength < 0 || headerLength > fileSize - 8) {
                throw WeightsException.of(Kind.TRUNCATED, file, Messages.get("error.safetensors.headerTruncated", Long.toUnsignedString(headerLength), fileSize - 8));
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.headerTooLarge", headerLength));
            }
            ByteBuffer header = readFully(channel, 8, (int) headerLength);
            JsonObject json = parse(file, new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            long dataSize = fileSize - dataStart;
            Map<String, RawTensor> out = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : json.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    out.put(e.getKey(), tensor(file, channel, e.getKey(), e.getValue(), dataStart, dataSize));
                } else if (e.getValue().isJsonObject()) {
                    for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                        if (m.getValue().isJsonPrimitive() && metadata.size() < 64) metadata.put(m.getKey(), m.getValue().getAsString());
                    }
                }
            }
            requireDisjoint(file, json);
            return new Contents(out, java.util.Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            throw new WeightsException(Kind.UNREADABLE, Messages.get("error.checkpoint.cannotRead", WeightsException.fileName(file), e.getMessage()), e);
        }
    }

    private static RawTensor tensor(Path file, FileChannel channel, String key, JsonElement value,
                                    long dataStart, long dataSize) throws WeightsException {
        JsonObject entry = value.isJsonObject() ? value.getAsJsonObject() : null;
        if (entry == null || !entry.has("dtype") || !entry.has("shape") || !entry.has("data_offsets")) {
            throw corrupt(file, key, Messages.get("error.safetensors.entryFields", value));
        }
        JsonElement dtypeValue = entry.get("dtype");
        if (!dtypeValue.isJsonPrimitive() || !dtypeValue.getAsJsonPrimitive().isString()) {
            throw corrupt(file, key, Messages.get("error.safetensors.dtypeString", dtypeValue));
        }
        String dtypeName = Printable.quoted(dtypeValue.getAsString());
        DType dtype = DType.fromSafetensors(dtypeName).orElseThrow(() -> WeightsException.of(Kind.UNSUPPORTED_DTYPE, file,
                Messages.get("error.safetensors.dtypeUnsupported", Printable.quoted(key), dtypeName)));
        long[] shape = longs(file, key, "shape", entry.get("shape"));
        long[] offsets = longs(file, key, "data_offsets", entry.get("data_offsets"));
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw corrupt(file, key, Messages.get("error.safetensors.offsetsOrder", entry.get("data_offsets")));
        }
        if (offsets[1] > dataSize) {
            throw WeightsException.of(Kind.TRUNCATED, file, Messages.get("error.safetensors.offsetsPastEnd", key, entry.get("data_offsets"), dataSize));
        }
        long numel;
        try {
            numel = RawTensor.numel(shape);
        } catch (ArithmeticException overflow) {
            throw corrupt(file, key, Messages.get("error.safetensors.shapeOverflows", entry.get("shape")));
        }
        long expected = numel * dtype.itemSize();
        if (offsets[1] - offsets[0] != expected) {
            throw corrupt(file, key, Messages.get("error.safetensors.sizeMismatch", entry.get("shape"), dtypeName, expected,
                    entry.get("data_offsets"), offsets[1] - offsets[0]));
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw corrupt(file, key, Messages.get("error.tensor.tooManyElements", numel));
        }
        long base = dataStart + offsets[0];
        StorageSource source = (offset, length) -> {
            try {
                return readFully(channel, base + offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(Messages.get("error.safetensors.cannotReadTensor", WeightsException.fileName(file), key, e.getMessage()), e);
            }
        };
        return new RawTensor(key, dtype, shape, new StridedData(source, dtype, 0, shape, RawTensor.contiguousStrides(shape)));
    }

    /**
     * No two tensors share bytes: the safetensors library refuses overlapping data_offsets, and a file with them has
     * been made by hand (one tensor reading another's values, or the header's). Empty tensors take no bytes.
     */
    private static void requireDisjoint(Path file, JsonObject json) throws WeightsException {
        List<long[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (e.getKey().equals("__metadata__")) continue;
            JsonArray o = e.getValue().getAsJsonObject().getAsJsonArray("data_offsets");
            long begin = o.get(0).getAsLong();
            long end = o.get(1).getAsLong();
            if (end > begin) {
                spans.add(new long[]{begin, end, names.size()});
                names.add(e.getKey());
            }
        }
        spans.sort(java.util.Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        for (int i = 1; i < spans.size(); i++) {
            long[] before = spans.get(i - 1);
            long[] next = spans.get(i);
            if (next[0] < before[1]) {
                throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.overlap",
                        Printable.quoted(names.get((int) before[2])), Printable.quoted(names.get((int) next[2]))));
            }
        }
    }

    private static JsonObject parse(Path file, String text) throws WeightsException {
        try {
            JsonElement root = JsonParser.parseString(text.strip());
            if (root.isJsonObject()) {
                String repeated = repeatedKey(text.strip());
                if (repeated != null) {
                    throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.repeatedKey", Printable.quoted(repeated)));
                }
                return root.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.notJson"));
        }
        throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.notObject"));
    }

    /** A top-level key the header gives twice (JSON parsers keep one of them silently), or null. */
    private static String repeatedKey(String text) {
        try (com.google.gson.stream.JsonReader in = new com.google.gson.stream.JsonReader(new java.io.StringReader(text))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (!seen.add(name)) return name;
                in.skipValue();
            }
            return null;
        } catch (IOException | IllegalStateException e) {
            return null;                       // parseString above accepted it; nothing more to say
        }
    }

    private static long[] longs(Path file, String key, String field, JsonElement value) throws WeightsException {
        if (!value.isJsonArray()) {
            throw corrupt(file, key, Messages.get("error.safetensors.notArray", field, value));
        }
        JsonArray array = value.getAsJsonArray();
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = array.get(i);
            java.math.BigDecimal exact = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsBigDecimal() : null;
            if (exact == null || exact.signum() < 0 || exact.stripTrailingZeros().scale() > 0) {
                throw corrupt(file, key, Messages.get("error.safetensors.notNonNegative", field, value));
            }
            if (exact.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw corrupt(file, key, Messages.get("error.safetensors.outOfRange", field, exact.toPlainString()));
            }
            out[i] = exact.longValueExact();
        }
        return out;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException(Messages.get("error.safetensors.endedAt", position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static WeightsException corrupt(Path file, String key, String detail) {
        return WeightsException.of(Kind.CORRUPT, file, Messages.get("error.safetensors.tensor", Printable.quoted(key), detail));
    }
}
