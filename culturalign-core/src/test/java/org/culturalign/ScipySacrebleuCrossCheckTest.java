package org.culturalign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.culturalign.icl.ChrF;
import org.culturalign.metric.AlignmentMetrics;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.survey.ScaleType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our Jensen-Shannon distance and sentence chrF++ against the peers' own code, on about 1,200 seeded cases that
 * {@code src/test/python/reference_check.py} generates with their reference values:
 * {@code scipy.spatial.distance.jensenshannon(p, q, base=2)} (a distance) and
 * {@code sacrebleu.metrics.CHRF(word_order=2).sentence_score(hyp, [ref]).score} (0-100, the scale of {@link ChrF}).
 * The cases, the Python versions and the worst differences are written to {@code target/reference-check/}.
 *
 * <p>Needs python3 with scipy and sacrebleu ({@code pip install scipy sacrebleu}); {@code CULTURALIGN_PYTHON}
 * names another interpreter. Without them the tests are skipped with that reason, except under CI
 * ({@code CI=true}), where a missing peer fails the build so that CI proves the cross-check ran.
 */
class ScipySacrebleuCrossCheckTest {
    /** Absolute tolerance on the distance. */
    static final double JSD_TOLERANCE = 1e-9;
    /**
     * Absolute tolerance on the divergence (distance squared) for near-identical p and q: a rounding error of 1e-17
     * in the divergence moves its sqrt by up to ~3e-9 there, so the distance cannot be compared to 1e-9 (scipy's
     * own distance is NaN on some of these cases, the sqrt of a slightly negative sum).
     */
    static final double DIVERGENCE_TOLERANCE = 1e-15;
    /** Absolute tolerance on the 0-100 chrF++ score. */
    static final double CHRF_TOLERANCE = 1e-6;

    // surefire runs in the module folder (culturalign-core)
    static final Path SCRIPT = Path.of("src", "test", "python", "reference_check.py");
    static final Path TEXTS = Path.of("src", "main", "resources", "org", "culturalign", "survey", "wvs7", "texts");
    static final Path DIR = Path.of("target", "reference-check");
    static final Path CASES = DIR.resolve("cases.jsonl");
    static final Path REPORT = DIR.resolve("report.txt");

    private static JsonNode meta;
    /** Why the peers cannot run here, or null when they did. */
    private static String unavailable;
    private static final List<JsonNode> CASES_READ = new ArrayList<>();

