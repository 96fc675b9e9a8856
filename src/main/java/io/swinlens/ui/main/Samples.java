package io.swinlens.ui.main;

import io.swinlens.model.io.CacheDirs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

/** The sample images shipped in {@code resources/samples/}, as files (copied out of the jar once). */
public final class Samples {

    private Samples() { }

    public static List<Path> all() {
        try {
            URL url = Samples.class.getResource("/samples/");
            if (url != null && "file".equals(url.getProtocol())) return InputFiles.imagesIn(Path.of(url.toURI()));
            // in the fat jar (which may hold no entry for the folder itself): scan the jar this class came from
            URL code = Samples.class.getProtectionDomain().getCodeSource().getLocation();
            if (code != null && code.getPath().endsWith(".jar")) {
                try (JarFile jar = new JarFile(Path.of(code.toURI()).toFile())) {
                    return fromJar(jar);
                }
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return List.of();               // no samples is not an error: the window then asks for an image
        }
        return List.of();
    }

    private static List<Path> fromJar(JarFile jar) throws IOException {
        Path dir = CacheDirs.root().resolve("samples");
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (var entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (!name.startsWith("samples/") || entry.isDirectory()) continue;
            Path target = dir.resolve(name.substring("samples/".length()));
            if (!InputFiles.INPUT_EXTENSIONS.contains(InputFiles.extension(target))) continue;
            if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            out.add(target);
        }
        Collections.sort(out);
        return out;
    }
}
