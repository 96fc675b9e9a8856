package io.swinlens.model.fetch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models that can be downloaded on request, read from {@code /models/catalogue.json} on the
 * classpath. A null size or checksum means "not known", and is then not checked; it is never guessed.
 */
public final class ModelCatalogue {

    static final String RESOURCE = "/models/catalogue.json";

    /**
     * One downloadable checkpoint.
     *
     * @param size   bytes, or null when unknown
     * @param sha256 lower-case hex, or null when unknown
     * @param source where the URL, size and checksum were taken from
     */
    public record Entry(String name, String description, URI url, String file, Long size, String sha256,
                        String preprocess, String source, Architecture architecture) {

        /** An entry that says nothing of the architecture (a download is then only checked to be a Swin). */
        public Entry(String name, String description, URI url, String file, Long size, String sha256,
                     String preprocess, String source) {
            this(name, description, url, file, size, sha256, preprocess, source, null);
        }
    }

    /**
     * What a download must hold: a preset ({@code swin_tiny} ...) at an image size, with its window and number of
     * classes. The catalogue's files publish no checksum, so this is what tells a mirror's Swin-S from its Swin-T.
     */
    public record Architecture(String variant, int imageSize, int window, int classes) {

        /** The config this architecture stands for. */
        public io.swinlens.model.config.SwinConfig config() {
            return io.swinlens.model.config.SwinConfig.variant(variant, imageSize, classes);
        }

        /** Whether {@code c} is this architecture: widths, depths, heads, window and classes. */
        public boolean matches(io.swinlens.model.config.SwinConfig c) {
            io.swinlens.model.config.SwinConfig e = config();
            return c.version() == e.version() && c.embedDim() == e.embedDim() && java.util.Arrays.equals(c.depths(), e.depths())
                    && java.util.Arrays.equals(c.numHeads(), e.numHeads()) && c.windowSize() == window && c.numClasses() == classes;
        }
    }

    private static volatile ModelCatalogue bundled;

    private final List<Entry> entries;

    ModelCatalogue(List<Entry> entries) { this.entries = List.copyOf(entries); }

    /** The catalogue that ships with the application (read once). */
    public static ModelCatalogue bundled() {
        ModelCatalogue c = bundled;
        if (c == null) {
            try (InputStream in = ModelCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("this build has no " + RESOURCE);
                c = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = c;
        }
        return c;
    }

    /** Reads a catalogue; a malformed entry is an IllegalArgumentException naming it. */
    public static ModelCatalogue parse(Reader json) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (JsonElement e : JsonParser.parseReader(json).getAsJsonObject().getAsJsonArray("models")) {
                entries.add(entry(e.getAsJsonObject()));
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("malformed model catalogue: " + e.getMessage(), e);
        }
        return new ModelCatalogue(entries);
    }

    private static Entry entry(JsonObject o) {
        String name = text(o, "name");
        if (name == null) throw new IllegalArgumentException("catalogue entry without a name");
        String file = text(o, "file");
        if (file == null || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalArgumentException("catalogue entry '" + name + "': bad file name " + file);
        }
        String sha256 = text(o, "sha256");
        if (sha256 != null && !Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("catalogue entry '" + name + "': sha256 is not 64 hex digits");
        }
        JsonElement size = o.get("size");
        Architecture architecture = null;
        if (o.has("architecture") && o.get("architecture").isJsonObject()) {
            JsonObject a = o.getAsJsonObject("architecture");
            architecture = new Architecture(text(a, "variant"), a.get("image_size").getAsInt(), a.get("window").getAsInt(),
                    a.get("classes").getAsInt());
            try {
                architecture.config();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("catalogue entry '" + name + "': " + e.getMessage(), e);
            }
        }
        return new Entry(name, text(o, "description"), URI.create(text(o, "url")), file,
                size == null || size.isJsonNull() ? null : size.getAsLong(),
                sha256 == null ? null : sha256.toLowerCase(Locale.ROOT), text(o, "preprocess"), text(o, "source"), architecture);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    public List<Entry> entries() { return Collections.unmodifiableList(entries); }

    public Optional<Entry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<String> names() { return entries.stream().map(Entry::name).toList(); }
}
