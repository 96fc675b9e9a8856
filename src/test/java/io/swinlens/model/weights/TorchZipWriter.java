package io.swinlens.model.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what {@code torch.save(state_dict, f)} writes (protocol 2, torch >= 1.6): a STORED zip
 * with archive/data.pkl, archive/data/&lt;key&gt; and archive/version. Tensors are pickled as
 * _rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict()).
 */
final class TorchZipWriter {

    record Storage(String type, long numel, byte[] data) {
    }

    record TensorRef(String name, String storageKey, long offset, long[] shape, long[] stride) {
    }

    private final Map<String, Storage> storages = new LinkedHashMap<>();
    private final List<TensorRef> tensors = new ArrayList<>();
    private String wrapperKey;
    private Consumer<PickleWriter> extras = w -> { };

    TorchZipWriter storage(String key, String type, long numel, byte[] data) {
        storages.put(key, new Storage(type, numel, data));
        return this;
    }

    TorchZipWriter view(String name, String storageKey, long offset, long[] shape, long[] stride) {
        tensors.add(new TensorRef(name, storageKey, offset, shape, stride));
        return this;
    }

    /** A contiguous float32 tensor on its own storage. */
    TorchZipWriter f32(String name, long[] shape, float[] values) {
        String key = String.valueOf(storages.size());
        storage(key, "FloatStorage", values.length, Bytes.f32(values));
        return view(name, key, 0, shape, RawTensor.contiguousStrides(shape));
    }

    /** Wraps the state dict as {@code {key: state_dict, ...extras}} like an official checkpoint. */
    TorchZipWriter wrapIn(String key, Consumer<PickleWriter> extraItems) {
        this.wrapperKey = key;
        this.extras = extraItems;
        return this;
    }

    byte[] pickle() {
        PickleWriter w = new PickleWriter().proto(2);
        if (wrapperKey != null) {
            w.op('}').put().mark().unicode(wrapperKey);
        }
        w.orderedDict().put().mark();
        Map<String, Integer> storageMemo = new HashMap<>();
        for (TensorRef t : tensors) {
            w.unicode(t.name()).global("torch._utils", "_rebuild_tensor_v2").put().mark();
            Integer memo = storageMemo.get(t.storageKey());
            if (memo != null) {
                w.get(memo);
            } else {
                Storage s = storages.get(t.storageKey());
                w.mark().unicode("storage").global("torch", s.type()).put().unicode(t.storageKey()).unicode("cpu")
                        .integer(s.numel()).op('t').put().op('Q').put();
                storageMemo.put(t.storageKey(), w.lastMemo());
            }
            w.integer(t.offset()).ints(t.shape()).ints(t.stride()).bool(false).orderedDict().put().op('t').put().op('R').put();
        }
        w.op('u');
        if (wrapperKey != null) {
            extras.accept(w);
            w.op('u');
        }
        return w.stop().toBytes();
    }

    void write(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle());
        entries.put("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        storages.forEach((key, s) -> entries.put("archive/data/" + key, s.data()));
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        writeZip(file, entries);
    }

    /** STORED entries, as torch writes them. */
    static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** A checkpoint whose data.pkl is exactly {@code pickle}. */
    static void writeRawPickle(Path file, byte[] pickle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        writeZip(file, entries);
    }
}
