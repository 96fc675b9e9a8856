package io.swinlens.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Sorts what the user dropped or chose into checkpoints and inputs; a folder stands for its images. */
public final class InputFiles {

    public static final Set<String> CHECKPOINT_EXTENSIONS = Set.of("pth", "pt", "bin", "safetensors", "ckpt");
    public static final Set<String> INPUT_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "npy");

    /** @param weights the last checkpoint among the files, or null; @param inputs images and tensors, in order */
    public record Sorted(Path weights, List<Path> inputs) { }

    private InputFiles() { }

    public static Sorted sort(List<Path> files) {
        Path weights = null;
        List<Path> inputs = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                inputs.addAll(imagesIn(file));
            } else if (CHECKPOINT_EXTENSIONS.contains(extension(file))) {
                weights = file;
            } else {
                inputs.add(file);    // anything else is tried as an image, so a bad file gets a clear message
            }
        }
        return new Sorted(weights, List.copyOf(inputs));
    }

    /** The images and tensors directly inside a folder, by name. */
    public static List<Path> imagesIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).filter(p -> INPUT_EXTENSIONS.contains(extension(p))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
