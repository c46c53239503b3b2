package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
    @TempDir
    Path dir;

    @Test
    void aSchemaOneFileKeptAsAFixtureStaysReadable() throws Exception {
        Path fixture = Path.of(ResultsReaderTest.class.getResource("results-v1.json").toURI());
        ResultsDocument doc = ResultsReader.read(fixture);
        assertThat(doc.schema()).isEqualTo("culturalign.results/1");
        assertThat(doc.demoModel()).isTrue();
        assertThat(doc.cells()).hasSize(2);
        assertThat(doc.cells().get(1).metrics().get("similarity").mean()).isEqualTo(0.8);
        assertThat(doc.cells().get(0).selector()).isEqualTo("none");
        assertThat(doc.cells().get(0).baselines().get("global").get("similarity")).isEqualTo(0.9);
        assertThat(doc.iclGains().get(0).estimate()).isEqualTo(0.1);
        assertThat(doc.significance().get(0).pValue()).isEqualTo(0.5);
        assertThat(doc.provenance().get("models").get(0).get("digest").asText()).isEqualTo("sha256:00aa");
        assertThat(doc.counts().probesScored()).isEqualTo(4);
    }

    @Test
    void writingWhatWasReadGivesTheSameDocument() throws Exception {
        Path fixture = Path.of(ResultsReaderTest.class.getResource("results-v1.json").toURI());
        ResultsDocument doc = ResultsReader.read(fixture);
        Path copy = dir.resolve("results.json");
        Files.writeString(copy, ResultsWriter.pretty(doc));
        assertThat(ResultsReader.read(copy)).isEqualTo(doc);
    }

    @Test
    void aNewerSchemaIsRefusedWithAClearMessage() throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"schema\": \"culturalign.results/2\"}");
        assertThatThrownBy(() -> ResultsReader.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("newer than this culturalign reads");
        Files.writeString(f, "{\"cells\": []}");
        assertThatThrownBy(() -> ResultsReader.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is this a culturalign results.json?");
    }
}
