package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanCeilingsTest {
    /** 1 - JSD([1, 0], [.5, .5]), log 2 (scipy: 1 - jensenshannon([1, 0], [.5, .5], base=2)). */
    private static final double ONE_VS_HALF = 0.4420769547158562;
    /** 1 - JSD([.5, .5, 0], [.5, 0, .5]) = 1 - sqrt(1/2). */
    private static final double HALF_OVERLAP = 1 - Math.sqrt(0.5);

    @TempDir
    Path dir;
    Path data;

    /**
     * DEU: Q1 answered 3 x code 1, 1 x code 2 (n 4); Q2 2 x 1, 1 x 2, 1 x 3 (n 4); Q3 by one respondent. NGA: shares
     * without n.
     */
    @BeforeEach
    void survey() throws Exception {
        data = dir.resolve("survey.json");
        Files.writeString(data, """
                {"schema": "culturalign.survey/1", "source": {"name": "ceiling test"},
                 "questions": [
                  {"id": "Q1", "category": "A", "scale": {"type": "ordinal", "codes": [1, 2]},
                   "texts": {"en": {"question": "Is family important?", "options": ["Yes", "No"]}}},
                  {"id": "Q2", "category": "A", "scale": {"type": "ordinal", "codes": [1, 2, 3]},
                   "texts": {"en": {"question": "How often do you pray?", "options": ["Often", "Sometimes", "Never"]}}},
                  {"id": "Q3", "category": "B", "scale": {"type": "ordinal", "codes": [1, 2]},
                   "texts": {"en": {"question": "Do you trust strangers?", "options": ["Yes", "No"]}}}],
                 "countries": {
                  "DEU": {"Q1": {"shares": {"1": 0.75, "2": 0.25}, "n": 4},
                          "Q2": {"shares": {"1": 0.5, "2": 0.25, "3": 0.25}, "n": 4},
                          "Q3": {"shares": {"1": 1}, "n": 1}},
                  "NGA": {"Q1": {"shares": {"1": 0.6, "2": 0.4}},
                          "Q3": {"shares": {"1": 0.5, "2": 0.5}}}}}
                """);
    }

    private EvalConfig config() {
        return new EvalConfig(List.of("counting"), Map.of(), data.toString(), List.of("DEU", "NGA"), List.of("en"),
                List.of(0, 1), List.of("random"), List.of("full", "binary"), List.of(false), null, List.of(), null, 42,
                null, null, null, 1000, null);
    }

    private ResultsDocument run(Path out, AnalysisOptions analysis, CountingModel model) {
        try (EvalSession s = EvalSession.open(config(), new RunOptions(out, null, 1, false,
                RunOptions.ProgressMode.QUIET), "test", spec -> model)) {
            return s.analysis(analysis).run(new PrintStream(new ByteArrayOutputStream())).results();
        }
    }

    private static ResultsDocument.ItemCeiling item(ResultsDocument doc, String country, String format, String q) {
        return doc.humanCeilings().stream().filter(c -> c.country().equals(country) && c.format().equals(format)
                && c.questionId().equals(q)).findFirst().orElseThrow();
    }

    @Test
    void eachItemsCeilingIsTheSplitHalfSimilarityOfItsRespondents() {
        ResultsDocument doc = run(dir.resolve("run"), new AnalysisOptions(20_000, 0.05), new CountingModel());
        // Q1, (3, 1): every split gives halves [1, 0] and [.5, .5], in both formats (a 2-point scale is its poles)
        assertThat(item(doc, "DEU", "full", "Q1").ceiling()).isCloseTo(ONE_VS_HALF, within(1e-12));
        assertThat(item(doc, "DEU", "binary", "Q1").ceiling()).isCloseTo(ONE_VS_HALF, within(1e-12));
        assertThat(item(doc, "DEU", "full", "Q1").respondents()).isEqualTo(4);
        assertThat(item(doc, "DEU", "full", "Q1").used()).isEqualTo(20_000);
        // Q2, respondents a, b (code 1), c (2), d (3); 6 equally likely halves {a,b} {a,c} {b,c} {a,d} {b,d} {c,d}.
        // full: {a,b} and {c,d} leave disjoint halves (0); the other 4 give [.5,.5,0] vs [.5,0,.5]: 4/6 (1 - sqrt .5)
        // = 0.19526; 20,000 splits: standard error 0.00098
        assertThat(item(doc, "DEU", "full", "Q2").ceiling()).isCloseTo(4.0 / 6 * HALF_OVERLAP, within(0.005));
        // binary (code 2 dropped): {a,b} gives poles [1,0] vs [0,1] (0), {c,d} [0,1] vs [1,0] (0), the other 4
        // [1,0] vs [.5,.5]: 4/6 * 0.44208 = 0.29472; standard error 0.0015
        assertThat(item(doc, "DEU", "binary", "Q2").ceiling()).isCloseTo(4.0 / 6 * ONE_VS_HALF, within(0.007));
        assertThat(item(doc, "DEU", "full", "Q3").ceiling()).isNull();
        assertThat(item(doc, "DEU", "full", "Q3").reason()).isEqualTo(HumanCeilings.TOO_FEW);
        assertThat(item(doc, "NGA", "full", "Q1").ceiling()).isNull();
        assertThat(item(doc, "NGA", "full", "Q1").respondents()).isNull();
        assertThat(item(doc, "NGA", "full", "Q1").reason()).isEqualTo(HumanCeilings.NO_N);
        // no data, no item
        assertThat(doc.humanCeilings().stream().filter(c -> c.country().equals("NGA") && c.questionId().equals("Q2")))
                .isEmpty();
        assertThat(doc.analysis().ceilingSplits()).isEqualTo(20_000);
        assertThat(doc.analysis().ceilingMethod()).isEqualTo(HumanCeilings.METHOD);
    }

    @Test
    void aCellsSimilarityIsShownAsAFractionOfTheMeanCeilingOfItsQuestions() throws Exception {
        Path out = dir.resolve("run");
        ResultsDocument doc = run(out, new AnalysisOptions(500, 0.05), new CountingModel());
        Map<String, Double> similarity = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("samples.jsonl"))) {
            JsonNode s = json.readTree(line);
            if (s.get("country").asText().equals("DEU") && s.get("shots").asInt() == 0
                    && s.get("format").asText().equals("full")) {
                similarity.put(s.get("questionId").asText(), s.get("metrics").get("similarity").asDouble());
            }
        }
        ResultsDocument.Cell cell = doc.cells().stream().filter(c -> c.country().equals("DEU") && c.shots() == 0
                && c.format().equals("full")).findFirst().orElseThrow();
        ResultsDocument.CellCeiling c = cell.humanCeiling();
        double ceiling = (item(doc, "DEU", "full", "Q1").ceiling() + item(doc, "DEU", "full", "Q2").ceiling()) / 2;
        double model = (similarity.get("Q1") + similarity.get("Q2")) / 2;
        assertThat(c.metric()).isEqualTo("similarity");
        assertThat(c.ceiling()).isCloseTo(ceiling, within(1e-12));
        assertThat(c.modelSimilarity()).isCloseTo(model, within(1e-12));
        assertThat(c.fractionOfCeiling()).isCloseTo(model / ceiling, within(1e-12));
        assertThat(c.questions()).isEqualTo(2);
        assertThat(c.questionsWithout()).isEqualTo(1);
        assertThat(c.reason()).isEqualTo(HumanCeilings.TOO_FEW + " (1 of 3 questions)");
        ResultsDocument.CellCeiling nga = doc.cells().stream().filter(x -> x.country().equals("NGA") && x.shots() == 0
                && x.format().equals("full")).findFirst().orElseThrow().humanCeiling();
        assertThat(nga.ceiling()).isNull();
        assertThat(nga.fractionOfCeiling()).isNull();
        assertThat(nga.reason()).isEqualTo(HumanCeilings.NO_N + " (2 of 2 questions)");
        String csv = Files.readString(out.resolve("human_ceilings.csv"));
        assertThat(csv).startsWith("country,format,question,respondents,ceiling,split_p2_5,split_p97_5,splits,used,"
                + "reason,note\nDEU,full,Q1,4,0.44207695471585");
    }

    @Test
    void everyGainGetsASignFlipPValueAndItsBenjaminiHochbergAdjustment() {
        ResultsDocument doc = run(dir.resolve("run"), new AnalysisOptions(10, 0.05), new CountingModel());
        assertThat(doc.iclGains()).isNotEmpty();
        double[] p = doc.iclGains().stream().mapToDouble(ResultsDocument.IclGain::pValue).toArray();
        double[] adjusted = org.culturalign.metric.FalseDiscovery.adjust(p);
        for (int i = 0; i < p.length; i++) {
            ResultsDocument.IclGain g = doc.iclGains().get(i);
            // at most 3 questions per gain: exact sign-flip p-values are multiples of 1/8
            assertThat(g.pValue() * 8).isCloseTo(Math.rint(g.pValue() * 8), within(1e-12));
            assertThat(g.pAdjusted()).isEqualTo(adjusted[i]);
            assertThat(g.survivesFdr()).isEqualTo(adjusted[i] <= 0.05);
        }
        assertThat(doc.analysis().gainsTested()).isEqualTo(p.length);
        assertThat(doc.analysis().fdrQ()).isEqualTo(0.05);
    }

    @Test
    void otherAnalysisOptionsOnAFinishedRunRewriteItsOutputsWithoutModelCalls() {
        Path out = dir.resolve("run");
        run(out, AnalysisOptions.DEFAULT, new CountingModel());
        CountingModel again = new CountingModel();
        ResultsDocument doc = run(out, new AnalysisOptions(0, 0.5), again);
        assertThat(again.requests.get()).isZero();
        assertThat(doc.humanCeilings()).isEmpty();
        assertThat(doc.analysis().fdrQ()).isEqualTo(0.5);
        assertThat(doc.cells().get(0).humanCeiling().reason()).startsWith(HumanCeilings.OFF);
        assertThat(doc.provenance().get("analysis").get("fdrQ").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theReportShowsEachCellsCeilingAndFractionAndWhichGainsSurvive() throws Exception {
        Path out = dir.resolve("run");
        ResultsDocument doc = run(out, new AnalysisOptions(500, 0.05), new CountingModel());
        String html = org.culturalign.report.Reporter.render(List.of(org.culturalign.report.RunReader.read(out)));
        assertThat(html).contains("id=\"human-ceiling\"");
        int rows = 0;
        for (ResultsDocument.Cell c : doc.cells()) {
            if (c.format().equals("full") && c.n() > 0) {
                Double f = c.humanCeiling().fractionOfCeiling();
                assertThat(html).contains("data-fraction=\"" + (f == null ? "" : f) + "\">" + (f == null ? "–"
                        : String.format(java.util.Locale.ROOT, "%.0f%%", 100 * f)));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(4);
        assertThat(html).contains(HumanCeilings.NO_N + " (2 of 2 questions)");
        long surviving = doc.iclGains().stream().filter(ResultsDocument.IclGain::survivesFdr).count();
        assertThat(html).contains("<b>" + surviving + " of " + doc.iclGains().size() + " survive</b>");
    }

    @Test
    void badAnalysisOptionsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> new AnalysisOptions(-1, 0.05)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--ceiling-splits");
        assertThatThrownBy(() -> new AnalysisOptions(200, 1.0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--fdr-q");
        assertThatThrownBy(() -> new AnalysisOptions(200, 0)).hasMessageContaining("--fdr-q");
    }
}
