package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled texts' instructions describe the scale, never the answer format: every probe format labels the options
 * itself (A..J, or 1..10 in the numeric format) and adds its own answer instruction, so "answer with a number"
 * would contradict lettered labels.
 */
class BundledInstructionsTest {
    /** Per language, the phrasings of an answer-format instruction (how the catalog once worded it, and kin). */
    private static final Map<String, Pattern> ANSWER_FORMAT = Map.of(
            "en", Pattern.compile("(?iU)\\b(answer|respond|reply)\\s+(with|using|by)\\b|\\b(a|one)\\s+(number|digit)\\s+"
                    + "(from|between)\\b"),
            "de", Pattern.compile("(?iU)\\bantworte(n Sie)?\\b|\\bmit einer (Zahl|Ziffer)\\b"),
            "es", Pattern.compile("(?iU)\\brespond[ae]\\b|\\bcon un (número|dígito)\\b"),
            "ru", Pattern.compile("(?iU)\\bответь(те)?\\b|\\b(числом|цифрой)\\b"),
            "zh", Pattern.compile("请用|作答|回答"));

    /** The instructions as they read before they were reworded; each pattern must catch its own language's. */
    private static final Map<String, String> FORMER_WORDING = Map.of(
            "en", "Answer with a number from 1 to 10, where 1 means left and 10 means right.",
            "de", "Antworten Sie mit einer Zahl von 1 bis 10; 1 bedeutet „links“, 10 bedeutet „rechts“.",
            "es", "Responda con un número del 1 al 10, donde 1 significa «izquierda» y 10 significa «derecha».",
            "ru", "Ответьте числом от 1 до 10, где 1 означает «левые», а 10 — «правые».",
            "zh", "请用1到10之间的数字回答：1表示“左”，10表示“右”。");

    private final SurveyData data = BundledSample.load();

    @Test
    void thePatternsCatchTheFormerAnswerWithANumberWordingInEachLanguage() {
        FORMER_WORDING.forEach((lang, sentence) ->
                assertThat(ANSWER_FORMAT.get(lang).matcher(sentence).find()).as(lang).isTrue());
    }

    @Test
    void noBundledInstructionInAnyLanguageTellsTheRespondentHowToAnswer() {
        assertThat(data.languages()).containsExactlyInAnyOrderElementsOf(ANSWER_FORMAT.keySet());
        List<String> offending = new ArrayList<>();
        for (Question q : data.questions()) {
            for (String lang : q.languages()) {
                String instruction = q.text(lang).orElseThrow().instruction();
                if (ANSWER_FORMAT.get(lang).matcher(instruction).find()) {
                    offending.add(q.id() + " " + lang + ": " + instruction);
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void everyTenPointItemDescribesItsPolesInEveryLanguage() {
        for (Question q : data.questions()) {
            if (q.scale().size() != 10) {
                continue;
            }
            for (String lang : q.languages()) {
                QuestionText t = q.text(lang).orElseThrow();
                assertThat(t.instruction()).as(q.id() + " " + lang).contains("1").contains("10");
            }
        }
        assertThat(data.requireQuestion("Q49").text("de").orElseThrow().instruction())
                .isEqualTo("Auf dieser Skala bedeutet 1 „völlig unzufrieden“ und 10 „völlig zufrieden“.");
        assertThat(data.requireQuestion("Q240").text("zh").orElseThrow().instruction())
                .isEqualTo("在这个量表中，1表示“左”，10表示“右”。");
    }
}
