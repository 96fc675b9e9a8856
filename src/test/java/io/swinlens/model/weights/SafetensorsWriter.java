package io.swinlens.model.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the safetensors layout: u64 header length, JSON header padded to 8 bytes, data. */
final class SafetensorsWriter {

    private final JsonObject header = new JsonObject();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    SafetensorsWriter() {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        header.add("__metadata__", metadata);
    }

    SafetensorsWriter tensor(String name, String dtype, long[] shape, byte[] bytes) {
        return entry(name, dtype, shape, data.size(), data.size() + bytes.length, bytes);
    }

    SafetensorsWriter f32(String name, long[] shape, float[] values) {
        return tensor(name, "F32", shape, Bytes.f32(values));
    }

    /** An entry with explicit (possibly wrong) offsets, for corruption tests. */
    SafetensorsWriter entry(String name, String dtype, long[] shape, long begin, long end, byte[] bytes) {
        JsonObject e = new JsonObject();
        e.addProperty("dtype", dtype);
        JsonArray s = new JsonArray();
        for (long d : shape) {
            s.add(d);
        }
        e.add("shape", s);
        JsonArray offsets = new JsonArray();
        offsets.add(begin);
        offsets.add(end);
        e.add("data_offsets", offsets);
        header.add(name, e);
        data.writeBytes(bytes);
        return this;
    }

    byte[] toBytes() {
        StringBuilder json = new StringBuilder(header.toString());
        while ((8 + json.length()) % 8 != 0) {
            json.append(' ');
        }
        byte[] h = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data.toByteArray());
        return out.array();
    }

    void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }
}
