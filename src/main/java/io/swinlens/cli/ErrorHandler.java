package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and the documented exit code; never a stack trace
 * (set SWINLENS_DEBUG=1 to see one). The lines are in the language --lang chose.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int code = CliException.exitCodeOf(e);
        cli.getErr().println(Messages.get("cli.error.line", "swinlens " + cli.getCommandName(), CliException.messageOf(e)));
        if (System.getenv("SWINLENS_DEBUG") != null) e.printStackTrace(cli.getErr());
        return code;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getParent() == null ? "swinlens" : "swinlens " + cli.getCommandName();
        // one line, as every error: what is wrong, and where the usage is
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && cli.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            // "swinlens predcit x.png": a mistyped command, said as such with the closest names
            String word = u.getUnmatched().get(0);
            java.util.List<String> near = nearest(word, cli.getSubcommands().keySet());
            message = near.isEmpty() ? Messages.get("cli.usage.unknownCommand", word, String.join(", ", cli.getSubcommands().keySet()))
                    : Messages.get("cli.usage.unknownCommandNear", word, String.join(", ", near));
        }
        cli.getErr().println(Messages.get("cli.usage.line", command, io.swinlens.model.io.Printable.sanitize(message)));
        return ExitCodes.USAGE;
    }

    /**
     * The names within a typing slip of {@code word}, closest first: at most two edits (one for names of
     * up to four letters), where swapping two neighbouring letters counts as one ("bnech" is bench).
     * Picocli's own suggestions rank by shared letter pairs, which named fetch for "bnech".
     */
    static java.util.List<String> nearest(String word, java.util.Collection<String> names) {
        String typed = word.toLowerCase(java.util.Locale.ROOT);
        record Near(String name, int edits) {}
        return names.stream()
                .map(n -> new Near(n, edits(typed, n.toLowerCase(java.util.Locale.ROOT))))
                .filter(n -> n.edits() <= (Math.min(typed.length(), n.name().length()) <= 4 ? 1 : 2))
                .sorted(java.util.Comparator.comparingInt(Near::edits).thenComparing(Near::name))
                .limit(3).map(Near::name).toList();
    }

    /** Insertions, deletions, substitutions and swaps of neighbours that turn a into b (optimal string alignment). */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}
