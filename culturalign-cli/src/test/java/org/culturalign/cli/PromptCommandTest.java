package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code culturalign prompt} on the bundled WVS-7 sample. */
class PromptCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void printsTheExactGermanCompletionPromptEndingAtTheAnswerStemAndTheScoredContinuations() {
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--language", "de", "--shots", "3",
                "--selector", "chrf")).isZero();
        assertThat(out).contains("""
                Frage: Alles in allem: Wie glücklich sind Sie?
                A. Sehr glücklich
                B. Ziemlich glücklich
                C. Nicht sehr glücklich
                D. Überhaupt nicht glücklich
                Antwort:
                ----- continuations scored (JSON strings, in shown order) -----
                " A"  -> codes [1] (Sehr glücklich)
                " B"  -> codes [2] (Ziemlich glücklich)
                " C"  -> codes [3] (Nicht sehr glücklich)
                " D"  -> codes [4] (Überhaupt nicht glücklich)
                """);
        List<String> demoLines = out.lines().filter(l -> l.matches("#   Q\\w+ -> [A-Z]  \\(code \\d+: .+\\)"))
                .toList();
        assertThat(demoLines).hasSize(3);
        // every demonstration appears in the prompt, answered with the label shown in the header
        for (String line : demoLines) {
            String label = line.replaceAll("#   \\S+ -> ([A-Z]) .*", "$1");
            assertThat(out).contains("Antwort: " + label + "\n\nFrage:");
        }
    }

    @Test
    void chatPromptsArePrintedAsJsonMessagesWithThePersonaAsSystemMessage() throws Exception {
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--language", "ru", "--shots", "2",
                "--selector", "category", "--format", "binary", "--persona", "--chat-multi-turn")).isZero();
        String json = out.substring(out.indexOf("{\n"), out.indexOf("\n}") + 2);
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("assistant_prefix").asText()).isEqualTo("Ответ:");
        JsonNode messages = root.get("messages");
        assertThat(messages).hasSize(1 + 2 * 2 + 1);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo(
                "Ответьте на следующие вопросы так, как ответил бы типичный житель этой страны: Германия.");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(2).get("content").asText()).matches("Ответ: [AB]");
        assertThat(out).contains("\" A\"  -> codes [1, 2]").contains("\" B\"  -> codes [3, 4]");
    }

    @Test
    void badNamesExitWithCodeTwoAndOneClearLine() {
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--shots", "2", "--selector", "chfr"))
                .isEqualTo(2);
        assertThat(err.strip()).isEqualTo("culturalign: unknown demonstration selector 'chfr'; expected one of "
                + "random, category, chrf, fixed:Q1,Q2,..., embedding; did you mean chrf?");
        assertThat(run("prompt", "--question", "Q9999", "--country", "DEU")).isEqualTo(2);
        assertThat(err).startsWith("culturalign: unknown question 'Q9999' in ");
        assertThat(run("prompt", "--question", "Q46", "--country", "XXX")).isEqualTo(2);
        assertThat(err).startsWith("culturalign: unknown country 'XXX' in ");
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--format", "bin")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("culturalign: --format: unknown probe format 'bin'; expected one of "
                + "full, binary, reversed, shuffled, numeric");
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--language", "fr")).isEqualTo(2);
        assertThat(err).startsWith("culturalign: no texts in language 'fr' in ");
        assertThat(run("prompt", "--question", "Q154", "--country", "DEU", "--format", "binary")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("culturalign: no probe: Q154 has a nominal scale: no binary form");
        assertThat(run("prompt", "--question", "Q46", "--country", "DEU", "--shots", "2", "--selector",
                "fixed:Q46,Q47")).isEqualTo(2);
        assertThat(err).contains("Q46 is the test question itself");
    }
}
