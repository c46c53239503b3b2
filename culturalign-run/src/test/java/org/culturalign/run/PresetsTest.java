package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {
    @Test
    void thePapersPresetIsBinaryProbesThreeSelectorsZeroAndFiveShotsEnglishAndEachCountrysLanguage() {
        EvalConfig c = Presets.base("choenni-shutova-2024");
        assertThat(c.formats()).containsExactly("binary");
        assertThat(c.selectors()).containsExactly("random", "category", "chrf");
        assertThat(c.shots()).containsExactly(0, 5);
        assertThat(c.answerMode()).isEqualTo("majority");
        assertThat(c.persona()).containsExactly(false);
        assertThat(c.languagePairing()).isEqualTo(EvalConfig.PAIRING_ENGLISH_AND_OWN);
        // the bundled sample has en, de, es, ru, zh: THA (th), IND (hi), ETH (am), BRA (pt) get English only
        assertThat(c.languages()).containsExactly("en", "de", "ru", "zh", "es");
        // pairs: USA en; DEU en de; RUS en ru; CHN en zh; MEX en es; THA IND NGA ETH BRA en: 14; cells 1 + 3 each
        List<GridCell> cells = EvalGrid.cells(c);
        assertThat(cells).hasSize(14 * 4);
        assertThat(cells.stream().filter(x -> x.country().equals("DEU")).map(GridCell::language).distinct())
                .containsExactly("en", "de");
        assertThat(cells.stream().filter(x -> x.country().equals("THA")).map(GridCell::language).distinct())
                .containsExactly("en");
        assertThat(cells.stream().filter(x -> x.language().equals("zh")).map(GridCell::country).distinct())
                .containsExactly("CHN");
    }

    @Test
    void languagesFollowTheCountriesAndTheData() {
        assertThat(Presets.languagesFor(List.of("MEX", "DEU", "USA", "ARG"), Set.of("en", "de", "es")))
                .containsExactly("en", "es", "de");
        assertThat(Presets.languagesFor(List.of("THA", "bra"), Set.of("en", "de"))).containsExactly("en");
        assertThat(Presets.languagesFor(List.of("BRA"), null)).containsExactly("en", "pt");
    }

    @Test
    void anUnknownPresetIsOneLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> Presets.base("choenni-shutova-2023")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--preset: unknown preset 'choenni-shutova-2023'; presets: choenni-shutova-2024"
                        + "; did you mean choenni-shutova-2024?");
    }

    @Test
    void withoutAPairingTheConfigJsonAndHashAreWhatTheyWereBeforePairingsExisted() {
        EvalConfig plain = EvalConfig.embeddedDefault();
        assertThat(ConfigFiles.canonicalJson(plain)).doesNotContain("languagePairing");
        EvalConfig all = new EvalConfig(plain.models(), plain.modelArgs(), plain.data(), plain.countries(),
                plain.languages(), plain.shots(), plain.selectors(), plain.formats(), plain.persona(), plain.category(),
                plain.questions(), plain.limit(), plain.seed(), plain.answerMode(), plain.template(), plain.target(),
                plain.bootstrapResamples(), plain.excludeBattery(), "all");
        assertThat(ConfigHash.of(all)).isEqualTo(ConfigHash.of(plain));
        assertThat(ConfigFiles.canonicalJson(Presets.base("choenni-shutova-2024")))
                .contains("\"languagePairing\":\"english-and-own\"");
        assertThatThrownBy(() -> new EvalConfig(plain.models(), plain.modelArgs(), plain.data(), plain.countries(),
                plain.languages(), plain.shots(), plain.selectors(), plain.formats(), plain.persona(), plain.category(),
                plain.questions(), plain.limit(), plain.seed(), plain.answerMode(), plain.template(), plain.target(),
                plain.bootstrapResamples(), plain.excludeBattery(), "own")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--language-pairing: expected all or english-and-own, got 'own'");
    }

    @Test
    void aConfigFileMaySetThePairing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("grid.yaml");
        Files.writeString(f, "countries: [DEU, USA]\nlanguages: [en, de]\nlanguagePairing: english-and-own\n");
        EvalConfig c = ConfigFiles.read(f);
        assertThat(EvalGrid.cells(c)).extracting(GridCell::label).containsExactly(
                "DEU/en/0-shot/full", "DEU/en/5-shot chrf/full", "DEU/en/5-shot category/full",
                "DEU/de/0-shot/full", "DEU/de/5-shot chrf/full", "DEU/de/5-shot category/full",
                "USA/en/0-shot/full", "USA/en/5-shot chrf/full", "USA/en/5-shot category/full");
        // the saved config.json reads back to the same config
        assertThat(ConfigFiles.fromJson(ConfigFiles.prettyJson(c))).isEqualTo(c);
    }
}
