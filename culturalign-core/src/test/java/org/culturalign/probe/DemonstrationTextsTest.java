package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.culturalign.probe.Fixtures.CHN;
import static org.culturalign.probe.Fixtures.DEU;

import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.Demonstration;
import org.culturalign.icl.Demonstrations;
import org.culturalign.model.TextPrompt;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

class DemonstrationTextsTest {
    private final SurveyData data = Fixtures.data();

    @Test
    void aDemonstrationReadsExactlyAsTheShotOfAFullFormatProbe() {
        List<Demonstration> shots = Demonstrations.answers(data, DEU, List.of("Q57", "Q1"), AnswerMode.MAJORITY, 0);
        List<DemonstrationTexts.Rendered> r = DemonstrationTexts.render(data, DEU, "en", shots);
        assertThat(r.get(0).completion()).isEqualTo("Question: Generally speaking, can most people be trusted?\n"
                + "A. Most people can be trusted\nB. Need to be very careful\nAnswer: B");
        assertThat(r.get(1).block()).isEqualTo("Question: How important is family in your life?\n"
                + "A. Very important\nB. Rather important\nC. Not very important\nD. Not at all important");
        assertThat(r.get(1).answer()).isEqualTo("Answer: A");
        Probe p = ProbeFactory.build(data, data.requireQuestion("Q46"), DEU, ProbeSpec.defaults("en"), shots)
                .orElseThrow();
        assertThat(((TextPrompt) p.prompt()).text())
                .startsWith(r.get(0).completion() + "\n\n" + r.get(1).completion() + "\n\n");
    }

    @Test
    void chineseDemonstrationsUseTheChineseStemsWithoutASeparator() {
        List<Demonstration> shots = Demonstrations.answers(data, CHN, List.of("Q57"), AnswerMode.MAJORITY, 0);
        DemonstrationTexts.Rendered r = DemonstrationTexts.render(data, CHN, "zh", shots).get(0);
        ProbeTexts zh = ProbeTexts.forLanguage("zh").orElseThrow();
        assertThat(r.answer()).isEqualTo(zh.answer() + "A");
        assertThat(r.block()).startsWith(zh.question() + "一般来说，大多数人可以信任吗？\nA. 大多数人可以信任");
    }

    @Test
    void aLanguageWithoutProbeWordingOrADemonstrationWithoutTextIsRefused() {
        List<Demonstration> shots = List.of(new Demonstration("Q164", 1));
        assertThatThrownBy(() -> DemonstrationTexts.render(data, DEU, "xx", shots))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no probe wording for language 'xx' (add org/culturalign/probe/texts/xx.properties)");
        assertThatThrownBy(() -> DemonstrationTexts.render(data, DEU, "zh", shots))
                .isInstanceOf(InvalidInputException.class).hasMessage("demonstration Q164 has no text in 'zh'");
    }
}
