package org.culturalign.run;

import org.culturalign.InvalidInputException;

/**
 * How a run's stored probes are analysed: settings that change numbers in {@code results.json} but not a single
 * probe, so they are not part of the config hash ({@link EvalConfig}): rerunning a finished run folder with another
 * value recomputes the outputs from its {@code run.db} without model calls and without {@code --overwrite}. Recorded
 * in {@code results.json} ({@code analysis}) and its provenance.
 *
 * @param ceilingSplits random split-halves per (country, format, question) for the human ceiling
 *                      ({@link HumanCeilings}); 0 turns the ceiling off; at most {@link #MAX_CEILING_SPLITS}
 * @param fdrQ          the false discovery rate q of the Benjamini-Hochberg procedure over the ICL gains
 *                      ({@link org.culturalign.metric.FalseDiscovery}), 0 &lt; q &lt; 1
 */
public record AnalysisOptions(int ceilingSplits, double fdrQ) {
    /** Default split-halves: the ceiling's Monte Carlo SD is then about 1/14 of the split-to-split SD. */
    public static final int DEFAULT_CEILING_SPLITS = 200;
    /** Upper bound of {@code --ceiling-splits} (cost grows with splits x respondents x items). */
    public static final int MAX_CEILING_SPLITS = 100_000;
    /** Default false discovery rate. */
    public static final double DEFAULT_FDR_Q = 0.05;
    /** The defaults. */
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(DEFAULT_CEILING_SPLITS, DEFAULT_FDR_Q);

    /** @throws InvalidInputException for splits outside 0..{@value #MAX_CEILING_SPLITS} or q outside (0, 1) */
    public AnalysisOptions {
        if (ceilingSplits < 0 || ceilingSplits > MAX_CEILING_SPLITS) {
            throw new InvalidInputException("--ceiling-splits: expected 0 (no ceiling) to " + MAX_CEILING_SPLITS
                    + ", got " + ceilingSplits);
        }
        if (!(fdrQ > 0 && fdrQ < 1)) {
            throw new InvalidInputException("--fdr-q: expected a false discovery rate between 0 and 1 (exclusive), "
                    + "got " + fdrQ);
        }
    }
}
