package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsTheGainAtEveryKAndItsSpreadOverDemonstrationOrders() throws Exception {
        EvalConfig config = new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU", "NGA"), List.of("en"),
                List.of(0, 1, 2), List.of("random", "random@order1", "random@order2"), List.of("full"), List.of(false),
                null, List.of(), 6.0, 42, null, null, null, 1000, null);
        Path out = dir.resolve("run");
        try (EvalSession s = EvalSession.open(config, new RunOptions(out, null, 1, false,
                RunOptions.ProgressMode.QUIET), "test", spec -> new CountingModel())) {
            s.run(new PrintStream(new ByteArrayOutputStream()));
        }
        // by hand from samples.jsonl: per (selector, k) the mean over (country, question) of S(k) - S(0)
        ObjectMapper json = new ObjectMapper();
        Map<String, Double> zero = new HashMap<>();
        Map<String, List<String>> demos = new HashMap<>();
        List<JsonNode> kShot = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("samples.jsonl"))) {
            JsonNode n = json.readTree(line);
            String unit = n.get("country").asText() + "|" + n.get("questionId").asText();
            if (n.get("shots").asInt() == 0) {
                zero.put(unit, n.get("metrics").get("similarity").asDouble());
            } else {
                kShot.add(n);
                List<String> ids = new ArrayList<>();
                n.get("demonstrations").forEach(d -> ids.add(d.get("questionId").asText()));
                demos.put(n.get("selector").asText() + "|" + n.get("shots").asInt() + "|" + unit, ids);
            }
        }
        Map<String, double[]> gain = new HashMap<>(); // selector|k -> {sum, n}
        for (JsonNode n : kShot) {
            String unit = n.get("country").asText() + "|" + n.get("questionId").asText();
            double[] g = gain.computeIfAbsent(n.get("selector").asText() + "|" + n.get("shots").asInt(),
                    x -> new double[2]);
            g[0] += n.get("metrics").get("similarity").asDouble() - zero.get(unit);
            g[1]++;
        }
        // the order variants show the same questions as their selector, and at k = 2 some in another order
        int reordered = 0;
        for (Map.Entry<String, List<String>> e : demos.entrySet()) {
            if (e.getKey().startsWith("random@order")) {
                List<String> own = demos.get("random" + e.getKey().substring(e.getKey().indexOf('|')));
                assertThat(e.getValue()).containsExactlyInAnyOrderElementsOf(own);
                reordered += e.getValue().equals(own) ? 0 : 1;
            }
        }
        assertThat(reordered).isPositive();

        String html = org.culturalign.report.Reporter.render(List.of(org.culturalign.report.RunReader.read(out)));
        assertThat(html).contains("id=\"sensitivity\"");
        for (int k : new int[]{1, 2}) {
            double[] g = gain.get("random|" + k);
            Matcher m = Pattern.compile("data-sel=\"random\" data-k=\"" + k + "\" data-gain=\"([^\"]+)\"").matcher(html);
            assertThat(m.find()).as("k = " + k).isTrue();
            assertThat(Double.parseDouble(m.group(1))).isCloseTo(g[0] / g[1], within(1e-12));
        }
        Matcher spread = Pattern.compile("data-spread=\"([^\"]+)\"").matcher(html);
        List<Double> spreads = new ArrayList<>();
        while (spread.find()) {
            spreads.add(Double.parseDouble(spread.group(1)));
        }
        for (int i = 0; i < 2; i++) {
            int k = i + 1;
            double a = gain.get("random|" + k)[0] / gain.get("random|" + k)[1];
            double b = gain.get("random@order1|" + k)[0] / gain.get("random@order1|" + k)[1];
            double c = gain.get("random@order2|" + k)[0] / gain.get("random@order2|" + k)[1];
            assertThat(spreads.get(i)).as("k = " + k)
                    .isCloseTo(Math.max(a, Math.max(b, c)) - Math.min(a, Math.min(b, c)), within(1e-12));
        }
    }
}
