package org.culturalign.cli;

import java.nio.file.Path;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.Countries;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import picocli.CommandLine.Option;

/** {@code --data FILE}, shared by the commands that read survey data, and name look-ups with helpful errors. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Survey file in the culturalign.survey/1 format (docs/schemas/survey-format.md); "
                    + "default: the bundled WVS-7 sample.")
    Path dataFile;

    /**
     * The survey data to use.
     *
     * @throws InvalidInputException when the file is missing, unreadable or malformed
     */
    public SurveyData load() {
        return dataFile == null ? BundledSample.load() : SurveyJson.read(dataFile);
    }

    /**
     * A country by ISO alpha-3 code, the data's name for it, or an English name or alias, case-insensitively
     * ({@link Countries#resolve(String, SurveyData)}).
     *
     * @throws InvalidInputException naming the nearest valid countries
     */
    static Country country(SurveyData data, String input) {
        return Countries.resolve(input, data);
    }

    /** A question by id, case-insensitively, or an error naming the nearest ids. */
    static Question question(SurveyData data, String input) {
        String typed = input.strip();
        for (Question q : data.questions()) {
            if (q.id().equalsIgnoreCase(typed)) {
                return q;
            }
        }
        var ids = data.questions().stream().map(Question::id).toList();
        throw new InvalidInputException("unknown question '" + input + "' in " + data.source().name()
                + "; nearest: " + NearestNames.nearestList(typed, ids, 3) + " (see: culturalign data questions)");
    }

    /** A language the data has texts in, or an error listing them. */
    static String language(SurveyData data, String input) {
        String typed = input.strip();
        for (String lang : data.languages()) {
            if (lang.equalsIgnoreCase(typed)) {
                return lang;
            }
        }
        throw new InvalidInputException("no texts in language '" + input + "' in " + data.source().name()
                + "; available: " + String.join(", ", data.languages()));
    }

    /** Display name for tables and headings. */
    static String countryLabel(SurveyData data, Country c) {
        String name = data.countryName(c);
        return name.equals(c.code()) ? Countries.name(c) : name;
    }
}
