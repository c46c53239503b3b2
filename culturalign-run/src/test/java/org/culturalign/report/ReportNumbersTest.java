package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportNumbersTest {
    private static final Pattern CELL = Pattern.compile(
            "<td data-key=\"([^\"]+)\" data-s0=\"([^\"]*)\" data-sk=\"([^\"]*)\" data-n0=\"(\\d+)\" data-nk=\"(\\d+)\">"
                    + "([0-9.–]+) → ([0-9.–]+)");

    @Test
    void everyPaperTableCellShowsTheSimilarityMeansAndCountsWrittenInResultsJson() throws Exception {
        Path run = ReportInChromiumTest.smallRun();
        String html = Reporter.render(List.of(RunReader.read(run)));
        JsonNode results = new ObjectMapper().readTree(Files.readString(run.resolve("results.json")));
        Map<String, JsonNode> cells = new HashMap<>();
        for (JsonNode c : results.get("cells")) {
            if (c.get("format").asText().equals("full")) {
                cells.put(c.get("country").asText() + "|" + c.get("language").asText() + "|" + c.get("shots").asInt()
                        + "|" + c.get("selector").asText(), c);
            }
        }
        Matcher m = CELL.matcher(html);
        int seen = 0;
        while (m.find()) {
            String[] key = m.group(1).split("\\|"); // model|language|selector|country
            JsonNode zero = cells.get(key[3] + "|" + key[1] + "|0|none");
            JsonNode k = cells.get(key[3] + "|" + key[1] + "|5|" + key[2]);
            double s0 = zero.at("/metrics/similarity/mean").asDouble();
            double sk = k.at("/metrics/similarity/mean").asDouble();
            assertThat(Double.parseDouble(m.group(2))).as(m.group(1)).isEqualTo(s0);
            assertThat(Double.parseDouble(m.group(3))).as(m.group(1)).isEqualTo(sk);
            assertThat(Integer.parseInt(m.group(4))).isEqualTo(zero.get("n").asInt());
            assertThat(Integer.parseInt(m.group(5))).isEqualTo(k.get("n").asInt());
            assertThat(m.group(6)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", s0));
            assertThat(m.group(7)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", sk));
            seen++;
        }
        // 1 model x 2 languages x 2 selectors rows, 3 countries
        assertThat(seen).isEqualTo(12);
        // a hand-checked figure: DEU, en, 0 shots in the fixture
        assertThat(html).contains("data-key=\"demo|en|chrf|DEU\" data-s0=\""
                + cells.get("DEU|en|0|none").at("/metrics/similarity/mean").asDouble() + "\"");
    }

    @Test
    void theHeadlineZeroShotMeanIsTheProbeWeightedMeanOfTheZeroShotCells() throws Exception {
        Path run = ReportInChromiumTest.smallRun();
        RunResults r = RunReader.read(run).results();
        double sum = 0;
        int n = 0;
        for (RunResults.Cell c : r.cells()) {
            if (c.shots() == 0 && c.format().equals("full")) {
                sum += c.metric("similarity").mean() * c.n();
                n += c.n();
            }
        }
        String html = Reporter.render(List.of(RunReader.read(run)));
        assertThat(n).isEqualTo(96);
        assertThat(html).contains("<td data-s0=\"" + (sum / n) + "\">");
    }

    @Test
    void aNewerSchemaVersionIsRefusedWithOneLineNamingTheFileAndField(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("results.json"), "{\"schema\": \"culturalign.results/2\"}");
        Files.writeString(tmp.resolve("samples.jsonl"), "");
        assertThatThrownBy(() -> RunReader.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessage(tmp.resolve("results.json") + ": field 'schema': unknown version "
                        + "'culturalign.results/2' (this culturalign reads [culturalign.results/1]; a newer "
                        + "culturalign wrote it?)");
    }

    @Test
    void aSampleLineWithoutItsModelDistributionIsRefusedNamingTheLine(@TempDir Path tmp) throws Exception {
        Path run = ReportInChromiumTest.smallRun();
        Files.copy(run.resolve("results.json"), tmp.resolve("results.json"));
        Files.writeString(tmp.resolve("samples.jsonl"), "\n{\"schema\":\"culturalign.samples/1\",\"model\":\"demo\","
                + "\"country\":\"DEU\",\"language\":\"en\",\"questionId\":\"Q1\",\"shots\":0,\"selector\":\"none\","
                + "\"format\":\"full\",\"persona\":false,\"targetCodes\":[1,2]}\n");
        assertThatThrownBy(() -> RunReader.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessage(tmp.resolve("samples.jsonl") + ": line 2: field 'modelDistribution': missing "
                        + "(see docs/schemas/)");
    }

    @Test
    void severalRunsNeedAnOutputFile(@TempDir Path tmp) throws Exception {
        Path run = ReportInChromiumTest.smallRun();
        assertThatThrownBy(() -> Reporter.write(List.of(run, run), null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--out FILE");
        Path out = Reporter.write(List.of(run, run), tmp.resolve("both.html"));
        String html = Files.readString(out);
        assertThat(html).contains("<section id=\"comparison\"", "id=\"run1-headline\"", "id=\"run2-headline\"")
                .doesNotContain("src=\"http", "href=\"http", "<link", "@import", "url(http", "<script");
    }
}
