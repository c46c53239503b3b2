package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void aYamlFileOverridesTheEmbeddedDefaultKeyByKey() throws Exception {
        Path f = dir.resolve("grid.yaml");
        Files.writeString(f, "countries: [DEU, nga]\nshots: [0, 3]\nselectors: [random]\nlimit: 10\nseed: 99\n");
        EvalConfig c = ConfigFiles.read(f);
        assertThat(c.countries()).containsExactly("DEU", "NGA");
        assertThat(c.shots()).containsExactly(0, 3);
        assertThat(c.selectors()).containsExactly("random");
        assertThat(c.limit()).isEqualTo(10.0);
        assertThat(c.seed()).isEqualTo(99);
        assertThat(c.languages()).containsExactly("en", "de");
        assertThat(c.models()).containsExactly("demo");
    }

    @Test
    void theSavedConfigJsonReadsBackToTheSameConfigAndHash() throws Exception {
        EvalConfig c = EvalConfig.embeddedDefault();
        Path f = dir.resolve("config.json");
        Files.writeString(f, ConfigFiles.prettyJson(c));
        EvalConfig back = ConfigFiles.read(f);
        assertThat(back).isEqualTo(c);
        assertThat(ConfigHash.of(back)).isEqualTo(ConfigHash.of(c));
    }

    @Test
    void anUnknownKeyIsOneClearLineNamingTheFileAndTheKnownKeys() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"contries\": [\"DEU\"]}");
        assertThatThrownBy(() -> ConfigFiles.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("unknown key 'contries'")
                .hasMessageContaining("countries").hasMessageNotContaining("\n");
    }

    @Test
    void aValueRefusedByTheConfigIsReportedWithTheFile() throws Exception {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, "shots: [-1]\n");
        assertThatThrownBy(() -> ConfigFiles.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + f + ": --shots: the number of demonstrations must be >= 0, got -1");
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, "countries: [DEU\nshots: 0\n");
        assertThatThrownBy(() -> ConfigFiles.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.yaml: not valid YAML at line");
        assertThat(List.of(f)).isNotEmpty();
    }

    @Test
    void theShortDemoQuestionSetAppliesOnlyToTheDemoModelWithoutFilters() throws Exception {
        Path demo = dir.resolve("demo.yaml");
        Files.writeString(demo, "countries: [DEU]\n");
        assertThat(ConfigFiles.read(demo).questions()).isEqualTo(EvalConfig.DEMO_QUESTIONS);
        Path real = dir.resolve("real.yaml");
        Files.writeString(real, "models: [\"llamacpp:/m/q.gguf\"]\n");
        assertThat(ConfigFiles.read(real).questions()).isEmpty();
        Path limited = dir.resolve("limited.yaml");
        Files.writeString(limited, "limit: 5\n");
        assertThat(ConfigFiles.read(limited).questions()).isEqualTo(EvalConfig.DEMO_QUESTIONS);
        Path ownData = dir.resolve("data.yaml");
        Files.writeString(ownData, "data: wvs.json\n");
        assertThat(ConfigFiles.read(ownData).questions()).isEmpty();
        Path listed = dir.resolve("listed.yaml");
        Files.writeString(listed, "models: [\"llamacpp:/m/q.gguf\"]\nquestions: [Q46]\n");
        assertThat(ConfigFiles.read(listed).questions()).containsExactly("Q46");
    }

    @Test
    void personaTakesTheCommandLineWordsOnOffAndBoth() throws Exception {
        Path on = dir.resolve("on.yaml");
        Files.writeString(on, "persona: on\n");
        assertThat(ConfigFiles.read(on).persona()).containsExactly(true);
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, "persona: off\n");
        assertThat(ConfigFiles.read(off).persona()).containsExactly(false);
        Path both = dir.resolve("both.json");
        Files.writeString(both, "{\"persona\": \"both\"}");
        assertThat(ConfigFiles.read(both).persona()).containsExactly(false, true);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "persona: sometimes\n");
        assertThatThrownBy(() -> ConfigFiles.read(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + bad + ": key 'persona': expected off, on or both, got 'sometimes'");
    }

    @Test
    void aSingleValueWhereAListIsExpectedIsAListOfOne() throws Exception {
        Path f = dir.resolve("scalars.yaml");
        Files.writeString(f, "countries: DEU\nshots: 5\nselectors: chrf\nlanguages: de\n");
        EvalConfig c = ConfigFiles.read(f);
        assertThat(c.countries()).containsExactly("DEU");
        assertThat(c.shots()).containsExactly(5);
        assertThat(c.selectors()).containsExactly("chrf");
        assertThat(c.languages()).containsExactly("de");
        Path commas = dir.resolve("commas.yaml");
        Files.writeString(commas, "countries: DEU, NGA\nshots: 0,5\nselectors: chrf,fixed:Q1,Q2\n");
        EvalConfig d = ConfigFiles.read(commas);
        assertThat(d.countries()).containsExactly("DEU", "NGA");
        assertThat(d.shots()).containsExactly(0, 5);
        assertThat(d.selectors()).containsExactly("chrf", "fixed:Q1,Q2");
    }

    @Test
    void norwayStaysNoInsteadOfBecomingFalse() throws Exception {
        Path f = dir.resolve("nordic.yaml");
        Files.writeString(f, "countries: [NO, SE, DEU]\nexcludeBattery: no\n");
        EvalConfig c = ConfigFiles.read(f);
        assertThat(c.countries()).containsExactly("NO", "SE", "DEU");
        assertThat(c.excludeBattery()).isFalse();
        Path scalar = dir.resolve("norway.yaml");
        Files.writeString(scalar, "countries: NO\n");
        assertThat(ConfigFiles.read(scalar).countries()).containsExactly("NO");
    }

    @Test
    void aValueOfTheWrongKindIsOneLineNamingFileKeyAndExpectationWithoutJacksonInternals() throws Exception {
        Path shots = dir.resolve("shots.yaml");
        Files.writeString(shots, "shots: five\n");
        assertThatThrownBy(() -> ConfigFiles.read(shots)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + shots + ": key 'shots': expected a whole number >= 0 or a list of them, "
                        + "e.g. [0, 5], got 'five'");
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"seed\": [1, 2]}");
        assertThatThrownBy(() -> ConfigFiles.read(seed)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + seed + ": key 'seed': expected a whole number, got [1,2]");
        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, "countries:\n  first: DEU\n");
        assertThatThrownBy(() -> ConfigFiles.read(nested)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + nested + ": key 'countries': expected a name or a list of names, "
                        + "e.g. [DEU, NGA], got {\"first\":\"DEU\"}");
        Path args = dir.resolve("args.yaml");
        Files.writeString(args, "modelArgs: n_ctx=2048\n");
        assertThatThrownBy(() -> ConfigFiles.read(args)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--config " + args + ": key 'modelArgs': expected a mapping")
                .hasMessageNotContaining("java.").hasMessageNotContaining("Cannot deserialize");
    }

    @Test
    void aFractionalLimitReadsBackAndAWholeLimitIsWrittenAsAnInteger() throws Exception {
        Path f = dir.resolve("fraction.yaml");
        Files.writeString(f, "limit: 0.25\n");
        assertThat(ConfigFiles.read(f).limit()).isEqualTo(0.25);
        Path whole = dir.resolve("whole.yaml");
        Files.writeString(whole, "limit: 10\n");
        assertThat(ConfigFiles.canonicalJson(ConfigFiles.read(whole))).contains("\"limit\":10,");
    }
}
