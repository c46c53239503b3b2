package org.culturalign.probe;

/**
 * How to render a probe: everything besides the question, the country and the demonstrations. Recorded with every
 * probe.
 *
 * @param language BCP 47 language of the probe (question text, stems, persona line), e.g. {@code de}
 * @param format   full, binary or a robustness variant
 * @param persona  whether to frame the probe as "answer as a typical person from &lt;country&gt;" (cultural
 *                 prompting, Tao et al. 2024)
 * @param template completion or chat (one turn / multi-turn demonstrations)
 * @param target   what is scored: option labels or option texts
 * @param seed     seeds the {@link ProbeFormat#SHUFFLED} option order (together with the question id)
 */
public record ProbeSpec(String language, ProbeFormat format, boolean persona, PromptTemplate template,
                        ScoredTarget target, long seed) {

    /** @throws IllegalArgumentException for a blank language or null parts */
    public ProbeSpec {
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("probe language must not be blank");
        }
        if (format == null || template == null || target == null) {
            throw new IllegalArgumentException("probe spec needs format, template and target");
        }
    }

    /** The default spec for a language: full format, no persona, completion, labels scored, seed 0. */
    public static ProbeSpec defaults(String language) {
        return new ProbeSpec(language, ProbeFormat.FULL, false, PromptTemplate.COMPLETION, ScoredTarget.LABELS, 0);
    }
}
