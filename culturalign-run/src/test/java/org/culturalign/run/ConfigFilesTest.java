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
        assertThat(c.limit()).isEqualTo(10);
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
}
