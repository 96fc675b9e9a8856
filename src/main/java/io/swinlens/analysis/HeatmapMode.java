package io.swinlens.analysis;

import java.util.Locale;

/** What a heatmap shows: where one query token looks, or how much attention each token receives. */
public enum HeatmapMode {
    /** Attention from the query token to every key of its window. */
    QUERY,
    /** For each token, the mean attention it receives from the queries of its window. */
    RECEIVED;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The mode's name for people, in the current language ("query", "received"). */
    public String label() { return io.swinlens.i18n.Messages.get(this == QUERY ? "export.mode.query" : "export.mode.received"); }

    public static HeatmapMode parse(String text) {
        for (HeatmapMode m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) return m;
        }
        throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("export.parse.mode", text));
    }
}
