package org.culturalign.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code culturalign} command: entry point of the launcher ({@code bin/culturalign}). */
@Command(name = "culturalign",
        mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class,
        description = "Measure and steer the cultural values that large language models express, using human "
                + "survey data (World Values Survey wave 7).",
        subcommands = {DataCommand.class, EvalCommand.class, ScoreCommand.class, PromptCommand.class,
                ReportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or input error.",
                "Example: culturalign data show --country NGA --question Q182"})
public final class Culturalign {

    private Culturalign() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests: no {@code System.exit}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (exception mapping, exit codes). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Culturalign());
        cl.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        cl.setParameterExceptionHandler(new ParameterErrors());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
