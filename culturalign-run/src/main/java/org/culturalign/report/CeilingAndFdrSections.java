package org.culturalign.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Two report sections: the human ceiling (each main-slice cell's similarity next to the split-half agreement of the
 * country's own respondents) and the ICL gains that survive the Benjamini-Hochberg false discovery rate. Both read
 * only what {@code results.json} holds; files written before these fields existed get a note instead of a table.
 */
final class CeilingAndFdrSections {
    /** Gains listed at most in the FDR table (every gain is in icl_gains.csv). */
    static final int FDR_ROWS = 60;

    private CeilingAndFdrSections() {
    }

    static void ceiling(StringBuilder b, RunView v) {
        List<RunResults.Cell> cells = v.main(c -> c.ceiling() != null && c.n() > 0);
        if (cells.isEmpty()) {
            b.append("<p class=\"note\">This results.json has no human ceiling (written before it existed, or "
                    + "<code>--ceiling-splits 0</code>).</p>");
            return;
        }
        int splits = v.r.analysis().path("ceilingSplits").asInt(0);
        b.append("<p>How well do the country's own respondents agree with each other? Per question, the "
                + "similarity (1 − JSD) between two random halves of the country's respondents, averaged over ")
                .append(splits).append(" seeded splits; the cell's ceiling is the mean over its questions that have "
                        + "one, and S / ceiling is the model's similarity over the same questions as a fraction of "
                        + "it. Halves hold n/2 people, so the ceiling is conservative and a model can exceed it "
                        + "(S / ceiling &gt; 1). Where the survey file gives no respondent count n there is no "
                        + "ceiling, and the reason is shown.</p>");
        b.append("<table class=\"num ceiling\"><thead><tr><th>model</th><th>country</th><th>language</th>"
                + "<th>shots</th><th>S</th><th>ceiling</th><th>S / ceiling</th><th>questions with / without</th>"
                + "<th>why not</th></tr></thead><tbody>");
        for (RunResults.Cell c : cells) {
            RunResults.Ceiling h = c.ceiling();
            b.append("<tr><td>").append(Html.esc(c.model())).append("</td><td>").append(Html.esc(c.country()))
                    .append("</td><td>").append(Html.esc(c.language())).append("</td><td>").append(c.shots())
                    .append(c.shots() > 0 ? " " + Html.esc(c.selector()) : "").append("</td><td>")
                    .append(Html.f3(h.modelSimilarity())).append("</td><td>").append(Html.f3(h.ceiling()))
                    .append("</td><td data-fraction=\"").append(Html.num(h.fraction())).append("\">")
                    .append(h.fraction() == null ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * h.fraction()))
                    .append("</td><td>").append(h.questions()).append(" / ").append(h.questionsWithout())
                    .append("</td><td>").append(h.reason() == null ? "" : Html.esc(h.reason())).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"caption\">Main slice (format ").append(Html.esc(v.format))
                .append(", no persona). Per-question ceilings with their split spread: human_ceilings.csv and "
                        + "results.json <code>humanCeilings</code>.</p>");
    }

    static void fdr(StringBuilder b, RunView v) {
        List<RunResults.IclGain> tested = v.r.iclGains().stream().filter(g -> g.pAdjusted() != null)
                .sorted(Comparator.comparingDouble(RunResults.IclGain::pAdjusted)
                        .thenComparingDouble(RunResults.IclGain::pValue)).toList();
        if (tested.isEmpty()) {
            return;
        }
        double q = v.r.analysis().path("fdrQ").asDouble(Double.NaN);
        long surviving = tested.stream().filter(g -> Boolean.TRUE.equals(g.survivesFdr())).count();
        b.append("<h4>Which gains survive the false discovery rate</h4><p>Each country's gain is tested (paired "
                + "sign-flip test over its questions, two-sided, H0: ΔS = 0) and the Benjamini–Hochberg procedure "
                + "controls the false discovery rate over all ").append(tested.size())
                .append(" gains of the run at q = ")
                .append(Html.esc(String.format(Locale.ROOT, "%s", q))).append(": <b>").append(surviving)
                .append(" of ").append(tested.size()).append(" survive</b>.</p>");
        b.append("<table class=\"num fdr\"><thead><tr><th>model</th><th>country</th><th>language</th><th>selector"
                + "</th><th>format</th><th>persona</th><th>k</th><th>ΔS</th><th>n</th><th>p</th><th>p (BH)</th>"
                + "<th>survives</th></tr></thead><tbody>");
        for (RunResults.IclGain g : tested.subList(0, Math.min(FDR_ROWS, tested.size()))) {
            boolean s = Boolean.TRUE.equals(g.survivesFdr());
            b.append("<tr").append(s ? " class=\"survives\"" : "").append("><td>").append(Html.esc(g.model()))
                    .append("</td><td>").append(Html.esc(g.country())).append("</td><td>")
                    .append(Html.esc(g.language())).append("</td><td>").append(Html.esc(g.selector()))
                    .append("</td><td>").append(Html.esc(g.format())).append("</td><td>")
                    .append(g.persona() ? "yes" : "no").append("</td><td>").append(g.shots()).append("</td><td>")
                    .append(Html.s3(g.estimate())).append("</td><td>").append(g.n()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3g", g.pValue())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3g", g.pAdjusted())).append("</td><td>")
                    .append(s ? (g.estimate() > 0 ? "yes ▲" : "yes ▼") : "no").append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"caption\">Sorted by adjusted p. ");
        if (tested.size() > FDR_ROWS) {
            b.append("The first ").append(FDR_ROWS).append(" of ").append(tested.size())
                    .append(" are shown; all are in icl_gains.csv. ");
        }
        b.append("A gain whose bootstrap CI excludes 0 may still not survive: the CI is per gain, the FDR is over "
                + "all of them.</p>");
    }
}
