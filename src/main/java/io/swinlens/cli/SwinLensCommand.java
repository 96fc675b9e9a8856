package io.swinlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `swinlens` command line: one subcommand per task. */
@Command(name = "swinlens", mixinStandardHelpOptions = true, version = "SwinLens 0.1.0",
        description = "See where a Swin Transformer looks. Without a command, opens the app.",
        subcommands = {InfoCommand.class, PredictCommand.class, DumpCommand.class, ExportCommand.class, BenchCommand.class, FetchCommand.class})
public final class SwinLensCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** Runs the CLI and returns the exit code. */
    public static int run(String... args) {
        CommandLine cli = newCommandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {          // an Error passes picocli's handler: still one line
            cli.getErr().println("swinlens: not enough memory for this (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap); give Java more with -Xmx, or use a smaller model or image");
            return ExitCodes.UNREADABLE_INPUT;
        }
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new SwinLensCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::usage);
        return cli;
    }

    /** Names of the subcommands, so that Main can tell CLI arguments from GUI arguments. */
    public static java.util.Set<String> commandNames() {
        return newCommandLine().getSubcommands().keySet();
    }
}
