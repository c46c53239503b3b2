package org.culturalign.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.Demonstration;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.Prompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.SurveyData;

/**
 * Renders survey questions as probes (layouts in docs/probes.md).
 *
 * <p>Question block, one line each: {@code <question stem><sep><question>}; the text's instruction when it has one
 * (not for binary probes: it describes the full scale); {@code <label>. <option>} per shown option. A demonstration
 * is its question block followed by {@code <answer stem><sep><answer>}.
 * <ul>
 *   <li>COMPLETION: persona line, demonstrations and the test block joined by blank lines, ending with
 *       {@code "\n<answer stem>"}; continuations {@code <sep><label>}.</li>
 *   <li>CHAT_ONE_TURN: persona as the system message; one user message with the demonstrations, the test block and
 *       the instruction ("answer with the letter only"), joined by blank lines; assistant prefix = answer stem.</li>
 *   <li>CHAT_MULTI_TURN: persona as the system message; per demonstration a user message (block, blank line,
 *       instruction) and an assistant message ({@code <answer stem><sep><answer>}); then the test as a user message
 *       of the same shape; assistant prefix = answer stem.</li>
 * </ul>
 * In chat templates the continuations are scored after the assistant prefix, so {@code " A"} follows
 * {@code "Answer:"} exactly as in the demonstrations' assistant turns and in the completion layout.
 */
public final class ProbeFactory {
    private ProbeFactory() {
    }

    /**
     * Renders a probe.
     *
     * @param data           the survey data (the demonstrations' questions and, for binary demonstrations answered
     *                       in a dropped middle, the country's distributions)
     * @param question       the test question
     * @param country        the target country (persona; binary demonstrations)
     * @param spec           how to render
     * @param demonstrations the shots, in prompt order (from {@link org.culturalign.icl.Demonstrations#answers})
     * @return the probe, or empty when it does not apply ({@link #whyNot} says why)
     * @throws InvalidInputException when a demonstration is the test question, is unknown, has no text in the
     *                               language, has no binary form for a binary probe, or its code is not on its scale
     */
    public static Optional<Probe> build(SurveyData data, Question question, Country country, ProbeSpec spec,
                                        List<Demonstration> demonstrations) {
        if (whyNot(data, question, country, spec).isPresent()) {
            return Optional.empty();
        }
        ProbeTexts texts = ProbeTexts.forLanguage(spec.language()).orElseThrow();
        QuestionText text = question.text(spec.language()).orElseThrow();
        List<ShownOption> options = OptionLayout.of(question, text, spec.format(), spec.seed());
        String testBlock = block(texts, text, spec.format(), options);

        List<String> demoBlocks = new ArrayList<>();
        List<String> demoAnswers = new ArrayList<>();
        for (Demonstration d : demonstrations) {
            Question dq = demonstrationQuestion(data, question, spec, d);
            QuestionText dt = dq.text(spec.language()).orElseThrow();
            List<ShownOption> dOptions = OptionLayout.of(dq, dt, spec.format(), spec.seed());
            ShownOption answer = answerOption(data, country, dq, dOptions, d);
            demoBlocks.add(block(texts, dt, spec.format(), dOptions));
            demoAnswers.add(spec.target().scoresTexts() ? answer.text() : answer.label());
        }

        String personaLine = spec.persona()
                ? texts.personaFor(CountryNames.inRunningText(data, country, spec.language())) : null;
        String instruction = spec.target().scoresTexts() ? texts.textInstruction()
                : spec.format() == ProbeFormat.NUMERIC ? texts.numberInstruction() : texts.letterInstruction();
        String stem = texts.answer();
        String sep = texts.separator();
        Prompt prompt = switch (spec.template()) {
            case COMPLETION -> {
                List<String> parts = new ArrayList<>();
                if (personaLine != null) {
                    parts.add(personaLine);
                }
                for (int i = 0; i < demoBlocks.size(); i++) {
                    parts.add(demoBlocks.get(i) + "\n" + stem + sep + demoAnswers.get(i));
                }
                parts.add(testBlock + "\n" + stem);
                yield new TextPrompt(String.join("\n\n", parts));
            }
            case CHAT_ONE_TURN -> {
                List<ChatMessage> messages = new ArrayList<>();
                if (personaLine != null) {
                    messages.add(new ChatMessage(ChatMessage.Role.SYSTEM, personaLine));
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < demoBlocks.size(); i++) {
                    parts.add(demoBlocks.get(i) + "\n" + stem + sep + demoAnswers.get(i));
                }
                parts.add(testBlock);
                parts.add(instruction);
                messages.add(new ChatMessage(ChatMessage.Role.USER, String.join("\n\n", parts)));
                yield new ChatPrompt(messages, stem);
            }
            case CHAT_MULTI_TURN -> {
                List<ChatMessage> messages = new ArrayList<>();
                if (personaLine != null) {
                    messages.add(new ChatMessage(ChatMessage.Role.SYSTEM, personaLine));
                }
                for (int i = 0; i < demoBlocks.size(); i++) {
                    messages.add(new ChatMessage(ChatMessage.Role.USER, demoBlocks.get(i) + "\n\n" + instruction));
                    messages.add(new ChatMessage(ChatMessage.Role.ASSISTANT, stem + sep + demoAnswers.get(i)));
                }
                messages.add(new ChatMessage(ChatMessage.Role.USER, testBlock + "\n\n" + instruction));
                yield new ChatPrompt(messages, stem);
            }
        };
        List<String> continuations = options.stream()
                .map(o -> sep + (spec.target().scoresTexts() ? o.text() : o.label())).toList();
        Poles poles = spec.format() == ProbeFormat.BINARY ? Poles.of(question.scale()) : null;
        return Optional.of(new Probe(question.id(), country, spec, prompt, options, continuations, demonstrations,
                demoAnswers, question.scale(), poles));
    }

