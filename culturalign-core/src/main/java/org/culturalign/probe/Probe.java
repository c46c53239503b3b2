package org.culturalign.probe;

import java.util.List;
import org.culturalign.icl.Demonstration;
import org.culturalign.model.Prompt;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;

/**
 * A question rendered for the model: the exact prompt, what is scored after it, and how the scores map back to the
 * question's answer options. Built by {@link ProbeFactory}. Immutable.
 *
 * <p>Orders: {@link #continuations()} and {@link #options()} are in presentation order (as shown: "A" first); the
 * target order is {@link #targetScale()}'s order (scale order for full-format variants; low pole, high pole for
 * binary). {@link #modelInTargetOrder} and {@link #humanInTargetOrder} are both in target order, so metrics compare
 * them position by position.
 */
public final class Probe {
    private static final AnswerScale BINARY_SCALE = new AnswerScale(List.of(1, 2),
            org.culturalign.survey.ScaleType.ORDINAL);

    private final String questionId;
    private final Country country;
    private final ProbeSpec spec;
    private final Prompt prompt;
    private final List<ShownOption> options;
    private final List<String> continuations;
    private final List<Demonstration> demonstrations;
    private final List<String> demonstrationAnswers;
    private final AnswerScale questionScale;
    private final Poles poles;

    Probe(String questionId, Country country, ProbeSpec spec, Prompt prompt, List<ShownOption> options,
          List<String> continuations, List<Demonstration> demonstrations, List<String> demonstrationAnswers,
          AnswerScale questionScale, Poles poles) {
        this.questionId = questionId;
        this.country = country;
        this.spec = spec;
        this.prompt = prompt;
        this.options = List.copyOf(options);
        this.continuations = List.copyOf(continuations);
        this.demonstrations = List.copyOf(demonstrations);
        this.demonstrationAnswers = List.copyOf(demonstrationAnswers);
        this.questionScale = questionScale;
        this.poles = poles;
    }

    /** The test question's id. */
    public String questionId() {
        return questionId;
    }

    /** The target country. */
    public Country country() {
        return country;
    }

    /** How the probe was rendered. */
    public ProbeSpec spec() {
        return spec;
    }

    /** What the model is given: a {@link org.culturalign.model.TextPrompt} or a {@link org.culturalign.model.ChatPrompt}. */
    public Prompt prompt() {
        return prompt;
    }

    /**
     * What is scored after the prompt (after the chat assistant prefix), one per option, in presentation order,
     * with their leading separator: " A", " B", ... (labels), " Very important", ... (texts); no leading space in
     * languages whose stems take none (Chinese).
     */
    public List<String> continuations() {
        return continuations;
    }

    /** The shown options in presentation order: label, wording, target position, answer codes. */
    public List<ShownOption> options() {
        return options;
    }

    /** The answer codes each continuation stands for, in presentation order (one code; a pole's codes for binary). */
    public List<List<Integer>> continuationCodes() {
        return options.stream().map(ShownOption::codes).toList();
    }

    /** The demonstrations in the prompt, in order (empty for zero-shot). */
    public List<Demonstration> demonstrations() {
        return demonstrations;
    }

    /** The label (or text, when texts are scored) each demonstration was answered with, aligned with them. */
    public List<String> demonstrationAnswers() {
        return demonstrationAnswers;
    }

    /** Whether this is a binary (two-pole) probe. */
    public boolean isBinary() {
        return poles != null;
    }

    /** The poles of a binary probe. @throws IllegalStateException for a full-format probe */
    public Poles poles() {
        if (poles == null) {
            throw new IllegalStateException(questionId + " is not a binary probe");
        }
        return poles;
    }

    /**
     * The scale metrics use: the question's scale for full-format variants; for binary a 2-point ordinal scale with
     * code 1 = low pole, code 2 = high pole.
     */
    public AnswerScale targetScale() {
        return poles == null ? questionScale : BINARY_SCALE;
    }

    /**
     * The model's probabilities in target order.
     *
     * @param model probabilities over {@link #continuations()}, in presentation order
     * @return probabilities aligned with {@link #targetScale()}, summing to 1
     * @throws IllegalArgumentException when the sizes differ
     */
    public double[] modelInTargetOrder(AnswerDistribution model) {
        if (model.size() != options.size()) {
            throw new IllegalArgumentException(questionId + ": " + model.size() + " probabilities for "
                    + options.size() + " continuations");
        }
        double[] out = new double[options.size()];
        for (int i = 0; i < options.size(); i++) {
            out[options.get(i).targetPosition()] = model.probability(i);
        }
        return out;
    }

    /**
     * The country's shares in target order: the distribution itself for full-format variants; for binary the pole
     * shares (middle dropped, renormalised over the two poles; {@link Poles#shares}).
     *
     * @param human the country's distribution over the question's scale
     * @return shares aligned with {@link #targetScale()}, summing to 1
     * @throws IllegalArgumentException when the distribution does not match the question's scale, or (binary) when
     *                                  every respondent chose the dropped middle
     */
    public double[] humanInTargetOrder(HumanDistribution human) {
        if (human.size() != questionScale.size()) {
            throw new IllegalArgumentException(questionId + ": distribution has " + human.size()
                    + " shares, the question has " + questionScale.size() + " options");
        }
        return poles == null ? human.shares() : poles.shares(questionScale, human);
    }

    @Override
    public String toString() {
        return "Probe[" + questionId + " " + country + " " + spec + " " + continuations + "]";
    }
}
