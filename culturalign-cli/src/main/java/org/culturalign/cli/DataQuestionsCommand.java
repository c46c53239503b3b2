package org.culturalign.cli;

import java.io.PrintWriter;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
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
                "         culturalign data questions --category \"Ethical Values\""})
public final class DataQuestionsCommand implements Runnable {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--category", paramLabel = "C",
            description = "Only questions of this category (case-insensitive; see the headings of the full list).")
    String category;

    @Option(names = "--language", paramLabel = "L", defaultValue = "en",
            description = "Language of the wording (default: ${DEFAULT-VALUE}).")
    String language;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SurveyData data = dataOptions.load();
        String lang = DataOptions.language(data, language);
        List<String> categories = data.categories();
        if (category != null) {
            String typed = category.strip();
            categories = categories.stream().filter(c -> c.equalsIgnoreCase(typed)).toList();
            if (categories.isEmpty()) {
                throw new InvalidInputException("unknown category '" + category + "' in " + data.source().name()
                        + "; nearest: " + NearestNames.nearestList(typed, data.categories(), 3).replace(", ", "; "));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        int shown = 0;
        int withoutText = 0;
        for (String cat : categories) {
            out.println(cat);
            TextTable table = new TextTable(false, true, false);
            for (Question q : data.questions()) {
                if (!q.category().equals(cat)) {
                    continue;
                }
                var text = q.text(lang);
                if (text.isEmpty()) {
                    withoutText++;
                    continue;
                }
                table.row("  " + q.id(), String.valueOf(q.scale().size()), text.get().question());
                shown++;
            }
            table.lines().forEach(out::println);
        }
        out.println(shown + " questions in " + lang + (withoutText > 0 ? " (" + withoutText
                + " more have no text in " + lang + ")" : "") + "; columns: id, number of options, question");
        out.flush();
    }
}
