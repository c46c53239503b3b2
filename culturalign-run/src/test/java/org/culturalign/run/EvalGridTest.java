package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;

class EvalGridTest {

    static EvalConfig config(List<Integer> shots, List<String> selectors) {
        return new EvalConfig(List.of("demo"), Map.of(), null, List.of("deu", "NGA"), List.of("en"), shots, selectors,
                List.of("full"), List.of(false), null, List.of(), null, 7, null, null, null, 1000, null);
    }

    @Test
    void zeroShotsRunOnceWithSelectorNoneWhateverTheSelectors() {
        List<GridCell> cells = EvalGrid.cells(config(List.of(5, 0), List.of("chrf", "category")));
        assertThat(cells).extracting(GridCell::label).containsExactly(
                "DEU/en/0-shot/full", "DEU/en/5-shot chrf/full", "DEU/en/5-shot category/full",
                "NGA/en/0-shot/full", "NGA/en/5-shot chrf/full", "NGA/en/5-shot category/full");
        assertThat(cells.get(0).selector()).isEqualTo("none");
        assertThat(cells.get(1).zeroShot()).isEqualTo(cells.get(0));
    }

    @Test
    void theEmbeddedDefaultHasSixCountriesTwoLanguagesAndThreeCellsPerPair() {
        EvalConfig c = EvalConfig.embeddedDefault();
        assertThat(EvalGrid.cells(c)).hasSize(6 * 2 * 3);
        assertThat(c.shortDescription()).isEqualTo("demo-6c-2l");
    }

    @Test
    void shotsAboveZeroWithoutSelectorsAreRefused() {
        assertThatThrownBy(() -> config(List.of(0, 3), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--selectors");
    }

    @Test
    void theConfigHashIgnoresKeyOrderButNotValues() {
        EvalConfig a = config(List.of(0, 5), List.of("chrf"));
        EvalConfig b = config(List.of(5, 0), List.of("chrf"));
        EvalConfig c = config(List.of(0, 3), List.of("chrf"));
        assertThat(ConfigHash.of(a)).isEqualTo(ConfigHash.of(b)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(ConfigHash.of(a)).isNotEqualTo(ConfigHash.of(c));
    }

    @Test
    void aModelSlugNamesTheRunFolder() {
        EvalConfig c = new EvalConfig(List.of("llamacpp:/models/Qwen2.5-1.5B-Q4_K_M.gguf"), Map.of(), null,
                List.of("DEU"), List.of("en", "de"), List.of(0), List.of(), List.of("full"), null, null, null, null, 1,
                null, null, null, 1000, null);
        assertThat(c.shortDescription()).isEqualTo("qwen2.5-1.5b-q4-k-m-1c-2l");
    }
}
