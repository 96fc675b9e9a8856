package io.swinlens.cli;

import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and the documented exit code; never a stack trace
 * (set SWINLENS_DEBUG=1 to see one).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int code = CliException.exitCodeOf(e);
        cli.getErr().println("swinlens " + cli.getCommandName() + ": " + CliException.messageOf(e));
        if (System.getenv("SWINLENS_DEBUG") != null) e.printStackTrace(cli.getErr());
        return code;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("swinlens: " + e.getMessage());
        cli.getErr().println("Try 'java -jar swinlens.jar " + (cli.getParent() == null ? "" : cli.getCommandName() + " ") + "--help'.");
        return ExitCodes.USAGE;
    }
}
