package org.culturalign.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.culturalign.icl.StableSeed;
import org.culturalign.metric.AlignmentMetrics;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.metric.SplitHalf;
import org.culturalign.probe.Probe;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;

/**
 * The human ceiling of a run: per (country, probe format, question) the split-half similarity of the country's
 * respondents ({@link SplitHalf}), by the code path a model's answer takes: each half's shares become a
 * {@link HumanDistribution}, are put in the probe's target order by {@link Probe#humanInTargetOrder} (a binary probe
 * keeps the two poles, renormalised) and scored with {@link AlignmentMetrics#score} ({@code similarity} = 1 - JSD,
 * log 2). The survey file holds shares and n, not respondent rows, so the counts are rebuilt from them
 * ({@link SplitHalf#countsFromShares}); where n is unknown the item's ceiling is null with that reason.
 *
 * <p>Seeds: each item's splits come from {@code StableSeed.of("human-ceiling", seed, country, format, question)}, so
 * an item's ceiling does not depend on the grid it is part of.
 */
public final class HumanCeilings {
    /** The metric the ceiling is computed for (the ICL gains' metric). */
    public static final String METRIC = ProbeMetrics.SIMILARITY;
    /** How the ceiling is computed, as recorded in results.json. */
    public static final String METHOD = "split-half: the respondents' answers (counts rebuilt from shares and n) "
            + "split into two random halves (floor(n/2) and the rest), similarity (1 - JSD, log 2) of the halves' "
            + "distributions in the probe's target order, mean over the splits";
    /** Reason of an item without a ceiling: no respondent count. */
    public static final String NO_N = "n unknown: the survey data gives shares without a respondent count";
    /** Reason of an item without a ceiling: too few respondents. */
    public static final String TOO_FEW = "fewer than " + SplitHalf.MIN_RESPONDENTS + " respondents";
    /** Reason of an item without a ceiling: the ceiling is turned off. */
    public static final String OFF = "--ceiling-splits 0: no ceiling computed";

    private final Map<String, ResultsDocument.ItemCeiling> items;

    private HumanCeilings(Map<String, ResultsDocument.ItemCeiling> items) {
        this.items = items;
    }

    /** No ceilings (e.g. {@code --ceiling-splits 0}). */
    public static HumanCeilings none() {
        return new HumanCeilings(Map.of());
    }

    /**
     * Computes the ceiling of every (country, format, question) of the plan that has human data and a probe in at
     * least one of the run's languages (a language changes the wording, not the human distribution).
     *
     * @param splits split-halves per item, &gt;= 1 (0: {@link #none()})
     */
    public static HumanCeilings compute(EvalPlan plan, int splits) {
        if (splits == 0) {
            return none();
        }
        Set<String> countryFormats = new LinkedHashSet<>();
        for (GridCell c : plan.cells()) {
            countryFormats.add(c.country() + "|" + c.format());
        }
        String model = plan.config().models().get(0);
        Map<String, ResultsDocument.ItemCeiling> items = new LinkedHashMap<>();
        for (String cf : countryFormats) {
            String country = cf.substring(0, cf.indexOf('|'));
            String format = cf.substring(cf.indexOf('|') + 1);
            for (Question q : plan.questions()) {
                probeFor(plan, model, country, format, q).ifPresent(prepared -> items.put(key(country, format, q.id()),
                        item(prepared, country, format, q, splits, plan.config().seed())));
            }
        }
        return new HumanCeilings(items);
    }

