package io.swinlens.analysis;

/** Which head a view shows: one head, the mean over heads, or all heads side by side. */
public record HeadChoice(Kind kind, int index) {

    public enum Kind { ONE, MEAN, ALL }

    public HeadChoice {
        if (kind == Kind.ONE && index < 0) throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("export.parse.headNegative", index));
        if (kind != Kind.ONE) index = -1;
    }

    public static HeadChoice one(int index) { return new HeadChoice(Kind.ONE, index); }

    public static HeadChoice mean() { return new HeadChoice(Kind.MEAN, -1); }

    public static HeadChoice all() { return new HeadChoice(Kind.ALL, -1); }

    /** "3", "mean" or "all". */
    public static HeadChoice parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("mean")) return mean();
        if (t.equals("all")) return all();
        try {
            return one(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("export.parse.head", text));
        }
    }

    /** The head argument of {@link AttentionMaps}: the index, or -1 for the mean (ALL also maps to the mean). */
    public int headArgument() { return kind == Kind.ONE ? index : -1; }

    /** "head 3", "mean" or "all" for people, in the current language (the ids stay English: {@link #id}). */
    public String label() {
        return switch (kind) {
            case ONE -> io.swinlens.i18n.Messages.get("export.head.one", index);
            case MEAN -> io.swinlens.i18n.Messages.get("export.headChoice.mean");
            case ALL -> io.swinlens.i18n.Messages.get("export.headChoice.all");
        };
    }

    /** "3", "mean" or "all", as in file names and on the command line. */
    public String id() {
        return switch (kind) {
            case ONE -> Integer.toString(index);
            case MEAN -> "mean";
            case ALL -> "all";
        };
    }
}
