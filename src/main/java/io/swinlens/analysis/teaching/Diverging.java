package io.swinlens.analysis.teaching;

import java.util.Locale;

/**
 * The maps for signed values (scores, relative position bias): white at zero, a hue for each sign, so
 * the sign reads at a glance. Sequential heatmaps follow the colormap setting; these follow this choice.
 */
public enum Diverging {
    /** Blue below zero, red above (RdBu-like). */
    RED_BLUE(new int[]{49, 84, 170}, new int[]{178, 34, 44}),
    /** Green below zero, purple above (PRGn-like): readable with red-green colour blindness. */
    PURPLE_GREEN(new int[]{27, 120, 55}, new int[]{118, 42, 131});

    private static final int[] MID = {247, 247, 247};
    private final int[] negative;
    private final int[] positive;

    Diverging(int[] negative, int[] positive) {
        this.negative = negative;
        this.positive = positive;
    }

    /** The colour of t in [-1, 1] (NaN as 0). */
    public int argb(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
        int[] end = c < 0 ? negative : positive;
        double a = Math.abs(c);
        int r = (int) Math.round(MID[0] + (end[0] - MID[0]) * a);
        int g = (int) Math.round(MID[1] + (end[1] - MID[1]) * a);
        int b = (int) Math.round(MID[2] + (end[2] - MID[2]) * a);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static Diverging parse(String text) {
        for (Diverging d : values()) if (d.id().equalsIgnoreCase(text.trim())) return d;
        throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("teach.error.signedMap", text));
    }
}
