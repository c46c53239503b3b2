package org.culturalign.probe;

import java.util.ArrayList;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.Demonstration;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.SurveyData;

/**
 * Demonstrations rendered on their own, without a test question, worded exactly as in a full-format probe with
 * letter labels ({@link ProbeFactory}): for steering free chat traffic, where the "test item" is the user's message.
 *
 * <p>A demonstration's {@link Rendered#block()} is {@code <question stem><sep><question>}, the text's instruction
 * when it has one, and {@code <label>. <option>} per option, one line each; its {@link Rendered#answer()} is
 * {@code <answer stem><sep><letter>}. So {@link Rendered#completion()} reads like a shot of
 * {@code culturalign prompt --format full} output.
 */
public final class DemonstrationTexts {
    private DemonstrationTexts() {
    }

    /**
     * One demonstration as text.
     *
     * @param questionId the demonstration's question id
     * @param block      the question block (stem, question, instruction, lettered options), lines joined by "\n"
     * @param answer     the answer line, e.g. {@code "Answer: B"} ({@code "答案：B"} in Chinese)
     */
    public record Rendered(String questionId, String block, String answer) {
        /** The block and its answer line as one shot of the completion layout: {@code block + "\n" + answer}. */
        public String completion() {
            return block + "\n" + answer;
        }
    }

    /**
     * Renders demonstrations in a language, in the given order.
     *
     * @param data           the survey data holding the demonstrations' questions
     * @param country        the target country (only used when an answer code has no option of its own)
     * @param language       the language, which needs probe wording ({@link ProbeTexts#forLanguage}) and a text of
     *                       every demonstration
     * @param demonstrations the shots, e.g. from {@link org.culturalign.icl.Demonstrations#answers}
     * @throws InvalidInputException when the language has no probe wording, a demonstration is unknown, has no text
     *                               in the language, or its code is not on its scale
     */
    public static List<Rendered> render(SurveyData data, Country country, String language,
                                        List<Demonstration> demonstrations) {
        ProbeTexts texts = wording(language);
        List<Rendered> out = new ArrayList<>(demonstrations.size());
        for (Demonstration d : demonstrations) {
            Question q = data.question(d.questionId()).orElseThrow(() -> new InvalidInputException("demonstration "
                    + d.questionId() + " is not a question of " + data.source().name()));
            QuestionText t = q.text(language).orElseThrow(() -> new InvalidInputException("demonstration "
                    + q.id() + " has no text in '" + language + "'"));
            if (q.scale().positionOf(d.answerCode()) < 0) {
                throw new InvalidInputException("demonstration " + q.id() + " answer code " + d.answerCode()
                        + " is not on its scale " + q.scale().codes());
            }
            List<ShownOption> options = OptionLayout.of(q, t, ProbeFormat.FULL, 0);
            ShownOption answer = ProbeFactory.answerOption(data, country, q, options, d);
            out.add(new Rendered(q.id(), ProbeFactory.block(texts, t, ProbeFormat.FULL, options),
                    texts.answer() + texts.separator() + answer.label()));
        }
        return out;
    }

    /**
     * The persona line of a language for a country, as probes with {@code --persona} show it ("Answer as a typical
     * person from Germany would." in English).
     *
     * @throws InvalidInputException when the language has no probe wording
     */
    public static String personaLine(SurveyData data, Country country, String language) {
        return wording(language).personaFor(CountryNames.inRunningText(data, country, language));
    }

    /**
     * The probe wording of a language.
     *
     * @throws InvalidInputException when there is none
     */
    public static ProbeTexts wording(String language) {
        return ProbeTexts.forLanguage(language).orElseThrow(() -> new InvalidInputException(
                "no probe wording for language '" + language + "' (add org/culturalign/probe/texts/" + language
                        + ".properties)"));
    }
}
