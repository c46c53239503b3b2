package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.culturalign.probe.Fixtures.CHN;
import static org.culturalign.probe.Fixtures.DEU;

import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.Demonstration;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

/** Hand-written exact prompts (written before the code ran); the full grid is in {@link ProbeGoldenTest}. */
class ProbeFactoryTest {
    private final SurveyData data = Fixtures.data();

    private Probe build(String qid, org.culturalign.survey.Country c, ProbeSpec spec, Demonstration... demos) {
        return ProbeFactory.build(data, data.requireQuestion(qid), c, spec, List.of(demos)).orElseThrow();
    }

    @Test
    void englishFullCompletionWithPersonaEndsAtTheAnswerStemAndScoresSpacedLetters() {
        Probe p = build("Q46", DEU, new ProbeSpec("en", ProbeFormat.FULL, true, PromptTemplate.COMPLETION,
                ScoredTarget.LABELS, 0), new Demonstration("Q1", 1), new Demonstration("Q57", 2));
        assertThat(((TextPrompt) p.prompt()).text()).isEqualTo("""
                Answer the following questions as a typical person from Germany would.

                Question: How important is family in your life?
                A. Very important
                B. Rather important
                C. Not very important
                D. Not at all important
                Answer: A

                Question: Generally speaking, can most people be trusted?
                A. Most people can be trusted
                B. Need to be very careful
                Answer: B

                Question: Taking all things together, are you happy?
                A. Very happy
                B. Rather happy
                C. Not very happy
                D. Not at all happy
                Answer:""");
        assertThat(p.continuations()).containsExactly(" A", " B", " C", " D");
        assertThat(p.continuationCodes()).containsExactly(List.of(1), List.of(2), List.of(3), List.of(4));
        assertThat(p.demonstrationAnswers()).containsExactly("A", "B");
        assertThat(p.targetScale()).isEqualTo(data.requireQuestion("Q46").scale());
    }

    @Test
    void chineseBinaryMultiTurnChatShowsPolesAndAnswersAMiddleDemonstrationWithTheMajorityPole() {
        // CHN Q94 (0, 1, 2) has shares 0.1 / 0.8 / 0.1: answer code 1 is the dropped middle; the poles tie at
        // 0.5 / 0.5, so the low pole (A) is shown. Q1 code 3 lies in the high pole {3, 4} (B).
        Probe p = build("Q46", CHN, new ProbeSpec("zh", ProbeFormat.BINARY, true, PromptTemplate.CHAT_MULTI_TURN,
                ScoredTarget.LABELS, 0), new Demonstration("Q94", 1), new Demonstration("Q1", 3));
        ChatPrompt chat = (ChatPrompt) p.prompt();
        assertThat(chat.messages()).containsExactly(
                new ChatMessage(ChatMessage.Role.SYSTEM, "请以一位来自中国的典型人士的身份回答以下问题。"),
                new ChatMessage(ChatMessage.Role.USER, "问题：您是宗教组织的成员吗？\nA. 不是成员\nB. 活跃的成员\n\n只用一个选项的字母作答。"),
                new ChatMessage(ChatMessage.Role.ASSISTANT, "答案：A"),
                new ChatMessage(ChatMessage.Role.USER, "问题：家庭在您生活中有多重要？\nA. 非常重要\nB. 完全不重要\n\n只用一个选项的字母作答。"),
                new ChatMessage(ChatMessage.Role.ASSISTANT, "答案：B"),
                new ChatMessage(ChatMessage.Role.USER,
                        "问题：总的来说，您觉得自己幸福吗？\nA. 非常幸福\nB. 一点也不幸福\n\n只用一个选项的字母作答。"));
        assertThat(chat.assistantPrefix()).isEqualTo("答案：");
        assertThat(p.continuations()).containsExactly("A", "B");
        assertThat(p.continuationCodes()).containsExactly(List.of(1, 2), List.of(3, 4));
        // CHN Q46 = 0.25 / 0.55 / 0.15 / 0.05: low pole 0.80, high pole 0.20
        assertThat(p.humanInTargetOrder(data.distribution(CHN, "Q46").orElseThrow()))
                .containsExactly(new double[] {0.80, 0.20}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.targetScale().codes()).containsExactly(1, 2);
    }

