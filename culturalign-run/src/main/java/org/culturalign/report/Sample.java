package org.culturalign.report;

import java.util.List;
import java.util.Map;

/**
 * One line of a run's {@code samples.jsonl} (schema {@code culturalign.samples/1}, see
 * {@code docs/schemas/samples.md}): one scored probe.
 *
 * @param promptText the prompt as the model saw it: the text, or the chat messages rendered one per line as
 *        {@code [role] content} followed by the assistant prefix; {@code null} when the report dropped it to save
 *        memory (only drill-down samples keep it)
 * @param targetCodes survey answer codes the distributions are over (binary format: low pole, high pole)
 * @param modelDistribution model probabilities over {@code targetCodes}, sums to 1
 * @param humanDistribution the country's answer shares over {@code targetCodes}, sums to 1
 * @param coverage probability mass on the options before renormalising, in [0, 1]
 * @param metrics metric name to value (absent when not applicable)
 */
public record Sample(String model, String country, String language, String questionId, String category, int shots,
                     String selector, String format, boolean persona, String template,
                     List<Demonstration> demonstrations, String demonstrationNote, String promptText,
                     List<String> continuations, int[] targetCodes, double[] modelDistribution,
                     double[] humanDistribution, double coverage, Map<String, Double> metrics) {

    /** A demonstration: another question answered as the target country's people answered it. */
    public record Demonstration(String questionId, int answerCode) {
    }

    /** The value of {@code metric}, or {@code NaN} when absent. */
    public double metric(String metric) {
        Double v = metrics.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** This sample without its prompt text (kept for the map and the heat map, where the text is not shown). */
    public Sample withoutPrompt() {
        return new Sample(model, country, language, questionId, category, shots, selector, format, persona, template,
                demonstrations, demonstrationNote, null, continuations, targetCodes, modelDistribution,
                humanDistribution, coverage, metrics);
    }
}