    private static Optional<EvalPlan.Prepared> probeFor(EvalPlan plan, String model, String country, String format,
                                                        Question q) {
        for (String language : plan.config().languages()) {
            EvalPlan.Prepared p = plan.prepare(new GridCell(model, country, language, 0, GridCell.NO_SELECTOR, format,
                    false), q);
            if (!p.skipped()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static ResultsDocument.ItemCeiling item(EvalPlan.Prepared prepared, String country, String format, Question q,
                                            int splits, long seed) {
        HumanDistribution human = prepared.human();
        OptionalLong n = human.respondents();
        if (n.isEmpty()) {
            return new ResultsDocument.ItemCeiling(country, format, q.id(), null, null, null, null, splits, 0, NO_N,
                    null);
        }
        if (n.getAsLong() < SplitHalf.MIN_RESPONDENTS) {
            return new ResultsDocument.ItemCeiling(country, format, q.id(), n.getAsLong(), null, null, null, splits, 0,
                    TOO_FEW, null);
        }
        Probe probe = prepared.probe();
        String where = country + " " + q.id() + " split half";
        long[] counts = SplitHalf.countsFromShares(human.shares(), n.getAsLong());
        SplitHalf.Ceiling c = SplitHalf.agreement(counts, splits, StableSeed.of("human-ceiling", seed, country, format,
                q.id()), (a, b) -> {
                    double[] ta;
                    double[] tb;
                    try {
                        ta = probe.humanInTargetOrder(HumanDistribution.ofShares(a, OptionalLong.empty(),
                                OptionalDouble.empty(), where));
                        tb = probe.humanInTargetOrder(HumanDistribution.ofShares(b, OptionalLong.empty(),
                                OptionalDouble.empty(), where));
                    } catch (IllegalArgumentException e) {
                        if (probe.isBinary()) {
                            return Double.NaN; // a half in which everyone chose the dropped middle has no poles
                        }
                        throw e;
                    }
                    return AlignmentMetrics.score(ta, tb, probe.targetScale().type(), probe.isBinary(), Double.NaN)
                            .get(METRIC).orElseThrow();
                });
        String note = human.weightSum().isPresent()
                ? "approximate: counts rebuilt from weighted shares" : null;
        if (c.used() == 0) {
            return new ResultsDocument.ItemCeiling(country, format, q.id(), n.getAsLong(), null, null, null, splits, 0,
                    "no split had respondents on both poles in each half", note);
        }
        return new ResultsDocument.ItemCeiling(country, format, q.id(), n.getAsLong(), c.mean(), c.lower(), c.upper(),
                splits, c.used(), null, note);
    }

    private static String key(String country, String format, String questionId) {
        return country + "|" + format + "|" + questionId;
    }

    /** The item's ceiling, or empty when the run has no such item (no human data, or the ceiling is off). */
    public Optional<ResultsDocument.ItemCeiling> get(String country, String format, String questionId) {
        return Optional.ofNullable(items.get(key(country, format, questionId)));
    }

    /** Every item, in (country, format) order of the grid, then question order. */
    public List<ResultsDocument.ItemCeiling> items() {
        return new ArrayList<>(items.values());
    }

    /**
     * A cell's ceiling: the mean item ceiling over the cell's scored questions that have one, the model's mean
     * similarity over the same questions, and their ratio (the similarity as a fraction of the ceiling; a ratio of
     * means, not a mean of ratios, so that items with a ceiling near 0 do not dominate).
     *
     * @param similarity the cell's similarity by question id
     * @return the cell's ceiling; its values are null with a reason when no question has a ceiling
     */
    public ResultsDocument.CellCeiling forCell(String country, String format, Map<String, Double> similarity) {
        double ceilingSum = 0;
        double modelSum = 0;
        int with = 0;
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : similarity.entrySet()) {
            Optional<ResultsDocument.ItemCeiling> item = get(country, format, e.getKey());
            if (item.isPresent() && item.get().ceiling() != null) {
                ceilingSum += item.get().ceiling();
                modelSum += e.getValue();
                with++;
            } else {
                reasons.merge(item.map(ResultsDocument.ItemCeiling::reason).orElse(items.isEmpty() ? OFF
                        : "no ceiling"), 1, Integer::sum);
            }
        }
        int without = similarity.size() - with;
        String reason = null;
        if (without > 0) {
            List<String> parts = new ArrayList<>();
            reasons.forEach((r, k) -> parts.add(r + " (" + k + " of " + similarity.size() + " questions)"));
            reason = String.join("; ", parts);
        }
        if (with == 0) {
            return new ResultsDocument.CellCeiling(METRIC, null, null, null, 0, without, reason);
        }
        double ceiling = ceilingSum / with;
        double model = modelSum / with;
        return new ResultsDocument.CellCeiling(METRIC, ceiling, model, ceiling > 0 ? model / ceiling : null, with,
                without, reason);
    }
}
