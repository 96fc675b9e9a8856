package io.swinlens.cli;

import io.swinlens.i18n.Messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The files a list of INPUT arguments stands for: files as given, folders as their image files, sorted. */
final class ExportInputs {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "npy");

    private ExportInputs() { }

    /** Files in argument order; a folder contributes its image and .npy files sorted by name (not recursive). */
    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            try (Stream<Path> children = Files.list(input)) {
                children.filter(Files::isRegularFile).filter(ExportInputs::isImage).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new CliException(ExitCodes.UNREADABLE_INPUT, Messages.get("cli.export.cannotList", input, e.getMessage()));
            }
        }
        return files;
    }

    /**
     * The files without repeats of one file, after checking that no two of the rest would be written under one name:
     * outputs are named by the input's name without its extension, so {@code a/x.png} and {@code b/x.png}, or
     * {@code x.png} and {@code x.jpg}, would overwrite each other's results (compared ignoring case, as some file
     * systems do). Refused before any work, as a usage error.
     */
    static List<Path> distinctOutputs(List<Path> files) {
        java.util.Map<Path, Path> seen = new java.util.LinkedHashMap<>();
        java.util.Map<String, Path> stems = new java.util.HashMap<>();
        for (Path file : files) {
            Path key = file.toAbsolutePath().normalize();
            if (seen.containsKey(key)) continue;
            String stem = io.swinlens.analysis.ExportNames.stem(file).toLowerCase(Locale.ROOT);
            Path other = stems.putIfAbsent(stem, file);
            if (other != null) {
                throw new CliException(ExitCodes.USAGE, Messages.get("cli.export.sameName", other, file,
                        io.swinlens.analysis.ExportNames.stem(file)));
            }
            seen.put(key, file);
        }
        return new ArrayList<>(seen.values());
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