    /**
     * Why a probe does not apply, or empty when it does: no probe wording for the language, no text of the question
     * in the language, a binary probe of a nominal item, a binary probe where every respondent of the country chose
     * the dropped middle, or more than 26 options with letter labels.
     */
    public static Optional<String> whyNot(SurveyData data, Question question, Country country, ProbeSpec spec) {
        String lang = spec.language();
        if (ProbeTexts.forLanguage(lang).isEmpty()) {
            return Optional.of("no probe wording for language '" + lang + "' (add org/culturalign/probe/texts/"
                    + lang + ".properties)");
        }
        if (question.text(lang).isEmpty()) {
            return Optional.of(question.id() + " has no text in '" + lang + "' (it has "
                    + String.join(", ", question.languages()) + ")");
        }
        if (spec.format() == ProbeFormat.BINARY) {
            if (!Poles.applies(question.scale())) {
                return Optional.of(question.id() + " has a nominal scale: no binary form");
            }
            Optional<HumanDistribution> d = data.distribution(country, question.id());
            if (d.isPresent()) {
                try {
                    Poles.of(question.scale()).shares(question.scale(), d.get());
                } catch (IllegalArgumentException e) {
                    return Optional.of(question.id() + " for " + country + ": " + e.getMessage());
                }
            }
        } else if (spec.format() != ProbeFormat.NUMERIC && question.scale().size() > 26) {
            return Optional.of(question.id() + " has " + question.scale().size()
                    + " options, more than letters A-Z: use the numeric format");
        }
        return Optional.empty();
    }

    private static Question demonstrationQuestion(SurveyData data, Question test, ProbeSpec spec, Demonstration d) {
        if (d.questionId().equals(test.id())) {
            throw new InvalidInputException("demonstration " + d.questionId()
                    + " is the test question itself; a question cannot demonstrate itself");
        }
        Question dq = data.question(d.questionId()).orElseThrow(() -> new InvalidInputException("demonstration "
                + d.questionId() + " is not a question of " + data.source().name()));
        if (dq.text(spec.language()).isEmpty()) {
            throw new InvalidInputException("demonstration " + dq.id() + " has no text in '" + spec.language() + "'");
        }
        if (spec.format() == ProbeFormat.BINARY && !Poles.applies(dq.scale())) {
            throw new InvalidInputException("demonstration " + dq.id()
                    + " has a nominal scale and cannot be shown in a binary probe");
        }
        if (dq.scale().positionOf(d.answerCode()) < 0) {
            throw new InvalidInputException("demonstration " + dq.id() + " answer code " + d.answerCode()
                    + " is not on its scale " + dq.scale().codes());
        }
        return dq;
    }

    /**
     * The shown option a demonstration's answer code falls in. For binary probes that is the pole containing the
     * code; a code in the dropped middle is shown as the country's majority pole of that question (ties: low pole).
     */
    static ShownOption answerOption(SurveyData data, Country country, Question dq, List<ShownOption> options,
                                            Demonstration d) {
        for (ShownOption o : options) {
            if (o.codes().contains(d.answerCode())) {
                return o;
            }
        }
        HumanDistribution human = data.distribution(country, dq.id()).orElseThrow(() -> new InvalidInputException(
                "demonstration " + dq.id() + " is answered with the middle option " + d.answerCode()
                        + ", which a binary probe drops, and " + country + " has no data to pick its majority pole"));
        int pole = Poles.of(dq.scale()).majorityPole(dq.scale(), human);
        return options.get(pole);
    }

    static String block(ProbeTexts texts, QuestionText text, ProbeFormat format, List<ShownOption> options) {
        StringBuilder b = new StringBuilder(texts.question()).append(texts.separator()).append(text.question());
        if (format != ProbeFormat.BINARY && !text.instruction().isBlank()) {
            b.append('\n').append(text.instruction());
        }
        for (ShownOption o : options) {
            b.append('\n').append(o.label()).append(". ").append(o.text());
        }
        return b.toString();
    }
}
