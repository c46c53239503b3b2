package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bundled cell against the reference figures in {@code ../shared/data/wvs7} (next to the repository root),
 * recomputed independently of {@code tools/derive_wvs7_sample.py}: raw shares, recodes applied, renormalised.
 * Skipped, with the reason, where that folder is absent (e.g. a clone without the shared reference folder).
 */
class BundledSampleCrossCheckTest {
    private static final double TOLERANCE = 1e-4;
    private static final Set<String> EXTRA = Set.of("IRQ", "JOR", "BGD", "GRC", "KOR", "ARG", "TUR");
    private static Path shared;

    @BeforeAll
    static void locate() {
        // surefire runs in the module folder: culturalign-core -> repository root -> its sibling "shared"
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        shared = repoRoot.getParent().resolve("shared/data/wvs7");
    }

    private static JsonNode json(String name) throws IOException {
        return new ObjectMapper().readTree(shared.resolve(name).toFile());
    }

    private static void requireShared() {
        assumeTrue(Files.isDirectory(shared), () -> "reference data not present at " + shared
                + ": the cross-check against the WVS-7 reference figures is skipped");
    }

    @Test
    void everyBundledCellEqualsTheReferenceFigureAfterRecodes() throws IOException {
        requireShared();
        JsonNode c19 = json("country_shares_wvs7_19countries.json");
        JsonNode c12 = json("country_shares_wvs7_12countries.json");
        SurveyData data = BundledSample.load();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Country country : data.countries()) {
            boolean extra = EXTRA.contains(country.code());
            for (Question q : data.questions()) {
                JsonNode ref = extra ? c12.path(country.code()).path("dist").path(q.id()).path("p")
                        : c19.path(country.code()).path(q.id()).path("p");
                var cell = data.distribution(country, q.id());
                if (ref.isMissingNode()) {
                    if (cell.isPresent()) {
                        problems.add(country + " " + q.id() + ": bundled, but not in the reference");
                    }
                    continue;
                }
                if (cell.isEmpty()) {
                    problems.add(country + " " + q.id() + ": in the reference, not bundled");
                    continue;
                }
                double[] expected = expected(q, ref, problems, country);
                double[] actual = cell.get().shares();
                for (int i = 0; i < expected.length; i++) {
                    if (Math.abs(expected[i] - actual[i]) > TOLERANCE) {
                        problems.add(country + " " + q.id() + " code " + q.scale().codes().get(i) + ": bundled "
                                + actual[i] + ", reference " + expected[i]);
                    }
                }
                JsonNode n = c12.path(country.code()).path("dist").path(q.id()).path("n");
                if (!n.isMissingNode() && cell.get().respondents().orElse(-1) != n.asLong()) {
                    problems.add(country + " " + q.id() + ": n " + cell.get().respondents() + ", reference " + n);
                }
                checked++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(2000);
    }

    private static double[] expected(Question q, JsonNode p, List<String> problems, Country country) {
        double[] shares = new double[q.scale().size()];
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            var code = q.scaleCode(Integer.parseInt(e.getKey()));
            if (code.isEmpty()) {
                if (!q.recodes().containsKey(Integer.parseInt(e.getKey()))) {
                    problems.add(country + " " + q.id() + ": reference code " + e.getKey() + " is off the scale");
                }
                continue;
            }
            shares[q.scale().positionOf(code.get())] += e.getValue().asDouble();
            sum += e.getValue().asDouble();
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= sum;
        }
        return shares;
    }

    @Test
    void theBundleCoversEveryValueCategoryOfTheMetadata() throws IOException {
        requireShared();
        JsonNode meta = json("question_metadata_wvs7.json");
        Set<String> valueCategories = new TreeSet<>();
        Map<String, String> categoryOf = new HashMap<>();
        meta.fields().forEachRemaining(e -> {
            if (e.getValue().path("use_case").asText().equals("value")) {
                valueCategories.add(e.getValue().path("category").asText());
                categoryOf.put(e.getKey(), e.getValue().path("category").asText());
            }
        });
        SurveyData data = BundledSample.load();
        assertThat(data.categories()).containsAll(valueCategories);
        for (Question q : data.questions()) {
            if (categoryOf.containsKey(q.id())) {
                assertThat(q.category()).as(q.id()).isEqualTo(categoryOf.get(q.id()));
            }
        }
    }

    @Test
    void scalesAreTheCodebookAnswerCodesMinusDroppedOnes() throws IOException {
        requireShared();
        JsonNode codebook = json("codebook_wvs7.json");
        for (Question q : BundledSample.load().questions()) {
            List<Integer> codes = new ArrayList<>();
            codebook.path(q.id()).path("choices").fieldNames().forEachRemaining(k -> {
                int c = Integer.parseInt(k);
                if (c >= 0 && q.scaleCode(c).isPresent()) {
                    codes.add(c);
                }
            });
            codes.sort(null);
            assertThat(q.scale().codes()).as(q.id()).isEqualTo(codes);
        }
    }

    @Test
    void noEnglishTextCopiesTheReferenceWording() throws IOException {
        requireShared();
        Map<String, String> reference = new HashMap<>();
        json("question_wording_en_reference.json").forEach(
                item -> reference.put(item.path("Q_id").asText(), normalise(item.path("question").asText())));
        List<String> copied = new ArrayList<>();
        for (Question q : BundledSample.load().questions()) {
            String ours = normalise(q.text("en").orElseThrow().question());
            String ref = reference.get(q.id());
            if (ref != null && (ref.equals(ours) || ref.contains(ours))) {
                copied.add(q.id());
            }
        }
        assertThat(copied).as("English questions worded like the reference").isEmpty();
    }

    private static String normalise(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", "").strip();
    }
}
