package io.swinlens.analysis;

/** How heatmap values are scaled to [0, 1] before colouring. */
public enum Normalisation {
    /** Each window's values divided by that window's maximum. */
    PER_WINDOW("window"),
    /** Divided by the shown head's maximum over the map. */
    PER_HEAD("head"),
    /** Divided by the maximum over all heads of the block, so heads compare directly. */
    GLOBAL("global");

    private final String id;

    Normalisation(String id) { this.id = id; }

    public String id() { return id; }

    /** What the caption says it is normalised per: "window", "head", "global" (Chinese 窗口, 头, 块), in the current language. */
    public String label() {
        return io.swinlens.i18n.Messages.get(switch (this) {
            case PER_WINDOW -> "export.normalisation.window";
            case PER_HEAD -> "export.normalisation.head";
            case GLOBAL -> "export.normalisation.global";
        });
    }

    public static Normalisation parse(String text) {
        for (Normalisation n : values()) {
            if (n.id.equalsIgnoreCase(text.trim())) return n;
        }
        throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("export.parse.normalisation", text));
    }
}
