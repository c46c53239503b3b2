package org.culturalign.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.culturalign.InvalidInputException;
import org.culturalign.probe.Poles;
import org.culturalign.probe.ProbeFormat;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/** Gives chosen demonstration questions the answer the target country's respondents gave. */
public final class Demonstrations {
    private Demonstrations() {
    }

    /**
     * The demonstrations for the given question ids, in the same order.
     *
     * <ul>
     *   <li>{@link AnswerMode#MAJORITY}: the code with the largest share; among equal shares the lower code.</li>
     *   <li>{@link AnswerMode#SAMPLED}: a code drawn from the shares with a {@link Random} seeded by
     *       {@link StableSeed} of (seed, country, question id), so each question's draw is independent of which
     *       other questions are chosen and of their order.</li>
     * </ul>
     *
     * @throws InvalidInputException when an id is not a question of the data or the country has no data for it
     */
    public static List<Demonstration> answers(SurveyData data, Country country, List<String> ids, AnswerMode mode,
                                              long seed) {
        return answers(data, country, ids, mode, seed, ProbeFormat.FULL);
    }

    /**
     * The demonstrations for a probe of the given format. As {@link #answers(SurveyData, Country, List, AnswerMode,
     * long)}, except that a {@link ProbeFormat#BINARY binary} probe's majority answer is the country's majority
     * <em>pole</em> (summed pole shares, {@link Poles#majorityPole}), given as the most frequent code within that
     * pole: the pole of the single most frequent code can be the minority pole (e.g. shares .15/.39 | .42/.04 have
     * the most frequent code in the high pole but 54% in the low pole), and the binary probe is scored against the
     * pole shares, so the demonstrations must show the same pole.
     */
    public static List<Demonstration> answers(SurveyData data, Country country, List<String> ids, AnswerMode mode,
                                              long seed, ProbeFormat format) {
        List<Demonstration> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Question q = data.question(id).orElseThrow(() -> new InvalidInputException("demonstration " + id
                    + " is not a question of " + data.source().name()));
            HumanDistribution d = data.distribution(country, id).orElseThrow(() -> new InvalidInputException(
                    "demonstration " + id + " has no data for " + country + " in " + data.source().name()));
            int code = mode == AnswerMode.SAMPLED
                    ? sampled(q.scale(), d, new Random(StableSeed.of("answer", seed, country.code(), id)))
                    : format == ProbeFormat.BINARY && Poles.applies(q.scale()) ? majorityOfMajorityPole(q.scale(), d)
                    : majority(q.scale(), d);
            out.add(new Demonstration(id, code));
        }
        return out;
    }

    /** The code with the largest share, the lower code among ties. */
    public static int majority(AnswerScale scale, HumanDistribution d) {
        int best = -1;
        double bestShare = -1;
        for (int i = 0; i < scale.size(); i++) {
            int code = scale.codes().get(i);
            double s = d.share(i);
            if (s > bestShare || (s == bestShare && code < best)) {
                best = code;
                bestShare = s;
            }
        }
        return best;
    }

    /** The most frequent code of the country's majority pole (the lower code among ties). */
    static int majorityOfMajorityPole(AnswerScale scale, HumanDistribution d) {
        Poles poles = Poles.of(scale);
        List<Integer> pole = poles.majorityPole(scale, d) == Poles.HIGH ? poles.high() : poles.low();
        int best = -1;
        double bestShare = -1;
        for (int code : pole) {
            double s = d.share(scale.positionOf(code));
            if (s > bestShare || (s == bestShare && code < best)) {
                best = code;
                bestShare = s;
            }
        }
        return best;
    }

    private static int sampled(AnswerScale scale, HumanDistribution d, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < scale.size(); i++) {
            if (d.share(i) <= 0) {
                continue;
            }
            cumulative += d.share(i);
            last = scale.codes().get(i);
            if (u < cumulative) {
                return last;
            }
        }
        return last; // rounding: u above the last cumulative sum
    }
}
