package org.culturalign.cli;

import java.io.PrintWriter;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code culturalign data countries}: the countries with data and how many questions each has. */
@Command(name = "countries", mixinStandardHelpOptions = true,
        description = "List the countries in the survey data (ISO 3166-1 alpha-3 code, name, questions with data).",
        footer = {"", "Example: culturalign data countries",
                "         culturalign data countries --data my-survey.json"})
public final class DataCountriesCommand implements Runnable {
    @Mixin
    DataOptions dataOptions;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SurveyData data = dataOptions.load();
        TextTable table = new TextTable(false, false, true).row("code", "country", "questions");
        for (Country c : data.countries()) {
            table.row(c.code(), DataOptions.countryLabel(data, c), String.valueOf(data.questionIdsWithData(c).size()));
        }
        PrintWriter out = spec.commandLine().getOut();
        table.lines().forEach(out::println);
        out.println(data.countries().size() + " countries, " + data.questions().size() + " questions ("
                + data.source().name() + ")");
        out.flush();
    }
}
