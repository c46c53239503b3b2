package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.Demonstrations;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact prompt of every format x template x persona in English and Chinese, two demonstrations each (Q1 and Q57
 * with the country's majority answers, test item Q46), against reviewed golden files in
 * src/test/resources/golden/probes/. After a deliberate layout change, regenerate with
 * {@code -Dculturalign.golden.update=true} and review the diff.
 */
class ProbeGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/probes");

    static Stream<Arguments> grid() {
        return Stream.of("en", "zh").flatMap(lang -> Stream.of(ProbeFormat.values())
                .map(f -> Arguments.of(lang, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("grid")
    void everyTemplateAndPersonaSettingRendersExactlyAsReviewed(String lang, ProbeFormat format) throws IOException {
        SurveyData data = Fixtures.data();
        Country country = lang.equals("en") ? Fixtures.DEU : Fixtures.CHN;
        var demos = Demonstrations.answers(data, country, List.of("Q1", "Q57"), AnswerMode.MAJORITY, 0);
        StringBuilder out = new StringBuilder();
        for (PromptTemplate template : PromptTemplate.values()) {
            for (boolean persona : List.of(false, true)) {
                ProbeSpec spec = new ProbeSpec(lang, format, persona, template, ScoredTarget.LABELS, 0);
                Probe p = ProbeFactory.build(data, data.requireQuestion("Q46"), country, spec, demos).orElseThrow();
                out.append("=== ").append(template.cliName()).append(persona ? " persona" : " no-persona")
                        .append('\n').append(render(p)).append('\n');
            }
        }
        Path file = DIR.resolve(lang + "-" + format.cliName() + ".txt");
        if (Boolean.getBoolean("culturalign.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    static String render(Probe p) {
        StringBuilder b = new StringBuilder();
        if (p.prompt() instanceof TextPrompt t) {
            b.append(t.text()).append("\u2038\n");
        } else {
            ChatPrompt c = (ChatPrompt) p.prompt();
            for (ChatMessage m : c.messages()) {
                b.append("[").append(m.role().wireName()).append("]\n").append(m.content()).append('\n');
            }
            b.append("[assistant prefix]\n").append(c.assistantPrefix()).append("\u2038\n");
        }
        b.append("--- continuations ");
        p.continuations().forEach(c -> b.append('"').append(c).append("\" "));
        b.append("codes ").append(p.continuationCodes()).append('\n');
        return b.toString();
    }
}
