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
            // "swinlens predcit x.png": a mistyped command, said as such with the closest names picocli finds
            String word = u.getUnmatched().get(0);
            java.util.List<String> near = u.getSuggestions().stream().filter(cli.getSubcommands()::containsKey).limit(3).toList();
            message = near.isEmpty() ? Messages.get("cli.usage.unknownCommand", word, String.join(", ", cli.getSubcommands().keySet()))
                    : Messages.get("cli.usage.unknownCommandNear", word, String.join(", ", near));
        }
        cli.getErr().println(Messages.get("cli.usage.line", command, io.swinlens.model.io.Printable.sanitize(message)));
        return ExitCodes.USAGE;
    }
}
