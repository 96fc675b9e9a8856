package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;
import io.swinlens.model.weights.TorchPickleHooks.TensorSpec;
import io.swinlens.model.weights.WeightsException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a torch.save zip archive (torch >= 1.6; docs/swin-reference.md §8.1): unpickles
 * {@code <prefix>/data.pkl} with the restricted {@link Unpickler}, then checks every tensor
 * against its storage entry {@code <prefix>/data/<key>} so a short or inconsistent file fails
 * at open. Storage bytes are read later, per tensor, straight from the zip entry.
 */
final class TorchZipReader {

    /** data.pkl of a Swin-L training checkpoint is a few MB; anything near this is not a checkpoint. */
    private static final long MAX_PICKLE_BYTES = 512L << 20;
    /** Bytes an entry may declare per byte it occupies: deflate can reach ~1000, real weights about 1.1. */
    private static final long MAX_EXPANSION = 16;

    private TorchZipReader() {
    }

    /** @param inertGlobals unknown pickle globals kept as data (never called), for a warning */
    record Contents(Map<String, RawTensor> tensors, Set<String> inertGlobals) { }

    /** Tensors of the state dict under their stored keys (before any renaming). */
    static Contents read(Path file, ZipFile zip) throws WeightsException {
        requireSaneEntries(file, zip);
        String prefix = prefix(file, zip);
        String pklName = prefix + "/data.pkl";
        ZipEntry pkl = zip.getEntry(pklName);
        if (pkl == null) {
            throw WeightsException.of(Kind.UNKNOWN_FORMAT, file, Messages.get("error.zip.noDataPkl", pklName));
        }
        ZipEntry byteOrder = zip.getEntry(prefix + "/byteorder");
        if (byteOrder != null && new String(readAll(file, zip, byteOrder, 16), StandardCharsets.US_ASCII).trim().equals("big")) {
            throw WeightsException.of(Kind.UNKNOWN_FORMAT, file, Messages.get("error.zip.bigEndian"));
        }
        byte[] pickle = readAll(file, zip, pkl, MAX_PICKLE_BYTES);
        TorchPickleHooks hooks = new TorchPickleHooks(file, key -> zip.getEntry(prefix + "/data/" + key) != null);
        Object root = new Unpickler(pickle, file, pklName, hooks).load();
        Map<?, ?> stateDict = StateDicts.unwrap(root, o -> o instanceof TensorSpec);
        if (stateDict == null) {
            throw WeightsException.of(Kind.UNKNOWN_FORMAT, file, Messages.get("error.zip.noTensors", describeRoot(root)));
        }
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (var e : StateDicts.tensors(stateDict, TensorSpec.class).entrySet()) {
            out.put(e.getKey(), tensor(file, zip, prefix, e.getKey(), e.getValue()));
        }
        return new Contents(out, hooks.inertGlobals());
    }

