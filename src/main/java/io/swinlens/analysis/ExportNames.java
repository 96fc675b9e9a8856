package io.swinlens.analysis;

import java.nio.file.Path;

/** How exported files are named, the same in the app and on the command line. */
public final class ExportNames {

    private ExportNames() { }

    /** The input's file name without its last extension ({@code cat.jpg} -> {@code cat}); "swinlens" when there is none. */
    public static String stem(Path source) {
        if (source == null || source.getFileName() == null) return "swinlens";
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
