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

    /** The names export writes (heatmaps, attention .npy, the teaching views), after the input's stem and an underscore. */
    private static final java.util.regex.Pattern EXPORTED = java.util.regex.Pattern.compile(
            ".+_(s\\d+b\\d+_.+|rollout_(mean|max|min)|cam_c\\d+|stats|embed|merge_s\\d+)\\.(png|npy)");

    /** Files in argument order; a folder contributes its image and .npy files sorted by name (not recursive). */
    static List<Path> expand(List<Path> inputs) { return expand(inputs, null); }

    /**
     * As {@link #expand(List)}; a folder that is also the output folder {@code out} leaves out the files export
     * writes, so that a second run into the folder of the photos does not take the first run's PNGs for photos.
     */
    static List<Path> expand(List<Path> inputs, Path out) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            boolean intoItself = out != null && sameFolder(input, out);
            try (Stream<Path> children = Files.list(input)) {
                children.filter(Files::isRegularFile).filter(ExportInputs::isImage)
                        .filter(f -> !intoItself || !EXPORTED.matcher(f.getFileName().toString()).matches())
                        .sorted().forEach(files::add);
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
            Path key = realPath(file);
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

    /** The file's real path (a file reached through a link is the same file), or, when it is missing, its absolute one. */
    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();       // missing: reported when it is read
        }
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
