package org.culturalign.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code culturalign data questions}: the questions, in one language, optionally of one category. */
@Command(name = "questions", mixinStandardHelpOptions = true,
        description = "List the questions (id, number of options, wording in a language), grouped by category.",
        footer = {"", "Example: culturalign data questions --language zh",
                "         culturalign data questions --category \"Ethical Values\"",
                "         culturalign data questions --country DEU"})
public final class DataQuestionsCommand implements Runnable {
    /** Heading of the questions whose category is empty (e.g. GlobalOpinionQA imports). */
    static final String NO_CATEGORY = "(no category)";

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--category", paramLabel = "C",
            description = "Only questions of this category (case-insensitive; see the headings of the full list).")
    String category;

    @Option(names = "--country", paramLabel = "ISO3",
            description = "Only the questions this country has data for, with the respondent count n where the data "
                    + "has it (ISO 3166-1 alpha-3 code or English name).")
    String country;

    @Option(names = "--language", paramLabel = "L", defaultValue = "en",
            description = "Language of the wording (default: ${DEFAULT-VALUE}).")
    String language;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SurveyData data = dataOptions.load();
        String lang = DataOptions.language(data, language);
        Country only = country == null ? null : DataOptions.country(data, country);
        List<String> categories = new ArrayList<>(data.categories());
        if (data.questions().stream().anyMatch(q -> q.category().isEmpty())) {
            categories.add("");
        }
        List<String> all = categories;
        if (category != null) {
            String typed = category.strip();
            categories = categories.stream().filter(c -> heading(c).equalsIgnoreCase(typed)).toList();
            if (categories.isEmpty()) {
                throw new InvalidInputException("unknown category '" + category + "' in " + data.source().name()
                        + "; nearest: " + String.join("; ", NearestNames.nearest(typed,
                        all.stream().map(DataQuestionsCommand::heading).toList(), 3)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        int shown = 0;
        int withoutText = 0;
        for (String cat : categories) {
            TextTable table = only == null ? new TextTable(false, true, false) : new TextTable(false, true, true, false);
            int rows = 0;
            for (Question q : data.questions()) {
                if (!q.category().equals(cat)) {
                    continue;
                }
                Optional<HumanDistribution> d = only == null ? Optional.empty() : data.distribution(only, q.id());
                if (only != null && d.isEmpty()) {
                    continue;
                }
                var text = q.text(lang);
                if (text.isEmpty()) {
                    withoutText++;
                    continue;
                }
                if (only == null) {
                    table.row("  " + q.id(), String.valueOf(q.scale().size()), text.get().question());
                } else {
                    table.row("  " + q.id(), String.valueOf(q.scale().size()), respondents(d.get()),
                            text.get().question());
                }
                rows++;
            }
            if (rows > 0 || only == null) {
                out.println(heading(cat));
                table.lines().forEach(out::println);
            }
            shown += rows;
        }
        String where = only == null ? "" : " with data for " + DataOptions.countryLabel(data, only) + " (" + only
                + ")";
        out.println(shown + " questions" + where + " in " + lang + (withoutText > 0 ? " (" + withoutText
                + " more have no text in " + lang + ")" : "") + "; columns: id, number of options, "
                + (only == null ? "" : "n (respondents; - when the source gives none), ") + "question");
        out.flush();
    }

    private static String heading(String category) {
        return category.isEmpty() ? NO_CATEGORY : category;
    }

    private static String respondents(HumanDistribution d) {
        return d.respondents().isPresent() ? String.valueOf(d.respondents().getAsLong()) : "-";
    }
}
