package org.culturalign.probe;

import java.util.List;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.HumanDistribution;

/**
 * An ordinal scale collapsed to its two poles for the binary (two-option cloze) probe of Choenni &amp; Shutova 2024.
 * The pole rule, on scale positions (so 0-coded and recoded scales follow their {@link AnswerScale#codes()}):
 * with K options, the low pole is the first floor(K/2) options, the high pole the last floor(K/2), and for odd K the
 * middle option is dropped. So 2-point: 1 vs 2; 3-point: 1 vs 3; 4-point: 1-2 vs 3-4; 5-point: 1-2 vs 4-5;
 * 7-point: 1-3 vs 5-7; 8-point: 1-4 vs 5-8; 10-point: 1-5 vs 6-10. Nominal scales have no poles.
 *
 * @param low     codes of the low pole (the scale's first options), in scale order
 * @param high    codes of the high pole (the scale's last options), in scale order
 * @param dropped the middle code of an odd scale, or empty
 */
public record Poles(List<Integer> low, List<Integer> high, List<Integer> dropped) {
    /** Position of the low pole on the binary target scale. */
    public static final int LOW = 0;
    /** Position of the high pole on the binary target scale. */
    public static final int HIGH = 1;

    /** Copies the lists. */
    public Poles {
        low = List.copyOf(low);
        high = List.copyOf(high);
        dropped = List.copyOf(dropped);
    }

    /** Whether a scale has a binary form: ordinal scales do, nominal ones do not. */
    public static boolean applies(AnswerScale scale) {
        return scale.isOrdinal();
    }

    /**
     * The poles of an ordinal scale by the pole rule (see the class comment).
     *
     * @throws IllegalArgumentException for a nominal scale
     */
    public static Poles of(AnswerScale scale) {
        if (!applies(scale)) {
            throw new IllegalArgumentException("a nominal scale has no poles: " + scale.codes());
        }
        int k = scale.size();
        int half = k / 2;
        List<Integer> codes = scale.codes();
        return new Poles(codes.subList(0, half), codes.subList(k - half, k),
                k % 2 == 1 ? List.of(codes.get(half)) : List.of());
    }

    /** {@link #LOW}, {@link #HIGH}, or -1 when the code is dropped or not on the scale. */
    public int poleOf(int code) {
        return low.contains(code) ? LOW : high.contains(code) ? HIGH : -1;
    }

    /**
     * The country's pole shares: the summed shares of each pole's options, renormalised over the two poles (so a
     * dropped middle's share is removed, not split).
     *
     * @param scale the question's scale (that the poles were made from)
     * @param human the country's distribution over that scale
     * @return {low, high}, summing to 1
     * @throws IllegalArgumentException when no respondent chose either pole (all in the middle)
     */
    public double[] shares(AnswerScale scale, HumanDistribution human) {
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < scale.size(); i++) {
            int pole = poleOf(scale.codes().get(i));
            if (pole == LOW) {
                lo += human.share(i);
            } else if (pole == HIGH) {
                hi += human.share(i);
            }
        }
        if (lo + hi <= 0) {
            throw new IllegalArgumentException("no respondent chose either pole of " + scale.codes()
                    + " (every answer is the dropped middle)");
        }
        return new double[] {lo / (lo + hi), hi / (lo + hi)};
    }

    /** The pole with the larger share (the low pole on a tie); for demonstrations answered in the dropped middle. */
    public int majorityPole(AnswerScale scale, HumanDistribution human) {
        double[] s = shares(scale, human);
        return s[HIGH] > s[LOW] ? HIGH : LOW;
    }
}
