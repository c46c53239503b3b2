package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.culturalign.probe.GeneratedAnswerParser.Kind;
import org.culturalign.probe.GeneratedAnswerParser.ParsedAnswer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeneratedAnswerParserTest {

    private final GeneratedAnswerParser english = new GeneratedAnswerParser(List.of("A", "B", "C", "D"),
            List.of("Very important", "Rather important", "Not very important", "Not at all important"));
    private final GeneratedAnswerParser german = new GeneratedAnswerParser(List.of("A", "B"),
            List.of("Stimme zu", "Stimme nicht zu"));
    private final GeneratedAnswerParser chinese = new GeneratedAnswerParser(List.of("A", "B", "C"),
            List.of("非常重要", "比较重要", "不重要"));
    private final GeneratedAnswerParser numbered = new GeneratedAnswerParser(
            List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), List.of());

    @ParameterizedTest(name = "\"{0}\" is option {1}")
    @CsvSource(delimiter = '|', value = {
            "B|1", "(B)|1", "B.|1", "b|1", "**B**|1", " B |1", "Answer: B|1", "The answer is (C)|2",
            "answer: d|3", "B) Rather important|1", "C. Not very important|2", "（B）|1",
            "My answer is A because family matters.|0"})
    void letterAnswersAreReadAsTheirOption(String answer, int option) {
        assertThat(english.parse(answer)).isEqualTo(new ParsedAnswer(Kind.OPTION, option));
    }

    @ParameterizedTest(name = "\"{0}\" is option {1}")
    @CsvSource(delimiter = '|', value = {"2|1", "10|9", "1.|0", "Answer: 10|9", "(7)|6", "Option 3|2"})
    void numberAnswersAreReadAsTheirOptionAndTenIsNotOne(String answer, int option) {
        assertThat(numbered.parse(answer)).isEqualTo(new ParsedAnswer(Kind.OPTION, option));
    }

    @Test
    void optionTextsAreMatchedAndTheLongestContainingTextWins() {
        assertThat(english.parse("I would say rather important.")).isEqualTo(new ParsedAnswer(Kind.OPTION, 1));
        assertThat(english.parse("Not at all important")).isEqualTo(new ParsedAnswer(Kind.OPTION, 3));
        assertThat(german.parse("Ich stimme nicht zu.")).isEqualTo(new ParsedAnswer(Kind.OPTION, 1));
        assertThat(german.parse("Antwort: A")).isEqualTo(new ParsedAnswer(Kind.OPTION, 0));
        assertThat(german.parse("Stimme zu")).isEqualTo(new ParsedAnswer(Kind.OPTION, 0));
        assertThat(chinese.parse("我认为比较重要。")).isEqualTo(new ParsedAnswer(Kind.OPTION, 1));
        assertThat(chinese.parse("答案：C")).isEqualTo(new ParsedAnswer(Kind.OPTION, 2));
        assertThat(chinese.parse("我选B")).isEqualTo(new ParsedAnswer(Kind.OPTION, 1));
    }

    @ParameterizedTest(name = "\"{0}\" is a refusal")
    @CsvSource(delimiter = '|', value = {
            "As an AI I cannot hold opinions on religion.", "I don't have personal opinions. A or B both...",
            "As a language model, I cannot answer (B) or (C).", "Als KI habe ich keine Meinung.",
            "Ich kann keine persönliche Meinung äußern.", "作为一个人工智能，我没有个人观点。"})
    void refusalsAreCountedAsRefusalsEvenWhenTheyMentionOptions(String answer) {
        GeneratedAnswerParser parser = answer.startsWith("作为") ? chinese
                : answer.matches(".*[äöü]|Als.*|Ich.*") ? german : english;
        assertThat(parser.parse(answer).kind()).isEqualTo(Kind.REFUSAL);
    }

    @ParameterizedTest(name = "\"{0}\" is unparseable")
    @CsvSource(delimiter = '|', value = {"Hmm, hard to say.", "''", "Very important or rather important",
            "E", "Both matter to me."})
    void answersNamingNoOptionOrSeveralAreUnparseable(String answer) {
        assertThat(english.parse(answer)).isEqualTo(new ParsedAnswer(Kind.UNPARSEABLE, -1));
    }

    @Test
    void labelsMustBeDistinctAndTextsMatchThem() {
        assertThatThrownBy(() -> new GeneratedAnswerParser(List.of("A", "A"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new GeneratedAnswerParser(List.of("A", "B"), List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("got 2 labels but 1 texts");
    }
}
