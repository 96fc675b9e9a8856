package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;
import io.swinlens.model.weights.WeightsException.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An opened Swin V1 or V2 checkpoint (a classifier or a backbone inside a detector): PyTorch zip or safetensors, in any of the four namings, with its
 * tensors renamed to the official keys. {@link #open} either returns a fully validated checkpoint
 * or throws; tensor bytes are then read lazily, so keep it open until the weights are copied.
 * Pure Java, no ND4J: values come out as float arrays.
 */
public final class Checkpoint implements AutoCloseable {

    private final Path file;
    private final FileType fileType;
    private final NamingConvention convention;
    private final Map<String, RawTensor> stored;
    private final Map<String, RawTensor> canonical;
    private final Closeable resource;
    private final List<String> warnings;
    private final boolean v2;
    private final String prefix;
    private final List<String> otherModules;
    private Map<String, String> metadata = Map.of();

    private Checkpoint(Path file, FileType fileType, Map<String, RawTensor> stored,
                       KeyMapper.Mapped mapped, Closeable resource, List<String> warnings, StateDicts.Found found) {
        this.file = file;
        this.v2 = mapped.v2();
        this.prefix = found == null ? "" : found.prefix();
        this.otherModules = found == null ? List.of() : found.otherModules();
        this.warnings = List.copyOf(warnings);
        this.fileType = fileType;
        this.convention = mapped.convention();
        this.stored = Collections.unmodifiableMap(stored);
        this.canonical = Collections.unmodifiableMap(mapped.tensors());
        this.resource = resource;
    }

    /** Opens and validates {@code file}; the format is detected from its first bytes. */
    public static Checkpoint open(Path file) throws WeightsException {
        FileType type = FormatSniffer.detect(file, head(file), size(file));
        Closeable resource = null;
        try {
            Map<String, RawTensor> stored;
            Map<String, String> metadata = Map.of();
            List<String> warnings = new ArrayList<>();
            if (type == FileType.TORCH_ZIP) {
                ZipFile zip = openZip(file);
                resource = zip;
                TorchZipReader.Contents contents = TorchZipReader.read(file, zip);
                stored = contents.tensors();
                if (!contents.inertGlobals().isEmpty()) warnings.add(inertWarning(file, contents.inertGlobals()));
            } else {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                resource = channel;
                SafetensorsReader.Contents contents = SafetensorsReader.read(file, channel);
                stored = contents.tensors();
                metadata = contents.metadata();
            }
            StateDicts.Found found = StateDicts.findSwin(stored);
            KeyMapper.Mapped mapped = KeyMapper.toCanonical(file, found == null ? stored : found.tensors());
            Checkpoint checkpoint = new Checkpoint(file, type, stored, mapped, resource, warnings, found);
            checkpoint.metadata = metadata;
            resource = null;
            return checkpoint;
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (StackOverflowError e) {       // a structure nested (or containing itself) beyond any state dict
            throw WeightsException.of(Kind.CORRUPT, file, Messages.get("error.checkpoint.nestsTooDeeply"));
        } finally {
            closeQuietly(resource);
        }
    }

    /**
     * Throws SHAPE_MISMATCH unless {@code t} has exactly the {@code expected} shape; the message is
     * {@code key 'k': expected [48, 16], got [48, 32]}.
     */
    public static void requireShape(String key, RawTensor t, long... expected) throws WeightsException {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new WeightsException(Kind.SHAPE_MISMATCH, Messages.get("error.tensor.keyShape", key,
                    Arrays.toString(expected), Arrays.toString(t.shape())));
        }
    }

    /**
     * What the user should know although the file loaded: the unknown pickle globals it refers to, kept
     * as data and never called (torch.load would import and call them). One line each.
     */
    public List<String> warnings() { return warnings; }

    private static String inertWarning(Path file, java.util.Set<String> globals) {
        List<String> names = globals.stream().limit(5).map(Printable::quoted).toList();
        String list = String.join(", ", names)
                + (globals.size() > 5 ? Messages.get("error.pickle.inert.more", globals.size() - 5) : "");
        return Messages.get(globals.size() == 1 ? "error.pickle.inert.one" : "error.pickle.inert.many", file.getFileName(), list);
    }

    public Path file() {
        return file;
    }

    public FileType fileType() {
        return fileType;
    }

    public NamingConvention convention() {
        return convention;
    }

    /** True for a Swin V2 file (docs/swin-reference.md §9). */
    public boolean isV2() { return v2; }

    /** The prefix that wraps the Swin in this file ("backbone.", "module.", ...), "" when none. */
    public String prefix() { return prefix; }

    /** Top-level modules stored next to the Swin (a detector's neck and heads), left out; empty for a plain classifier. */
    public List<String> otherModules() { return otherModules; }

    /** A safetensors file's {@code __metadata__} strings; empty for other formats. */
    public Map<String, String> metadata() { return metadata; }

    /**
     * Tensors under official Swin keys, in file order, without the wrapping prefix. Recomputable buffers
     * (relative_position_index, attn_mask) are left out; V2's relative_coords_table is kept (it tells the
     * pretrained window). HF query/key/value are joined into attn.qkv.weight [3C, C] and attn.qkv.bias [3C],
     * and V2's q_bias, v_bias into attn.qkv.bias with a zero k third.
     */
    public Map<String, RawTensor> canonicalTensors() {
        return canonical;
    }

    /** Tensor keys of the state dict as stored (after unwrapping 'model'/'state_dict'), before renaming. */
    public Set<String> originalKeys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(stored.keySet()));
    }

    /** Tensors under their stored keys, including dropped buffers. */
    public Map<String, RawTensor> originalTensors() {
        return stored;
    }

    @Override
    public void close() {
        closeQuietly(resource);
    }

    private static ZipFile openZip(Path file) throws WeightsException, IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            // starts like a zip but has no readable central directory: almost always a cut-off download
            throw new WeightsException(Kind.TRUNCATED, Messages.get("error.zip.damaged", WeightsException.fileName(file), e.getMessage()), e);
        }
    }

    private static byte[] head(Path file) throws WeightsException {
        if (Files.isDirectory(file)) {
            throw WeightsException.of(Kind.UNREADABLE, file, Messages.get("error.checkpoint.isDirectory"));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO would block the reader forever and /dev/zero never ends
            throw WeightsException.of(Kind.UNREADABLE, file, Messages.get("error.checkpoint.notRegular"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static long size(Path file) throws WeightsException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static WeightsException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new WeightsException(Kind.NOT_FOUND, Messages.get("error.checkpoint.notFound", WeightsException.fileName(file), file.toAbsolutePath()), e);
        }
        String why = e instanceof AccessDeniedException ? Messages.get("error.io.permissionDenied") : String.valueOf(e.getMessage());
        return new WeightsException(Kind.UNREADABLE, Messages.get("error.checkpoint.cannotRead", WeightsException.fileName(file), why), e);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing useful to do: the data was already read or the open already failed
            }
        }
    }
}
