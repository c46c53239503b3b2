package org.culturalign.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.culturalign.icl.ShuffledOrder;
import org.culturalign.metric.Interval;

/**
 * The report's sensitivity section: similarity and ΔS at every k per selector (the k curve with CIs), and the spread
 * of ΔS over demonstration orders ({@code NAME@orderN} selectors, {@code eval --order-seeds N}). Pooled over the main
 * slice's (country, language, question) pairs; CIs are 95% percentile bootstrap intervals (1000 resamples, the run
 * seed), ΔS paired over the pairs scored at 0 and at k.
 */
final class SensitivitySection {
    private SensitivitySection() {
    }

    static void render(StringBuilder b, RunView v) {
        List<Integer> ks = v.shots.stream().filter(k -> k > 0).toList();
        Map<String, List<String>> orders = new LinkedHashMap<>();
        List<String> bases = new ArrayList<>();
        for (String sel : v.selectors) {
            var variant = ShuffledOrder.parse(sel);
            if (variant.isPresent()) {
                orders.computeIfAbsent(variant.get().base(), x -> new ArrayList<>()).add(sel);
            } else {
                bases.add(sel);
            }
        }
        if (ks.size() < 2 && orders.isEmpty()) {
            b.append("<p class=\"note\">The run has one k &gt; 0 and no demonstration orders: run e.g. <code>--shots "
                    + "0,1,2,3,5,8</code> for the k curve and <code>--order-seeds 3</code> for the order spread.</p>");
            return;
        }
        for (String model : v.models) {
            b.append("<h4>").append(Html.esc(model)).append(": similarity by k</h4>");
            b.append("<table class=\"num sensitivity-k\"><thead><tr><th>selector</th><th>k</th><th>S [95% CI]</th>"
                    + "<th>ΔS vs 0 [95% CI]</th><th>n pairs</th></tr></thead><tbody>");
            Interval zero = v.pooledSimilarity(model, "none", 0);
            if (zero != null) {
                b.append("<tr><td>–</td><td>0</td><td>").append(Html.f3(zero.estimate())).append(' ')
                        .append(Html.ci(zero.lower(), zero.upper())).append("</td><td>–</td><td>").append(zero.n())
                        .append("</td></tr>");
            }
            for (String sel : bases) {
                for (int k : ks) {
                    Interval s = v.pooledSimilarity(model, sel, k);
                    Interval g = v.pooledGain(model, sel, k);
                    if (s == null) {
                        continue;
                    }
                    b.append("<tr data-sel=\"").append(Html.esc(sel)).append("\" data-k=\"").append(k)
                            .append("\" data-gain=\"").append(g == null ? "" : Html.num(g.estimate())).append("\"><td>")
                            .append(Html.esc(sel)).append("</td><td>").append(k).append("</td><td>")
                            .append(Html.f3(s.estimate())).append(' ').append(Html.ci(s.lower(), s.upper()))
                            .append("</td><td>").append(g == null ? "–" : Html.s3(g.estimate()) + " "
                                    + Html.ci(g.lower(), g.upper())).append("</td><td>")
                            .append(g == null ? s.n() : g.n()).append("</td></tr>");
                }
            }
            b.append("</tbody></table>");
            if (!orders.isEmpty()) {
                b.append("<h4>").append(Html.esc(model)).append(": demonstration order</h4><table class=\"num "
                        + "sensitivity-order\"><thead><tr><th>selector</th><th>k</th><th>order</th><th>ΔS [95% CI]"
                        + "</th><th>n pairs</th></tr></thead><tbody>");
                for (Map.Entry<String, List<String>> e : orders.entrySet()) {
                    for (int k : ks) {
                        List<String> variants = new ArrayList<>();
                        variants.add(e.getKey());
                        variants.addAll(e.getValue());
                        List<Double> estimates = new ArrayList<>();
                        for (String sel : variants) {
                            Interval g = v.pooledGain(model, sel, k);
                            if (g == null) {
                                continue;
                            }
                            estimates.add(g.estimate());
                            b.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td>").append(k)
                                    .append("</td><td>").append(sel.equals(e.getKey()) ? "selector's own"
                                            : Html.esc(sel.substring(e.getKey().length() + 1))).append("</td><td>")
                                    .append(Html.s3(g.estimate())).append(' ').append(Html.ci(g.lower(), g.upper()))
                                    .append("</td><td>").append(g.n()).append("</td></tr>");
                        }
                        if (estimates.size() >= 2) {
                            double min = estimates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                            double max = estimates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                            double mean = estimates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                            double ss = estimates.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
                            b.append("<tr class=\"spread\" data-spread=\"").append(Html.num(max - min))
                                    .append("\"><td colspan=\"3\">spread over ").append(estimates.size())
                                    .append(" orders</td><td colspan=\"2\">max − min ")
                                    .append(String.format(Locale.ROOT, "%.3f", max - min)).append(", SD ")
                                    .append(String.format(Locale.ROOT, "%.3f", Math.sqrt(ss / (estimates.size() - 1))))
                                    .append("</td></tr>");
                        }
                    }
                }
                b.append("</tbody></table>");
            }
        }
        b.append("<p class=\"caption\">Main slice (format ").append(Html.esc(v.format)).append(", no persona), pooled "
                + "over (country, language, question). S: mean similarity of the probes with a bootstrap CI; ΔS: "
                + "paired with the same pairs at 0 shots. Order variants show the same demonstrations as their "
                + "selector, shuffled (NAME@orderN); a spread comparable to ΔS means the gain depends on order "
                + "as much as on the demonstrations.</p>");
    }
}
