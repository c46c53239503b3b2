package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.fuzz.Mutator;
import org.culturalign.metric.AlignmentMetrics;
import org.culturalign.metric.Baselines;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz properties of the survey readers (seeded mutations of valid files, {@link Mutator}): every input either reads,
 * with every distribution a valid one on which every metric is a finite number, or fails with the project's
 * {@link InvalidInputException}; no other exception escapes.
 */
class SurveyReadersFuzzTest {
    private static final int CASES = 2000;
    private static final String SURVEY_JSON = """
            {"schema": "culturalign.survey/1",
             "source": {"name": "mini", "version": "1", "notice": "test data"},
             "questions": [
               {"id": "Q182", "category": "Ethical Values", "scale": {"type": "ordinal", "codes": [1, 2, 3]},
                "recodes": {"5": "drop", "9": 3}, "battery": "Q177-Q195", "source": "WVS-7",
                "texts": {"en": {"question": "Justifiable?", "options": ["never", "sometimes", "always"],
                                 "instruction": "pick one"}}},
               {"id": "Q57", "category": "Social Capital", "scale": {"type": "nominal", "codes": [1, 2]},
                "texts": {"en": {"question": "Trust?", "options": ["yes", "no"]}}}
             ],
             "countries": {"NGA": {"Q182": {"shares": {"1": 0.6, "2": 0.3, "3": 0.1}, "n": 1200},
                                   "Q57": {"shares": {"1": 0.25, "2": 0.75}}},
                           "DEU": {"Q182": {"shares": {"1": 0.2, "3": 0.8005}, "weight_sum": 1500.5}}}}
            """;

    @TempDir
    Path dir;

    /** What a reader may do with any input: read, or refuse with a clear input error. */
    private interface Reader {
        SurveyData read(int i, byte[] input) throws IOException;
    }

    private static void check(SurveyData data, String what) {
        for (Country c : data.countries()) {
            for (Question q : data.questions()) {
                HumanDistribution d = data.distribution(c, q.id()).orElse(null);
                if (d == null) {
                    continue;
                }
                double[] human = d.shares();
                double sum = 0;
                for (double s : human) {
                    assertThat(s).as(what + ": share of %s %s", c, q.id()).isFinite().isBetween(0.0, 1.0);
                    sum += s;
                }
                assertThat(sum).as(what).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
                if (human.length < 2) {
                    continue;
                }
                ProbeMetrics m = AlignmentMetrics.score(Baselines.uniform(human.length), human, q.scale().type(),
                        false, 0.5);
                for (Map.Entry<String, Double> e : m.values().entrySet()) {
                    assertThat(e.getValue()).as(what + ": " + e.getKey()).isFinite();
                }
            }
        }
    }

    private static void fuzz(List<String> seeds, long seed, Reader reader) throws IOException {
        Mutator mutator = new Mutator(seed);
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutator.mutate(seeds.get(i % seeds.size()).getBytes(StandardCharsets.UTF_8));
            SurveyData data;
            try {
                data = reader.read(i, input);
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as("case %d", i).isNotBlank();
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " escaped with " + e + " on input:\n"
                        + new String(input, StandardCharsets.UTF_8), e);
            }
            read++;
            check(data, "case " + i);
        }
        // the mutations keep some inputs valid: the property is exercised on both sides
        assertThat(read).isPositive();
    }

    @Test
    void surveyJsonReadsOrRefusesCleanly() throws IOException {
        fuzz(List.of(SURVEY_JSON), 15_001, (i, input) -> SurveyJson.parse("fuzz.json", input));
    }

    @Test
    void theWvsCsvImporterReadsOrRefusesCleanly() throws IOException {
        Path file = dir.resolve("wvs.csv");
        fuzz(List.of(WvsFixtures.COMMA, WvsFixtures.SEMICOLON), 15_002, (i, input) -> {
            Files.write(file, input);
            return WvsImporter.importFile(file, WvsImportOptions.defaults(), WvsFixtures.catalog()).data();
        });
    }

    @Test
    void theGlobalOpinionImporterReadsOrRefusesCleanly() throws Exception {
        String fixture = Files.readString(Path.of(SurveyReadersFuzzTest.class.getResource("goqa-fixture.csv")
                .toURI()), StandardCharsets.UTF_8);
        Path file = dir.resolve("goqa.csv");
        fuzz(List.of(fixture), 15_003, (i, input) -> {
            Files.write(file, input);
            return GlobalOpinionImporter.importFile(file).data();
        });
    }
}