    @BeforeAll
    static void generateReferenceValues() throws Exception {
        Files.createDirectories(DIR);
        String python = System.getenv().getOrDefault("CULTURALIGN_PYTHON", "python3");
        Path stdout = DIR.resolve("python.stdout");
        Path stderr = DIR.resolve("python.stderr");
        Process process;
        try {
            process = new ProcessBuilder(python, SCRIPT.toString(), "--texts", TEXTS.toString(), "--out",
                    CASES.toString()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            unavailable = python + " not found (" + e.getMessage() + "); install Python 3, then pip install scipy"
                    + " sacrebleu";
            return;
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(SCRIPT + " did not finish within 300 s");
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
        if (process.exitValue() == 3) {
            // the script's own message, e.g. "missing Python packages: sacrebleu (pip install scipy sacrebleu)"
            unavailable = python + ": " + err;
            return;
        }
        assertThat(process.exitValue()).as(SCRIPT + " exit status; stderr:\n" + err).isZero();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(CASES, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node = json.readTree(line);
                if ("meta".equals(node.path("kind").asText())) {
                    meta = node;
                } else {
                    CASES_READ.add(node);
                }
            }
        }
        assertThat(meta).as("meta line of " + CASES).isNotNull();
        assertThat(CASES_READ).hasSize(meta.path("cases").asInt());
        Files.writeString(REPORT, String.format("peers: python %s, scipy %s, sacrebleu %s (%s), seed %s%n",
                meta.path("python").asText(), meta.path("scipy").asText(), meta.path("sacrebleu").asText(),
                meta.path("chrf_signature").asText(), meta.path("seed").asText()), StandardCharsets.UTF_8);
    }

    /** Skips the calling test (aborted, with the reason in the report), or fails it under CI. */
    private static void requirePeers() {
        if (unavailable == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must run the scipy/sacrebleu cross-check (.ci/run installs them with pip install scipy"
                    + " sacrebleu): " + unavailable);
        }
        Assumptions.abort("skipped: " + unavailable);
    }

    private static List<JsonNode> cases(String kind) {
        requirePeers();
        return CASES_READ.stream().filter(c -> kind.equals(c.path("kind").asText())).toList();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static double ourDistance(JsonNode c) {
        // the public entry point, as a run scores a probe (this also applies its input checks)
        ProbeMetrics m = AlignmentMetrics.score(doubles(c.get("p")), doubles(c.get("q")), ScaleType.NOMINAL, false,
                Double.NaN);
        return m.get(ProbeMetrics.JS_DISTANCE).orElseThrow();
    }

    @Test
    void jensenShannonDistanceEqualsScipyWithin1e9OnEveryCase() throws IOException {
        List<JsonNode> cases = cases("jsd");
        assertThat(cases).as("JSD cases").hasSizeGreaterThanOrEqualTo(300);
        Set<String> groups = new TreeSet<>();
        Set<Integer> lengths = new TreeSet<>();
        Worst worst = new Worst();
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            groups.add(c.get("group").asText());
            lengths.add(c.get("p").size());
            double ours = ourDistance(c);
            double expected = c.get("expected").doubleValue();
            double diff = Math.abs(ours - expected);
            worst.offer(diff, c, ours);
            if ("identical".equals(c.get("group").asText())) {
                // both compute p log(p/m) with p = m exactly: log 1 = 0, so exactly 0
                assertThat(ours).as("identical p and q: %s", c).isEqualTo(0.0);
            }
            if (!(diff <= JSD_TOLERANCE)) {
                failures.add(describe(c, ours, diff));
            }
        }
        assertThat(groups).containsAll(List.of("random", "zeros", "near_zero", "identical", "one_hot", "uniform",
                "close"));
        assertThat(lengths).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        report("jsd", cases.size(), worst, JSD_TOLERANCE);
        noFailures(failures, "off scipy by more than " + JSD_TOLERANCE);
    }

    @Test
    void nearIdenticalDistributionsHaveScipysDivergenceWithin1e15() throws IOException {
        List<JsonNode> cases = cases("jsd_divergence");
        assertThat(cases).as("near-identical cases").hasSizeGreaterThanOrEqualTo(40);
        Worst worst = new Worst();
        double worstDistance = 0;
        int scipyNaN = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            double ours = ourDistance(c);
            double divergence = ours * ours;
            double diff = Math.abs(divergence - c.get("expected").doubleValue());
            worst.offer(diff, c, divergence);
            if (c.get("scipy_distance").isNull()) {
                scipyNaN++;
            } else {
                worstDistance = Math.max(worstDistance, Math.abs(ours - c.get("scipy_distance").doubleValue()));
            }
            if (!(diff <= DIVERGENCE_TOLERANCE)) {
                failures.add(describe(c, divergence, diff));
            }
        }
        report("jsd_divergence", cases.size(), worst, DIVERGENCE_TOLERANCE);
        appendReport(String.format("jsd_divergence: for information, worst |distance - scipy distance| %.3g where"
                + " scipy's distance is a number; scipy returned NaN on %d of %d%n", worstDistance, scipyNaN,
                cases.size()));
        noFailures(failures, "off scipy's divergence by more than " + DIVERGENCE_TOLERANCE);
    }

    @Test
    void chrfPlusPlusEqualsSacrebleuSentenceScoreWithin1e6OnEveryCase() throws IOException {
        List<JsonNode> cases = cases("chrf");
        assertThat(cases).as("chrF++ cases").hasSizeGreaterThanOrEqualTo(300);
        Set<String> groups = new TreeSet<>();
        Worst worst = new Worst();
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            groups.add(c.get("group").asText());
            double ours = ChrF.score(c.get("hyp").asText(), c.get("ref").asText());
            double diff = Math.abs(ours - c.get("expected").doubleValue());
            worst.offer(diff, c, ours);
            if (!(diff <= CHRF_TOLERANCE)) {
                failures.add(describe(c, ours, diff));
            }
        }
        assertThat(groups).containsAll(List.of("texts_en", "texts_de", "texts_es", "texts_ru", "texts_zh",
                "english", "german", "russian", "chinese", "punctuation", "repeated", "short", "special",
                "whitespace"));
        report("chrf", cases.size(), worst, CHRF_TOLERANCE);
        noFailures(failures, "off sacrebleu by more than " + CHRF_TOLERANCE);
    }

    /** Fails naming how many cases disagree and the first 10 of them (one line each). */
    private static void noFailures(List<String> failures, String what) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " cases " + what + " (all in " + CASES + "); the first:\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    private static String describe(JsonNode c, double ours, double diff) {
        return String.format("%s: ours %s, peer %s, |diff| %.3g", c, ours, c.get("expected").doubleValue(), diff);
    }

    private static void report(String kind, int n, Worst worst, double tolerance) throws IOException {
        appendReport(String.format("%s: %d cases, worst |ours - peer| %.3g (tolerance %.0e) on %s%n", kind, n,
                worst.diff, tolerance, worst.describe()));
    }

    private static synchronized void appendReport(String line) throws IOException {
        Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.print(line);
    }

    /** The case with the largest difference. */
    private static final class Worst {
        double diff = -1;
        JsonNode node;
        double ours;

        void offer(double d, JsonNode c, double value) {
            if (d > diff || Double.isNaN(d)) {
                diff = d;
                node = c;
                ours = value;
            }
        }

        String describe() {
            return node == null ? "no case" : node.get("group").asText() + " case " + node + " (ours " + ours + ")";
        }
    }
}