    /**
     * One pass over the central directory before anything is read: two entries of one name (torch reads
     * the first, Java's ZipFile another) are ambiguous, and an entry must be plausible for the file's size.
     */
    private static void requireSaneEntries(Path file, ZipFile zip) throws WeightsException {
        long fileSize;
        try {
            fileSize = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new WeightsException(Kind.UNREADABLE, Messages.get("error.zip.cannotReadFile", WeightsException.fileName(file), e.getMessage()), e);
        }
        Set<String> names = new HashSet<>();
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (!names.add(entry.getName())) {
                throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.ambiguous", Printable.quoted(entry.getName())));
            }
            requirePlausibleSize(file, entry, fileSize);
        }
        requireHeadersWhereTheIndexSays(file, fileSize);
    }

    /**
     * Each central-directory entry's local header is at the offset it gives and names the same entry. Java's ZipFile
     * reads an entry's data wherever the index points without comparing the names there, so an index pointing a
     * storage at another entry's header gave that entry's bytes as weights (garbage predictions, exit 0). A zip64
     * archive (over 4 GB or 65,535 entries) is left to ZipFile's own checks.
     */
    private static void requireHeadersWhereTheIndexSays(Path file, long fileSize) throws WeightsException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            int tail = (int) Math.min(fileSize, 22 + 65_535);
            java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            readFully(ch, end, fileSize - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) return;                                     // ZipFile opened it: a form this pass does not read
            int count = end.getShort(eocd + 10) & 0xFFFF;
            long size = end.getInt(eocd + 12) & 0xFFFFFFFFL;
            long start = end.getInt(eocd + 16) & 0xFFFFFFFFL;
            if (count == 0xFFFF || start == 0xFFFFFFFFL || start + size > fileSize) return;   // zip64, or left to ZipFile
            if (size > Integer.MAX_VALUE - 8) return;                 // no index of a Swin's few hundred entries is that large
            java.nio.ByteBuffer cd = java.nio.ByteBuffer.allocate((int) size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            readFully(ch, cd, start);
            java.nio.ByteBuffer local = java.nio.ByteBuffer.allocate(30 + 0xFFFF).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int at = 0, n = 0; n < count && at + 46 <= size; n++) {
                if (cd.getInt(at) != 0x02014b50) return;
                int nameLength = cd.getShort(at + 28) & 0xFFFF;
                int extra = cd.getShort(at + 30) & 0xFFFF;
                int comment = cd.getShort(at + 32) & 0xFFFF;
                long offset = cd.getInt(at + 42) & 0xFFFFFFFFL;
                if (at + 46 + nameLength > size) return;
                byte[] name = new byte[nameLength];
                cd.get(at + 46, name);
                if (offset != 0xFFFFFFFFL) {
                    local.clear().limit(30 + nameLength);
                    readFully(ch, local, offset);
                    byte[] there = new byte[nameLength];
                    boolean same = local.position() == 30 + nameLength && local.getInt(0) == 0x04034b50
                            && (local.getShort(26) & 0xFFFF) == nameLength;
                    if (same) {
                        local.get(30, there);
                        same = java.util.Arrays.equals(name, there);
                    }
                    if (!same) {
                        throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.headerElsewhere",
                                Printable.quoted(new String(name, java.nio.charset.StandardCharsets.UTF_8))));
                    }
                }
                at += 46 + nameLength + extra + comment;
            }
        } catch (IOException e) {
            throw new WeightsException(Kind.UNREADABLE, Messages.get("error.zip.cannotReadFile", WeightsException.fileName(file), e.getMessage()), e);
        }
    }

    /** Reads until the buffer is full or the file ends. */
    private static void readFully(java.nio.channels.FileChannel ch, java.nio.ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) return;
            at += n;
        }
    }

    private static RawTensor tensor(Path file, ZipFile zip, String prefix, String key, TensorSpec spec)
            throws WeightsException {
        String entryName = prefix + "/data/" + spec.storage().key();
        ZipEntry entry = zip.getEntry(entryName);
        long storageBytes;
        long numel;
        long endBytes;
        try {                                      // every product exactly: a crafted size must not wrap around
            storageBytes = Math.multiplyExact(spec.storage().numel(), (long) spec.storage().dtype().itemSize());
            numel = RawTensor.numel(spec.shape());
            endBytes = Math.multiplyExact(StridedData.extent(spec.offset(), spec.shape(), spec.stride()), (long) spec.dtype().itemSize());
        } catch (ArithmeticException overflow) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.tensorOverflow", Printable.quoted(key), Arrays.toString(spec.shape()),
                    Arrays.toString(spec.stride()), spec.offset()));
        }
        if (entry.getSize() >= 0 && entry.getSize() < storageBytes) {
            throw WeightsException.of(Kind.TRUNCATED, file, Messages.get("error.zip.storageTruncated", entryName, storageBytes, entry.getSize(), Printable.quoted(key)));
        }
        if (numel > 0 && endBytes > storageBytes) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.tensorPastStorage", Printable.quoted(key), Arrays.toString(spec.shape()),
                    Arrays.toString(spec.stride()), spec.offset(), endBytes, entryName, storageBytes));
        }
        if (numel > Integer.MAX_VALUE - 8 || endBytes > Integer.MAX_VALUE - 8) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.tensorTooLarge", Printable.quoted(key), numel));
        }
        StorageSource source = (offset, length) -> readRange(file, zip, entry, offset, length);
        return new RawTensor(key, spec.dtype(), spec.shape(),
                new StridedData(source, spec.dtype(), spec.offset(), spec.shape(), spec.stride()));
    }

    private static String prefix(Path file, ZipFile zip) throws WeightsException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        String first = entries.hasMoreElements() ? entries.nextElement().getName() : "";
        int slash = first.indexOf('/');
        if (slash <= 0) {
            throw WeightsException.of(Kind.UNKNOWN_FORMAT, file, first.isEmpty() ? Messages.get("error.zip.empty")
                    : Messages.get("error.zip.noFolder", first));
        }
        return first.substring(0, slash);
    }

    /**
     * torch.save stores entries uncompressed, and weights compress poorly, so an entry that declares far
     * more bytes than it occupies in the file is a zip bomb: refused before anything is allocated for it.
     */
    private static void requirePlausibleSize(Path file, ZipEntry entry, long fileSize) throws WeightsException {
        long stored = entry.getCompressedSize();
        long declared = entry.getSize();
        boolean implausible = stored > fileSize || declared < 0 && stored < 0
                || declared > Math.max(MAX_EXPANSION * Math.max(stored, 0), 1L << 20) || declared > MAX_EXPANSION * fileSize;
        if (implausible) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.bomb.claims", Printable.quoted(entry.getName()), declared, stored, fileSize));
        }
    }

    private static byte[] readAll(Path file, ZipFile zip, ZipEntry entry, long limit) throws WeightsException {
        if (entry.getSize() > limit) {
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.entryTooLarge", entry.getName(), entry.getSize(), limit));
        }
        try (InputStream in = zip.getInputStream(entry)) {
            // never more than the entry declares: a lying header must not make us inflate a bomb
            int declared = (int) Math.min(Math.min(limit, Integer.MAX_VALUE - 8), Math.max(entry.getSize(), 0));
            byte[] bytes = in.readNBytes(declared);
            if (in.read() >= 0) {
                throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.zip.bomb.holdsMore", Printable.quoted(entry.getName()), declared));
            }
            return bytes;
        } catch (IOException e) {
            throw new WeightsException(Kind.TRUNCATED, Messages.get("error.zip.entryDamaged", WeightsException.fileName(file), entry.getName(), e.getMessage()), e);
        }
    }

    private static ByteBuffer readRange(Path file, ZipFile zip, ZipEntry entry, long offset, int length) {
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException(Messages.get("error.zip.storageEnded", offset + bytes.length));
            }
            if (offset == 0 && length == entry.getSize() && entry.getCrc() >= 0) {    // the whole entry: check its CRC-32
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(bytes);
                if (crc.getValue() != entry.getCrc()) throw new IOException(Messages.get("error.zip.crc", Printable.quoted(entry.getName())));
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("error.zip.cannotReadStorage", WeightsException.fileName(file), entry.getName(), e.getMessage()), e);
        }
    }

    private static String describeRoot(Object root) {
        if (root instanceof Map<?, ?> map) {
            String keys = map.keySet().stream().limit(8).map(Unpickler::describe).toList().toString();
            return Messages.get("error.zip.root.dict", keys);
        }
        return Messages.get("error.zip.root.other", Unpickler.describe(root));
    }
}