    @Test
    void reversedOneTurnChatScoringTextsMapsProbabilitiesBackToScaleOrder() {
        Probe p = build("Q57", DEU, new ProbeSpec("en", ProbeFormat.REVERSED, false, PromptTemplate.CHAT_ONE_TURN,
                ScoredTarget.TEXTS, 0), new Demonstration("Q2", 2));
        ChatPrompt chat = (ChatPrompt) p.prompt();
        assertThat(chat.messages()).containsExactly(new ChatMessage(ChatMessage.Role.USER, """
                Question: How important are friends in your life?
                A. Not at all important
                B. Not very important
                C. Rather important
                D. Very important
                Answer: Rather important

                Question: Generally speaking, can most people be trusted?
                A. Need to be very careful
                B. Most people can be trusted

                Answer with the text of one option only."""));
        assertThat(chat.assistantPrefix()).isEqualTo("Answer:");
        assertThat(p.continuations()).containsExactly(" Need to be very careful", " Most people can be trusted");
        assertThat(p.modelInTargetOrder(AnswerDistribution.fromLogprobs(
                new double[] {Math.log(0.7), Math.log(0.3)}))).containsExactly(
                new double[] {0.3, 0.7}, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void numericLabelsKeepTheTextsInstructionAndBinaryDropsIt() {
        Probe numeric = build("Q164", DEU, new ProbeSpec("en", ProbeFormat.NUMERIC, false,
                PromptTemplate.COMPLETION, ScoredTarget.LABELS, 0));
        assertThat(((TextPrompt) numeric.prompt()).text()).isEqualTo("""
                Question: How important is God in your life?
                1 means not at all important, 10 very important.
                1. Not at all important
                2. 2
                3. 3
                4. 4
                5. 5
                6. 6
                7. 7
                8. 8
                9. 9
                10. Very important
                Answer:""");
        assertThat(numeric.continuations()).containsExactly(" 1", " 2", " 3", " 4", " 5", " 6", " 7", " 8", " 9",
                " 10");
        Probe binary = build("Q164", DEU, new ProbeSpec("en", ProbeFormat.BINARY, false,
                PromptTemplate.COMPLETION, ScoredTarget.LABELS, 0));
        assertThat(((TextPrompt) binary.prompt()).text()).isEqualTo("""
                Question: How important is God in your life?
                A. Not at all important
                B. Very important
                Answer:""");
        // DEU Q164: codes 1-5 hold 0.20+0.05+0.05+0.05+0.10 = 0.45, codes 6-10 hold 0.55
        assertThat(binary.humanInTargetOrder(data.distribution(DEU, "Q164").orElseThrow()))
                .containsExactly(new double[] {0.45, 0.55}, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shuffledOrderIsASeededPermutationThatMapsBackToTheScale() {
        ProbeSpec spec = new ProbeSpec("en", ProbeFormat.SHUFFLED, false, PromptTemplate.COMPLETION,
                ScoredTarget.LABELS, 7);
        Probe a = build("Q164", DEU, spec);
        Probe b = build("Q164", DEU, spec);
        assertThat(a.continuationCodes()).isEqualTo(b.continuationCodes());
        List<Integer> shownCodes = a.continuationCodes().stream().map(c -> c.get(0)).toList();
        assertThat(shownCodes).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
                .isNotEqualTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        Probe other = build("Q164", DEU, new ProbeSpec("en", ProbeFormat.SHUFFLED, false,
                PromptTemplate.COMPLETION, ScoredTarget.LABELS, 8));
        assertThat(other.continuationCodes()).isNotEqualTo(a.continuationCodes());
        // a model that puts probability 0.1*(position+1)/5.5 on the shown option whose code is position+1 ...
        double[] logprobs = new double[10];
        for (int i = 0; i < 10; i++) {
            logprobs[i] = Math.log(shownCodes.get(i) / 55.0);
        }
        double[] inScaleOrder = a.modelInTargetOrder(AnswerDistribution.fromLogprobs(logprobs));
        for (int code = 1; code <= 10; code++) {
            assertThat(inScaleOrder[code - 1]).isCloseTo(code / 55.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void probesThatDoNotApplySayWhy() {
        ProbeSpec binaryEn = new ProbeSpec("en", ProbeFormat.BINARY, false, PromptTemplate.COMPLETION,
                ScoredTarget.LABELS, 0);
        assertThat(ProbeFactory.build(data, data.requireQuestion("Q223"), DEU, binaryEn, List.of())).isEmpty();
        assertThat(ProbeFactory.whyNot(data, data.requireQuestion("Q223"), DEU, binaryEn))
                .contains("Q223 has a nominal scale: no binary form");
        assertThat(ProbeFactory.whyNot(data, data.requireQuestion("Q164"), DEU, ProbeSpec.defaults("zh")))
                .contains("Q164 has no text in 'zh' (it has en)");
        assertThat(ProbeFactory.whyNot(data, data.requireQuestion("Q1"), DEU, ProbeSpec.defaults("fr")))
                .contains("no probe wording for language 'fr' (add org/culturalign/probe/texts/fr.properties)");
        assertThat(ProbeFactory.whyNot(data, data.requireQuestion("Q1"), DEU, ProbeSpec.defaults("en"))).isEmpty();
    }

    @Test
    void aDemonstrationOfTheTestQuestionItselfIsRefused() {
        assertThatThrownBy(() -> build("Q46", DEU, ProbeSpec.defaults("en"), new Demonstration("Q46", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is the test question itself");
        assertThatThrownBy(() -> build("Q46", DEU, ProbeSpec.defaults("en"), new Demonstration("Q1", 9)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("demonstration Q1 answer code 9 is not on its scale [1, 2, 3, 4]");
    }

    @Test
    void everyCatalogLanguageHasProbeWording() {
        for (String lang : List.of("en", "de", "es", "ru", "zh")) {
            ProbeTexts t = ProbeTexts.forLanguage(lang).orElseThrow();
            assertThat(t.persona()).contains("{country}");
            assertThat(List.of(t.question(), t.answer(), t.letterInstruction(), t.numberInstruction(),
                    t.textInstruction())).allSatisfy(s -> assertThat(s).isNotBlank());
        }
        assertThat(ProbeTexts.forLanguage("de").orElseThrow().personaFor(
                CountryNames.name(data, new org.culturalign.survey.Country("TUR"), "de")))
                .isEqualTo("Beantworte die folgenden Fragen so, wie es eine typische Person aus diesem Land "
                        + "täte: Türkei.");
        assertThat(CountryNames.name(data, DEU, "ru")).isEqualTo("Германия");
    }

    @Test
    void englishPersonaNamesTakeTheWhereEnglishNeedsItAndOtherLanguagesKeepTheBareName() {
        java.util.function.Function<String, String> en = code ->
                CountryNames.inRunningText(data, new org.culturalign.survey.Country(code), "en");
        assertThat(List.of("USA", "GBR", "NLD", "PHL", "ARE", "CAF", "DOM", "BHS", "GMB", "MDV", "SLB", "PSE")
                .stream().map(en).toList()).containsExactly("the United States", "the United Kingdom",
                "the Netherlands", "the Philippines", "the United Arab Emirates", "the Central African Republic",
                "the Dominican Republic", "the Bahamas", "the Gambia", "the Maldives", "the Solomon Islands",
                "the Palestinian Territories");
        assertThat(List.of("DEU", "CHN", "CZE", "TUR", "CXR", "IRL").stream().map(en).toList())
                .containsExactly("Germany", "China", "Czechia", "Turkey", "Christmas Island", "Ireland");
        assertThat(CountryNames.takesTheInEnglish("Czech Republic")).isTrue();
        assertThat(CountryNames.inRunningText(data, new org.culturalign.survey.Country("USA"), "en-GB"))
                .isEqualTo("the United States");
        assertThat(CountryNames.inRunningText(data, new org.culturalign.survey.Country("USA"), "es"))
                .isEqualTo("Estados Unidos");
        assertThat(ProbeTexts.forLanguage("en").orElseThrow().personaFor(en.apply("USA")))
                .isEqualTo("Answer the following questions as a typical person from the United States would.");
    }
}
