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

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
