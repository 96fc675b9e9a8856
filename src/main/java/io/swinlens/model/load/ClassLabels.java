package io.swinlens.model.load;

import io.swinlens.i18n.Messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of a classifier's outputs, index order. Looked up in this order: a {@code <stem>.labels.txt}
 * file beside the checkpoint (one name per line, as many as the head has outputs; {@code model.pth} -> {@code
 * model.labels.txt}); the bundled ImageNet-1k names for a 1000-class head; bundled
 * ImageNet-22k names for a 21841-class head if present; otherwise "class N".
 */
public final class ClassLabels {

    /** Longer names are cut: a label is shown in a table cell, a chart and a caption. */
    static final int MAX_NAME = 120;

    /** A labels file larger than this is not read (ImageNet-22k's 21,841 names take about 0.5 MB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private final List<String> names;
    private final String source;
    private final String warning;

    private ClassLabels(List<String> names, String source, String warning) {
        this.names = List.copyOf(names);
        this.source = source;
        this.warning = warning;
    }

    private ClassLabels(List<String> names, String source) { this(names, source, null); }

    public static ClassLabels forModel(int classes, Path weightsFile) {
        String warning = null;
        if (weightsFile != null) {
            Path sidecar = sidecarOf(weightsFile);
            String shownName = io.swinlens.model.io.Printable.quoted(sidecar.getFileName().toString());
            try {
                if (Files.isRegularFile(sidecar) && Files.size(sidecar) > MAX_FILE_BYTES) {
                    warning = Messages.get("error.labels.large", shownName, MAX_FILE_BYTES >> 20);
                } else if (Files.isRegularFile(sidecar)) {
                    List<String> lines = nonEmpty(Files.readAllLines(sidecar, StandardCharsets.UTF_8)).stream().map(ClassLabels::printable).toList();
                    if (lines.size() == classes) return new ClassLabels(lines, sidecar.getFileName().toString());
                    warning = Messages.get("error.labels.count", shownName, lines.size(), classes);
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                warning = Messages.get("error.labels.notUtf8", shownName);
            } catch (IOException e) {
                warning = Messages.get("error.labels.unreadable", shownName, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            }
        }
        String bundled = classes == 1000 ? "/labels/imagenet-1k.txt" : classes == 21841 ? "/labels/imagenet-22k.txt" : null;
        if (bundled != null) {
            List<String> lines = resource(bundled);
            if (lines != null && lines.size() == classes) return new ClassLabels(lines, bundled.substring(1), warning);
        }
        List<String> generic = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) generic.add("class " + i);
        return new ClassLabels(generic, "generic", warning);
    }

    /** A line of a user's labels file made safe to print and show: control characters escaped, cut at MAX_NAME. */
    private static String printable(String line) {
        String safe = io.swinlens.model.io.Printable.sanitize(line);
        return safe.length() > MAX_NAME ? safe.substring(0, MAX_NAME - 1) + "…" : safe;
    }

    /**
     * A label as a person reads it, in the current language: the generic "class N" (a checkpoint without
     * names; kept in English in the data, JSON and CLI tables) becomes "类别 N" in Chinese.
     */
    public static String shown(String label) {
        if (label != null && label.startsWith("class ") && label.substring(6).chars().allMatch(Character::isDigit) && label.length() > 6) {
            return Messages.get("error.text.genericClass", Integer.parseInt(label.substring(6)));
        }
        return label;
    }

    /** {@code model.safetensors} -> {@code model.labels.txt}. */
    public static Path sidecarOf(Path weightsFile) {
        String name = weightsFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return weightsFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".labels.txt");
    }

    private static List<String> resource(String path) {
        try (InputStream in = ClassLabels.class.getResourceAsStream(path)) {
            if (in == null) return null;
            return nonEmpty(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> nonEmpty(List<String> lines) {
        return lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String name(int index) { return names.get(index); }

    public int size() { return names.size(); }

    public List<String> all() { return names; }

    /** Where the names came from: a file name, a bundled resource, or "generic". */
    public String source() { return source; }

    /** Why a labels file beside the checkpoint was not used (wrong number of lines, unreadable), or null. */
    public String warning() { return warning; }
}
