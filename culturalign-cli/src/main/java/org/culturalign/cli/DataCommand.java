package org.culturalign.cli;

import picocli.CommandLine.Command;

/** {@code culturalign data ...}: look at the survey data (countries, questions, distributions). */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Look at survey data: the bundled WVS-7 sample or a file given with --data.",
        subcommands = {DataCountriesCommand.class, DataQuestionsCommand.class, DataShowCommand.class,
                DataImportCommand.class},
        footer = {"", "Example: culturalign data show --country NGA --question Q182 --language de"})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
