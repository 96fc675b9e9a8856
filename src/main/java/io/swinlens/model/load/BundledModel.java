package io.swinlens.model.load;

import io.swinlens.model.io.CacheDirs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The demo model that ships in {@code resources/models/}: used when no weights are given. Inside a jar
 * it is copied once to a per-user cache folder (checkpoint readers need a file), atomically.
 */
public final class BundledModel {

    public static final String NAME = "swinlens-shapes";
    private static final String RESOURCE = "/models/" + NAME + ".safetensors";
    private static final String LABELS = "/models/" + NAME + ".labels.txt";

    private BundledModel() { }

    /** The demo checkpoint as a file, or empty when this build has none. */
    public static Optional<Path> path() throws IOException {
        URL url = BundledModel.class.getResource(RESOURCE);
        if (url == null) return Optional.empty();
        if ("file".equals(url.getProtocol())) {
            try {
                return Optional.of(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path dir = CacheDirs.models();
        Path target = dir.resolve(NAME + ".safetensors");
        copyIfChanged(RESOURCE, target);
        copyIfChanged(LABELS, ClassLabels.sidecarOf(target));
        return Optional.of(target);
    }

    public static boolean isBundled(Path weights) {
        return weights != null && weights.getFileName().toString().equals(NAME + ".safetensors");
    }

    private static void copyIfChanged(String resource, Path target) throws IOException {
        byte[] bytes;
        try (InputStream in = BundledModel.class.getResourceAsStream(resource)) {
            if (in == null) return;
            bytes = in.readAllBytes();
        }
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
