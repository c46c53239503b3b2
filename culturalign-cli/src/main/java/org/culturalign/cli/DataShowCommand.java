package org.culturalign.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.SurveyData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code culturalign data show}: how one country's respondents answered one question. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one country's answer shares to one question: option code, label, share of valid "
                + "answers, a bar, and the respondent count n where the data has it.",
        footer = {"", "Example: culturalign data show --country NGA --question Q182",
                "         culturalign data show --country DEU --question Q46 --language de"})
public final class DataShowCommand implements Runnable {
    private static final int BAR_WIDTH = 25;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--country", required = true, paramLabel = "ISO3",
            description = "Country: ISO 3166-1 alpha-3 code (e.g. NGA) or English name.")
    String country;

    @Option(names = "--question", required = true, paramLabel = "ID", description = "Question id, e.g. Q182.")
    String question;

    @Option(names = "--language", paramLabel = "L", defaultValue = "en",
            description = "Language of the wording and option labels (default: ${DEFAULT-VALUE}).")
    String language;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SurveyData data = dataOptions.load();
        Country c = DataOptions.country(data, country);
        Question q = DataOptions.question(data, question);
        String lang = DataOptions.language(data, language);
        QuestionText text = q.text(lang).orElseThrow(() -> new InvalidInputException(q.id()
                + " has no text in '" + lang + "'; it has: " + String.join(", ", q.languages())));
        HumanDistribution d = data.distribution(c, q.id()).orElseThrow(() -> new InvalidInputException(
                DataOptions.countryLabel(data, c) + " (" + c + "): no data for " + q.id() + " in "
                        + data.source().name() + " (the item may have been asked there but is not in this data); "
                        + "see: culturalign data questions --country " + c));
        PrintWriter out = spec.commandLine().getOut();
        out.println(DataOptions.countryLabel(data, c) + " (" + c + "), " + q.id()
                + (q.category().isEmpty() ? "" : " [" + q.category() + "]") + ", " + data.source().name());
        out.println(text.question());
        if (!text.instruction().isEmpty()) {
            out.println(text.instruction());
        }
        out.println();
        TextTable table = new TextTable(true, false, true, false).row("code", "option", "share", "");
        double total = 0;
        for (int i = 0; i < d.size(); i++) {
            total += d.share(i);
            table.row(String.valueOf(q.scale().codes().get(i)), text.optionLabels().get(i), share(d.share(i)),
                    "#".repeat((int) Math.round(d.share(i) * BAR_WIDTH)));
        }
        table.row("", "total", share(total), "");
        table.lines().forEach(out::println);
        out.println(d.respondents().isPresent() ? "n = " + d.respondents().getAsLong() + " valid answers"
                : "n: not given by the source");
        out.println(d.weightSum().isPresent() ? "shares weighted (sum of weights "
                + String.format(Locale.ROOT, "%.1f", d.weightSum().getAsDouble()) + ")"
                : "shares of valid answers, unweighted");
        out.flush();
    }

    private static String share(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
