package io.swinlens.model.fetch;

/** Parses {@code Content-Range: bytes first-last/total} (RFC 9110 section 14.4). */
final class ContentRange {

    private ContentRange() { }

    /** {first, total} with total -1 for {@code *}, or null when the header is absent or malformed. */
    static long[] parse(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (!h.startsWith("bytes ")) return null;
        int dash = h.indexOf('-');
        int slash = h.indexOf('/');
        if (dash < 0 || slash < dash) return null;
        try {
            long first = Long.parseLong(h.substring(6, dash).trim());
            String total = h.substring(slash + 1).trim();
            return new long[] {first, total.equals("*") ? -1 : Long.parseLong(total)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
