package org.culturalign.run;

import java.util.ArrayList;
import java.util.List;
import org.culturalign.icl.StableSeed;
import org.culturalign.metric.FalseDiscovery;
import org.culturalign.metric.SignFlipTest;

/**
 * Significance of the ICL gains a run reports: one two-sided paired sign-flip p-value per gain (H0: mean paired
 * difference dS = 0 over the country's questions; {@link SignFlipTest}), then the Benjamini-Hochberg procedure over
 * every gain of the run ({@link FalseDiscovery}): the report tests many (country, language, selector, format, persona,
 * k) cells, and a gain "survives" when its adjusted p-value is at most q.
 */
final class GainTests {
    /** The family the FDR is controlled over, as recorded in results.json. */
    static final String FAMILY = "all ICL gains of the run (every model, country, language, selector, format, "
            + "persona and k)";
    /** How each gain's p-value is computed, as recorded in results.json. */
    static final String METHOD = "paired sign-flip test over questions, two-sided (exact up to "
            + SignFlipTest.EXACT_MAX_N + " questions, else Monte Carlo with the bootstrap's resamples)";

    private GainTests() {
    }

    /** The gain's p-value; the Monte Carlo patterns are seeded by the run seed and the cell, not by call order. */
    static double pValue(double[] treated, double[] control, int resamples, long seed, GridCell cell) {
        return SignFlipTest.pValue(treated, control, resamples, StableSeed.of("sign-flip", seed, cell.key()))
                .pValue();
    }

    /** The gains with {@code pAdjusted} and {@code survivesFdr} set (gains without a p-value keep nulls). */
    static List<ResultsDocument.IclGain> withFdr(List<ResultsDocument.IclGain> gains, double q) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < gains.size(); i++) {
            if (gains.get(i).pValue() != null) {
                tested.add(i);
            }
        }
        double[] p = tested.stream().mapToDouble(i -> gains.get(i).pValue()).toArray();
        double[] adjusted = FalseDiscovery.adjust(p);
        List<ResultsDocument.IclGain> out = new ArrayList<>(gains);
        for (int j = 0; j < tested.size(); j++) {
            ResultsDocument.IclGain g = gains.get(tested.get(j));
            out.set(tested.get(j), new ResultsDocument.IclGain(g.model(), g.country(), g.language(), g.selector(),
                    g.format(), g.persona(), g.shots(), g.metric(), g.zeroShot(), g.kShot(), g.estimate(),
                    g.ciLower(), g.ciUpper(), g.n(), g.method(), g.resamples(), g.pValue(), adjusted[j],
                    adjusted[j] <= q));
        }
        return out;
    }
}
