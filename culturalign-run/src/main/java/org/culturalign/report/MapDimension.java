package org.culturalign.report;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ten value dimensions behind the Inglehart–Welzel cultural map (Inglehart &amp; Welzel 2005; as used by Tao et
 * al. 2024, PNAS Nexus, "Cultural bias and cultural alignment of large language models"), each reduced to one number
 * per answerer that can be computed from answer <em>marginals</em> (a country's shares or a model's distribution):
 * the mean position of an ordinal item on [0, 1], or the share of an answer.
 *
 * <p>Two dimensions differ from the published ones because the published ones need respondent-level data:
 * <ul>
 *   <li>post-materialism: the published 3-point index needs each respondent's joint answer to Q154 and Q155; here the
 *       mean of the shares choosing a post-materialist aim ("more say", "free speech": codes 2 and 4) in Q154 and
 *       Q155;</li>
 *   <li>autonomy: the published index (Q15 + Q17) - (Q8 + Q14) with 1 = mentioned is linear, so its mean is exactly
 *       P(Q15 mentioned) + P(Q17 mentioned) - P(Q8 mentioned) - P(Q14 mentioned).</li>
 * </ul>
 *
 * @param name short name shown in the report
 * @param items WVS-7 items it needs (all of them)
 * @param value computes the number from the answers to {@link #items} (NaN when not computable)
 */
public record MapDimension(String name, List<String> items, Function<Map<String, CodedDistribution>, Double> value) {
    private static final int[] MENTIONED = {1};
    private static final int[] MENTIONED_OR_NOT = {1, 2};

    /** The ten dimensions, in the order of Tao et al. (2024). */
    public static final List<MapDimension> ALL = List.of(
            ordinal("happiness (Q46)", "Q46", 1, 4),
            new MapDimension("trust (Q57)", List.of("Q57"), a -> a.get("Q57").shareOf(MENTIONED, MENTIONED_OR_NOT)),
            ordinal("respect for authority (Q45)", "Q45", 1, 3),
            ordinal("signed a petition (Q209)", "Q209", 1, 3),
            ordinal("importance of God (Q164)", "Q164", 1, 10),
            ordinal("homosexuality justifiable (Q182)", "Q182", 1, 10),
            ordinal("abortion justifiable (Q184)", "Q184", 1, 10),
            ordinal("national pride (Q254)", "Q254", 1, 4),
            new MapDimension("post-materialist aims (Q154, Q155)", List.of("Q154", "Q155"),
                    a -> (a.get("Q154").shareOf(new int[] {2, 4}, new int[] {1, 2, 3, 4})
                            + a.get("Q155").shareOf(new int[] {2, 4}, new int[] {1, 2, 3, 4})) / 2),
            new MapDimension("autonomy index (Q8, Q14, Q15, Q17)", List.of("Q8", "Q14", "Q15", "Q17"),
                    a -> a.get("Q15").shareOf(MENTIONED, MENTIONED_OR_NOT)
                            + a.get("Q17").shareOf(MENTIONED, MENTIONED_OR_NOT)
                            - a.get("Q8").shareOf(MENTIONED, MENTIONED_OR_NOT)
                            - a.get("Q14").shareOf(MENTIONED, MENTIONED_OR_NOT)));

    /** All items any dimension needs. */
    public static final List<String> ITEMS = ALL.stream().flatMap(d -> d.items().stream()).distinct().toList();

    private static MapDimension ordinal(String name, String item, int low, int high) {
        return new MapDimension(name, List.of(item), a -> a.get(item).meanPosition(low, high));
    }

    /** The dimension's value for these answers, or {@code NaN} when an item is missing or has no valid mass. */
    public double of(Map<String, CodedDistribution> answers) {
        for (String item : items) {
            if (!answers.containsKey(item)) {
                return Double.NaN;
            }
        }
        Double v = value.apply(answers);
        return v == null ? Double.NaN : v;
    }
}
