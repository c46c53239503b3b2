package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyJsonTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            {"schema": "culturalign.survey/1",
             "source": {"name": "mini", "version": "1", "notice": "test data"},
             "questions": [
               {"id": "Q182", "category": "Ethical Values", "scale": {"type": "ordinal", "codes": [1, 2, 3]},
                "recodes": {"5": "drop", "9": 3}, "battery": "Q177-Q195", "source": "WVS-7",
                "texts": {"en": {"question": "Justifiable?", "options": ["never", "sometimes", "always"],
                                 "instruction": "pick one"}}}
             ],
             "countries": {"NGA": {"Q182": {"shares": {"1": 0.6, "2": 0.3, "3": 0.1}, "n": 1200}},
                           "DEU": {"Q182": {"shares": {"1": 0.2, "3": 0.8005}, "weight_sum": 1500.5}}}}
            """;

    private Path file(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    private void assertRejected(String json, String message) throws IOException {
        Path p = file("wvs7.json", json);
        assertThatThrownBy(() -> SurveyJson.read(p)).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void readsQuestionsTextsRecodesAndShares() throws IOException {
        SurveyData data = SurveyJson.read(file("mini.json", VALID));
        Question q = data.requireQuestion("Q182");
        assertThat(q.scale().codes()).containsExactly(1, 2, 3);
        assertThat(q.scaleCode(5)).isEmpty();
        assertThat(q.scaleCode(9)).hasValue(3);
        assertThat(q.battery()).isEqualTo("Q177-Q195");
        assertThat(q.text("en").orElseThrow().optionLabels()).containsExactly("never", "sometimes", "always");
        assertThat(q.text("en").orElseThrow().instruction()).isEqualTo("pick one");
        HumanDistribution nga = data.distribution(new Country("NGA"), "Q182").orElseThrow();
        assertThat(nga.shares()).containsExactly(new double[] {0.6, 0.3, 0.1}, within(1e-12));
        assertThat(nga.respondents()).hasValue(1200);
        HumanDistribution deu = data.distribution(new Country("DEU"), "Q182").orElseThrow();
        assertThat(deu.shares()).containsExactly(new double[] {0.2 / 1.0005, 0, 0.8005 / 1.0005}, within(1e-12));
        assertThat(deu.weightSum()).hasValue(1500.5);
        assertThat(data.countryName(new Country("DEU"))).isEqualTo("Germany");
        assertThat(data.source().name()).isEqualTo("mini");
        assertThat(data.source().sha256()).hasSize(64);
    }

    @Test
    void writeThenReadGivesTheSameData() throws IOException {
        SurveyData data = SurveyJson.read(file("mini.json", VALID));
        Path out = dir.resolve("sub/out.json");
        SurveyJson.write(data, out);
        SurveyData back = SurveyJson.read(out);
        assertThat(back.questions()).isEqualTo(data.questions());
        assertThat(back.countries()).isEqualTo(data.countries());
        for (Country c : data.countries()) {
            HumanDistribution a = data.distribution(c, "Q182").orElseThrow();
            HumanDistribution b = back.distribution(c, "Q182").orElseThrow();
            assertThat(b.shares()).containsExactly(a.shares(), within(1e-15));
            assertThat(b.respondents()).isEqualTo(a.respondents());
            assertThat(b.weightSum()).isEqualTo(a.weightSum());
        }
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.json");
        }
    }

    @Test
    void sharesThatDoNotSumToOneNameTheFileAndPath() throws IOException {
        assertRejected(VALID.replace("\"3\": 0.1}, \"n\"", "\"3\": 0.03}, \"n\""),
                "wvs7.json: countries.NGA.Q182: shares sum to 0.93, expected 1 within 0.001");
    }

    @Test
    void aCodeOffTheScaleIsRejected() throws IOException {
        assertRejected(VALID.replace("{\"1\": 0.2, \"3\": 0.8005}", "{\"1\": 0.2, \"7\": 0.8}"),
                "wvs7.json: countries.DEU.Q182.shares.7: code 7 is not an option of Q182 (codes [1, 2, 3])");
    }

    @Test
    void aNegativeShareIsRejected() throws IOException {
        assertRejected(VALID.replace("\"2\": 0.3, \"3\": 0.1", "\"2\": -0.3, \"3\": 0.7"),
                "wvs7.json: countries.NGA.Q182.shares.2: found -0.3, expected a share in [0, 1]");
    }

    @Test
    void aTextWithTheWrongNumberOfOptionsIsRejected() throws IOException {
        assertRejected(VALID.replace("[\"never\", \"sometimes\", \"always\"]", "[\"never\", \"always\"]"),
                "wvs7.json: questions.Q182.texts.en.options: 2 labels, the scale has 3 options");
    }

    @Test
    void dataForAnUnknownQuestionIsRejectedWithTheNearestId() throws IOException {
        assertRejected(VALID.replace("\"DEU\": {\"Q182\"", "\"DEU\": {\"Q812\""),
                "wvs7.json: countries.DEU.Q812: Q812 is not a question of this file (nearest: Q182)");
    }

    @Test
    void anotherSchemaIsRejected() throws IOException {
        assertRejected(VALID.replace("culturalign.survey/1", "culturalign.survey/9"),
                "wvs7.json: schema: found \"culturalign.survey/9\", expected \"culturalign.survey/1\"");
    }

    @Test
    void anUnknownFieldIsRejectedListingTheValidOnes() throws IOException {
        assertRejected(VALID.replace("\"n\": 1200", "\"n_respondents\": 1200"),
                "wvs7.json: countries.NGA.Q182.n_respondents: unknown field (expected one of [n, shares, weight_sum])");
    }

    @Test
    void aBadCountryCodeIsRejected() throws IOException {
        assertRejected(VALID.replace("\"NGA\":", "\"NG\":"),
                "wvs7.json: countries.NG: \"NG\" is not an ISO 3166-1 alpha-3 code (three upper-case letters, e.g. DEU)");
    }

    @Test
    void brokenJsonIsRejectedWithItsLine() throws IOException {
        Path p = file("broken.json", "{\n\"schema\": }");
        assertThatThrownBy(() -> SurveyJson.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessage("broken.json: line 2, column 11: not valid JSON: Unexpected character ('}' (code 125)): "
                        + "expected a value");
    }

    @Test
    void truncatedJsonIsRejectedWithLineAndColumnAndNoJacksonInternals() throws IOException {
        Path p = file("cut.json", "{\"schema\": \"culturalign.survey/1\",\n \"questions\": [");
        assertThatThrownBy(() -> SurveyJson.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cut.json: line 2, column 16: not valid JSON: Unexpected end-of-input: expected close "
                        + "marker for Array (start marker at line 2, column 15)");
    }

    @Test
    void aMissingFileIsRejected() {
        Path p = dir.resolve("nope.json");
        assertThatThrownBy(() -> SurveyJson.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessage(p + ": no such file (expected a culturalign.survey/1 JSON file)");
    }

    @Test
    void aNegativeRespondentCountIsRejected() throws IOException {
        assertRejected(VALID.replace("\"n\": 1200", "\"n\": -4"),
                "wvs7.json: countries.NGA.Q182.n: found -4, expected a non-negative respondent count");
    }

    @Test
    void writtenDataWithBuiltObjectsReadsBack() {
        AnswerScale scale = new AnswerScale(List.of(0, 1, 2), ScaleType.ORDINAL);
        Question q = new Question("Q122", "Perceptions of Migration", scale,
                Map.of("de", new QuestionText("Stimmen Sie zu?", List.of("Nein", "Schwer zu sagen", "Ja"))),
                Map.of(), "Q122-Q129", "WVS-7");
        HumanDistribution d = HumanDistribution.ofShares(new double[] {0.25, 0.25, 0.5}, OptionalLong.of(8),
                OptionalDouble.empty(), "x");
        SurveyData data = new SurveyData(new DataSource("built", "v", "", "n"), List.of(q),
                Map.of(new Country("KOR"), Map.of("Q122", d)), Map.of(new Country("KOR"), "Korea"));
        Path out = dir.resolve("built.json");
        SurveyJson.write(data, out);
        SurveyData back = SurveyJson.read(out);
        assertThat(back.distribution(new Country("KOR"), "Q122").orElseThrow().shares())
                .containsExactly(0.25, 0.25, 0.5);
        assertThat(back.countryName(new Country("KOR"))).isEqualTo("Korea");
        assertThat(back.requireQuestion("Q122").text("de").orElseThrow().optionLabels())
                .containsExactly("Nein", "Schwer zu sagen", "Ja");
    }
}
