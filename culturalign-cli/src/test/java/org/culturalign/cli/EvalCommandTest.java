package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code culturalign eval} end to end on the real demo model (llama.cpp engine), real SQLite, real files. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private String[] small(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--countries", "DEU,NGA", "--languages", "en",
                "--shots", "0,2", "--selectors", "chrf", "--questions", "Q46,Q57,Q164", "--output-path",
                out.toString(), "--cache", dir.resolve("cache.db").toString(), "--progress", "quiet",
                "--model-args", "n_threads=1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theDemoModelWritesEveryOutputFileAndSaysItsNumbersAreMeaningless() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.withSystemOut(small(out));
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("demo model").contains("meaningless").contains("llamacpp:PATH.gguf");
        for (String f : List.of("results.json", "samples.jsonl", "cells.csv", "icl_gains.csv", "significance.csv",
                "skips.csv", "human_ceilings.csv", "config.json", "run.db", "report.html")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(r.out()).contains("report: " + out.resolve("report.html"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("demo model");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("schema").asText()).isEqualTo("culturalign.results/1");
        assertThat(results.get("demoModel").asBoolean()).isTrue();
        assertThat(results.get("warnings").get(0).asText()).contains("meaningless");
        assertThat(results.get("provenance").get("models").get(0).get("digest").asText()).startsWith("sha256:");
        assertThat(results.get("counts").get("probesScored").asInt()).isEqualTo(3 * 2 * 2);
        assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(12);
        assertThat(results.get("iclGains")).hasSize(2);
        // DEU and NGA: the signed-rank test says how many non-zero differences it used and that its p is exact
        assertThat(results.get("significance").get(0).get("test").asText())
                .matches(".*one-sided \\(k-shot > 0-shot country means\\); n = [12] non-zero differences; exact p");

        assertThat(r.out()).contains("ICL gains that survive Benjamini-Hochberg at FDR q = 0.05: ");
        assertThat(results.get("analysis").get("ceilingSplits").asInt()).isEqualTo(200);
        assertThat(results.get("iclGains").get(0).get("pAdjusted").isNumber()).isTrue();

        CliRun again = CliRun.withSystemOut(small(out));
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode rerun = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(rerun.get("counts").get("modelRequests").asInt()).isZero();
        assertThat(rerun.get("cells")).isEqualTo(results.get("cells"));
    }

    @Test
    void aDryRunPrintsTheGridAndTokenEstimateAndWritesNothing() {
        Path out = dir.resolve("dry");
        CliRun r = CliRun.withSystemOut(small(out, "--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cells: 4").contains("probes: 12 to score")
                .contains("model requests: 12").contains("characters / 4");
        assertThat(out).doesNotExist();
    }

    @Test
    void aRunWithoutZeroShotsGetsAReportThatSaysSoInsteadOfEmptyCharts() throws Exception {
        Path out = dir.resolve("k-only");
        CliRun r = CliRun.withSystemOut("eval", "--countries", "DEU", "--languages", "en", "--shots", "2",
                "--selectors", "chrf", "--questions", "Q46,Q57", "--output-path", out.toString(), "--cache",
                dir.resolve("cache.db").toString(), "--progress", "quiet", "--model-args", "n_threads=1");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html.split("The run has no 0-shot cells \\(shots: \\[2\\]\\)", -1)).hasSize(4);
    }

    @Test
    void countriesMayBeGivenByNameOrInAnyCaseAndAreRecordedAsCodes() {
        CliRun r = CliRun.withSystemOut("eval", "--countries", "Germany,nga", "--languages", "en", "--shots", "0",
                "--questions", "Q46", "--output-path", dir.resolve("names").toString(), "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("countries [DEU, NGA]");
        CliRun bad = CliRun.withSystemOut("eval", "--countries", "Germny", "--dry-run");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("culturalign: --countries: unknown country 'GERMNY' in bundled "
                + "WVS-7 sample; nearest: ");
    }

    @Test
    void badConfigurationsExitTwoWithOneLineAndLeaveNoFolder() throws Exception {
        Path out = dir.resolve("bad");
        Path garbage = dir.resolve("garbage.gguf");
        Files.writeString(garbage, "not a gguf file");
        List<String[]> cases = List.of(
                small(out, "--countries", "DEU,XYZ"),
                small(out, "--selectors", "chrff"),
                small(out, "--shots", "0,500"),
                small(out, "--model", "llamacpp:" + dir.resolve("missing.gguf")),
                small(out, "--model", "llamacpp:" + garbage),
                small(out, "--ceiling-splits", "-3"),
                small(out, "--fdr-q", "1.5"));
        List<String> expected = List.of("unknown country 'XYZ'", "chrff", "500 demonstrations", "missing.gguf",
                "garbage.gguf", "--ceiling-splits: expected 0 (no ceiling) to 100000, got -3",
                "--fdr-q: expected a false discovery rate between 0 and 1 (exclusive), got 1.5");
        for (int i = 0; i < cases.size(); i++) {
            CliRun r = CliRun.withSystemOut(cases.get(i));
            assertThat(r.code()).as(String.join(" ", cases.get(i)) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(expected.get(i));
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aChangedConfigInAFinishedRunFolderExitsTwoAndKeepsItsResults() throws Exception {
        Path out = dir.resolve("run");
        assertThat(CliRun.withSystemOut(small(out)).code()).isZero();
        String before = Files.readString(out.resolve("results.json"));
        CliRun r = CliRun.withSystemOut(small(out, "--seed", "99"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("different configuration").contains("seed 1234 -> 99").contains("--overwrite");
        assertThat(Files.readString(out.resolve("results.json"))).isEqualTo(before);
    }

    @Test
    void promptShowsExactlyThePromptEvalScoredForTheSameProbe() throws Exception {
        Path out = dir.resolve("run");
        assertThat(CliRun.withSystemOut(small(out, "--selectors", "random")).code()).isZero();
        JsonNode sample = null;
        for (String line : Files.readAllLines(out.resolve("samples.jsonl"))) {
            JsonNode s = new ObjectMapper().readTree(line);
            if (s.get("country").asText().equals("DEU") && s.get("shots").asInt() == 2
                    && s.get("questionId").asText().equals("Q46")) {
                sample = s;
            }
        }
        assertThat(sample).isNotNull();
        CliRun prompt = CliRun.of("prompt", "--question", "Q46", "--country", "DEU", "--language", "en", "--shots",
                "2", "--selector", "random");
        assertThat(prompt.code()).as(prompt.err()).isZero();
        String shown = prompt.out().substring(prompt.out().indexOf("-----\n") + 6,
                prompt.out().indexOf("\n----- continuations"));
        assertThat(shown).isEqualTo(sample.get("prompt").get("text").asText());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("excludeBattery").asBoolean()).isTrue();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("provenance").get("config").get("excludeBattery").asBoolean()).isTrue();
    }

    @Test
    void ownDataWithoutAQuestionSelectionUsesEveryQuestionOfTheData() throws Exception {
        Path data = dir.resolve("wvs.json");
        org.culturalign.survey.SurveyJson.write(org.culturalign.survey.BundledSample.load(), data);
        CliRun r = CliRun.withSystemOut("eval", "--data", data.toString(), "--countries", "DEU", "--languages", "en",
                "--shots", "0", "--dry-run", "--output-path", dir.resolve("own").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("questions: 105 ");
        CliRun limited = CliRun.withSystemOut("eval", "--countries", "DEU", "--languages", "en", "--shots", "0",
                "--limit", "0.1", "--dry-run", "--output-path", dir.resolve("demo").toString());
        assertThat(limited.code()).as(limited.err()).isZero();
        assertThat(limited.out()).contains("questions: 3 ");
    }

    @Test
    void fixedSelectorsTakeTheirCommaListOnTheCommandLineAndUnknownIdsAreNamed() {
        CliRun r = CliRun.withSystemOut(small(dir.resolve("fixed"), "--selectors", "chrf,fixed:Q1,Q8,random",
                "--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("selectors [chrf, fixed:Q1,Q8, random]").contains("cells: 8");
        CliRun bad = CliRun.withSystemOut(small(dir.resolve("bad"), "--selectors", "fixed:Q1,Q999"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("culturalign: --selectors fixed:Q1,Q999: unknown question Q999 in ");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    void anOutputPathUnderAFileExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        CliRun r = CliRun.withSystemOut(small(file.resolve("run")));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("culturalign: --output-path " + file.resolve("run")
                + ": cannot create the run folder: " + file + " is a file, not a folder");
        assertThat(dir.resolve("cache.db")).doesNotExist();
    }

    @Test
    void repeatedModelsAreOneModelAndZeroBootstrapResamplesIsRefused() {
        CliRun r = CliRun.withSystemOut(small(dir.resolve("twice"), "--model", "demo,demo", "--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("models [demo] x").contains("cells: 4");
        CliRun zero = CliRun.withSystemOut(small(dir.resolve("zero"), "--bootstrap-resamples", "0"));
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--bootstrap-resamples: at least 1000 needed, got 0");
    }

    @Test
    void theSummaryCountsScoredAndSkippedProbesSeparately() {
        Path out = dir.resolve("run");
        CliRun r = CliRun.withSystemOut(small(out));
        assertThat(r.out()).contains("culturalign: 12 probes scored, 0 skipped; this run scored 12 (");
        CliRun again = CliRun.withSystemOut(small(out));
        assertThat(again.out()).contains("holds this run with all 12 probes done; nothing to compute")
                .contains("culturalign: 12 probes scored, 0 skipped; this run scored 0 (0 model requests, 0 answers "
                        + "from the response cache), the rest were done before");
    }

    private static org.culturalign.run.EvalConfig resolved(String... args) {
        EvalCommand cmd = new EvalCommand();
        new picocli.CommandLine(cmd).parseArgs(args);
        return cmd.resolveConfig();
    }

    @Test
    void thePresetSetsThePapersGridAndEveryExplicitFlagOverridesItsValue() {
        org.culturalign.run.EvalConfig preset = resolved("--preset", "choenni-shutova-2024");
        assertThat(preset.formats()).containsExactly("binary");
        assertThat(preset.selectors()).containsExactly("random", "category", "chrf");
        assertThat(preset.shots()).containsExactly(0, 5);
        assertThat(preset.languages()).containsExactly("en", "de", "ru", "zh", "es");
        assertThat(preset.languagePairing()).isEqualTo("english-and-own");
        assertThat(preset.countries()).hasSize(10);
        assertThat(preset.questions()).isEqualTo(org.culturalign.run.EvalConfig.DEMO_QUESTIONS);

        org.culturalign.run.EvalConfig over = resolved("--preset", "choenni-shutova-2024", "--shots", "0,3",
                "--selectors", "chrf", "--formats", "full", "--countries", "Germany,THA", "--seed", "7",
                "--answer-mode", "sampled", "--persona", "on");
        assertThat(over.shots()).containsExactly(0, 3);
        assertThat(over.selectors()).containsExactly("chrf");
        assertThat(over.formats()).containsExactly("full");
        assertThat(over.countries()).containsExactly("DEU", "THA");
        // the languages follow the countries given: English, and German for DEU (no Thai texts in the sample)
        assertThat(over.languages()).containsExactly("en", "de");
        assertThat(over.seed()).isEqualTo(7);
        assertThat(over.answerMode()).isEqualTo("sampled");
        assertThat(over.persona()).containsExactly(true);
        assertThat(over.languagePairing()).isEqualTo("english-and-own");

        org.culturalign.run.EvalConfig langs = resolved("--preset", "choenni-shutova-2024", "--languages", "en,de",
                "--language-pairing", "all", "--model", "gemma-3-270m");
        assertThat(langs.languages()).containsExactly("en", "de");
        assertThat(langs.languagePairing()).isNull();
        // a real model gets every question of the data, as without the preset
        assertThat(langs.questions()).isEmpty();
    }

    @Test
    void aPresetRunWritesThePaperStyleTableAndBadPresetUseExitsTwo() throws Exception {
        Path out = dir.resolve("paper");
        CliRun r = CliRun.withSystemOut("eval", "--preset", "choenni-shutova-2024", "--countries", "DEU,NGA",
                "--questions", "Q46,Q57,Q164,Q1,Q8", "--shots", "0,2", "--output-path", out.toString(), "--cache",
                dir.resolve("cache.db").toString(), "--progress", "quiet", "--model-args", "n_threads=1");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        String md = Files.readString(out.resolve("paper_table.md"));
        assertThat(md).contains("## demo, format binary, k = 2")
                .contains("| country | language | S(0) | S(k) random | ΔS random [95% CI] | S(k) category |")
                .contains("| DEU | en |").contains("| DEU | de |").contains("| NGA | en |")
                .doesNotContain("| NGA | de |");
        List<String> csv = Files.readAllLines(out.resolve("paper_table.csv"));
        // DEU en, DEU de, NGA en x 3 selectors
        assertThat(csv).hasSize(1 + 3 * 3);
        assertThat(csv.get(0))
                .startsWith("model,format,persona,shots,country,language,selector,n,zero_shot,k_shot,gain");

        CliRun both = CliRun.withSystemOut("eval", "--preset", "choenni-shutova-2024", "--config",
                dir.resolve("x.yaml").toString(), "--dry-run");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--preset and --config: give one of them");
        CliRun unknown = CliRun.withSystemOut("eval", "--preset", "paper", "--dry-run");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).endsWith("presets: choenni-shutova-2024");
        CliRun pairing = CliRun.withSystemOut("eval", "--language-pairing", "own", "--dry-run");
        assertThat(pairing.code()).isEqualTo(2);
        assertThat(pairing.err()).contains("--language-pairing: expected all or english-and-own, got 'own'");
    }

    @Test
    void orderSeedsAddEachSelectorsShuffledOrdersAndTooManyAreRefused() {
        assertThat(resolved("--selectors", "chrf,random", "--order-seeds", "2").selectors()).containsExactly("chrf",
                "chrf@order1", "chrf@order2", "random", "random@order1", "random@order2");
        assertThat(resolved("--selectors", "fixed:Q1,Q8,chrf@order1").selectors())
                .containsExactly("fixed:Q1,Q8", "chrf@order1");
        CliRun bad = CliRun.withSystemOut("eval", "--order-seeds", "50", "--dry-run");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--order-seeds: expected 0 to 20 shuffled orders, got 50");
    }
}
