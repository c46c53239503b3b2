package org.culturalign.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Inglehart–Welzel cultural map section: reference countries, the model placed at 0 shots and at k shots for
 * each target country (arrows show the shift), the fit's leave-one-out error, and the distances table.
 */
final class CulturalMapSection {
    private static final Map<String, String> ZONE_COLORS = Map.of(
            "African-Islamic", "#c7a27c", "Catholic Europe", "#e3a6c4", "Confucian", "#d9c36a",
            "English-Speaking", "#9fc5e8", "Latin America", "#f2b36f", "Orthodox Europe", "#b7a6d9",
            "Protestant Europe", "#8fcfb3", "West & South Asia", "#d99a9a");

    private CulturalMapSection() {
    }

    /** Item id to the model's answer distribution, averaged over the samples matching {@code p} per item. */
    static Map<String, CodedDistribution> modelAnswers(List<Sample> samples, Predicate<Sample> p) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, int[]> codes = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Sample s : samples) {
            if (!MapDimension.ITEMS.contains(s.questionId()) || !p.test(s)) {
                continue;
            }
            int[] c = codes.computeIfAbsent(s.questionId(), q -> s.targetCodes());
            if (!java.util.Arrays.equals(c, s.targetCodes())) {
                continue; // a different presentation order: averaging needs one code order
            }
            double[] acc = sums.computeIfAbsent(s.questionId(), q -> new double[c.length]);
            for (int i = 0; i < acc.length; i++) {
                acc[i] += s.modelDistribution()[i];
            }
            counts.merge(s.questionId(), 1, Integer::sum);
        }
        Map<String, CodedDistribution> out = new LinkedHashMap<>();
        sums.forEach((q, acc) -> {
            double[] p2 = acc.clone();
            for (int i = 0; i < p2.length; i++) {
                p2[i] /= counts.get(q);
            }
            out.put(q, new CodedDistribution(codes.get(q), p2));
        });
        return out;
    }

    /** Country to item to the human distribution, from the samples' human distributions (full-scale formats). */
    static Map<String, Map<String, CodedDistribution>> humanAnswers(List<Run> runs) {
        Map<String, Map<String, CodedDistribution>> out = new java.util.TreeMap<>();
        for (Run run : runs) {
            for (Sample s : run.samples()) {
                if (MapDimension.ITEMS.contains(s.questionId()) && !s.format().equals("binary")) {
                    out.computeIfAbsent(s.country(), c -> new LinkedHashMap<>()).putIfAbsent(s.questionId(),
                            new CodedDistribution(s.targetCodes(), s.humanDistribution()));
                }
            }
        }
        return out;
    }

    /**
     * Country to item to the human distribution, from survey data (the bundled WVS-7 sample by default): every
     * country of the data, so the map is fitted on all of them whatever the run's grid.
     */
    static Map<String, Map<String, CodedDistribution>> humanAnswers(org.culturalign.survey.SurveyData data) {
        Map<String, Map<String, CodedDistribution>> out = new java.util.TreeMap<>();
        for (org.culturalign.survey.Country country : data.countries()) {
            for (String item : MapDimension.ITEMS) {
                data.question(item).ifPresent(q -> data.distribution(country, item).ifPresent(d -> out
                        .computeIfAbsent(country.code(), c -> new LinkedHashMap<>())
                        .put(item, new CodedDistribution(q.scale().codes().stream().mapToInt(Integer::intValue)
                                .toArray(), d.shares()))));
            }
        }
        return out;
    }

    static String render(RunView v, Map<String, Map<String, CodedDistribution>> fitAnswers, String fitSource) {
        StringBuilder b = new StringBuilder();
        if (v.format.equals("binary")) {
            return "<p class=\"note\">The map needs full-scale answers; this run has only the binary format.</p>";
        }
        Map<String, ReferencePositions.Position> ref = ReferencePositions.all();
        for (String model : v.models) {
            for (String lang : v.languages) {
                Predicate<Sample> base = s -> s.model().equals(model) && s.language().equals(lang)
                        && s.format().equals(v.format) && !s.persona();
                Map<String, CodedDistribution> zero = modelAnswers(v.run.samples(), base.and(s -> s.shots() == 0));
                List<MapDimension> dims = MapDimension.ALL.stream()
                        .filter(d -> !Double.isNaN(d.of(zero))).toList();
                b.append("<h4>").append(Html.esc(model)).append(" · ").append(Html.esc(lang)).append("</h4>");
                if (dims.isEmpty()) {
                    b.append("<p class=\"note\">Not placed: the run has none of the map items (")
                            .append(String.join(", ", MapDimension.ITEMS))
                            .append(") at 0 shots. Include them in the question set to see the map.</p>");
                    continue;
                }
                Optional<CulturalMapFit> fit = CulturalMapFit.fit(fitAnswers, dims, ref);
                if (fit.isEmpty()) {
                    b.append("<p class=\"note\">Not placed: fewer than ").append(CulturalMapFit.MIN_COUNTRIES)
                            .append(" countries in ").append(Html.esc(fitSource))
                            .append(" have both these items and a reference position.</p>");
                    continue;
                }
                CulturalMapFit f = fit.get();
                double[] p0 = f.place(zero).orElseThrow();
                String selector = v.selectors.isEmpty() ? null : v.selectors.get(0);
                Map<String, double[]> shifted = new LinkedHashMap<>();
                if (selector != null) {
                    for (String country : v.countries) {
                        Map<String, CodedDistribution> kk = modelAnswers(v.run.samples(), base.and(s -> s.shots() == v.k
                                && s.selector().equals(selector) && s.country().equals(country)));
                        f.place(kk).ifPresent(p -> shifted.put(country, p));
                    }
                }
                b.append(svg(p0, shifted, v.countries, ref, f));
                b.append("<p class=\"caption\">Model ").append(Html.esc(model)).append(" (").append(Html.esc(lang))
                        .append(") placed from its answers at 0 shots (black diamond)");
                if (selector != null) {
                    b.append(" and at ").append(v.k).append(" shots with the <code>").append(Html.esc(selector))
                            .append("</code> selector for each target country (arrows, coloured like the target's "
                                    + "reference position, ringed)");
                }
                b.append(". Small dots: reference countries, coloured by cultural zone (larger and labelled: the countries the map was fitted on; hover a dot for its code). Map fitted on ")
                        .append(f.countries().size()).append(" countries of ").append(Html.esc(fitSource))
                        .append(" from ").append(f.dimensions().size()).append(" of 10 dimensions; leave-one-out "
                                + "error: RMSE <b data-loo-rmse=\"").append(Html.num(f.looRmse())).append("\">")
                        .append(Html.f3(f.looRmse())).append("</b>, mean ").append(Html.f3(f.looMean()))
                        .append(" map units (n = ").append(f.looDistances().size()).append(").</p>");
                b.append("<table class=\"num\"><thead><tr><th>target country</th><th>reference (x, y)</th>"
                        + "<th>distance at 0 shots</th><th>distance at ").append(v.k).append(" shots</th>"
                        + "<th>change</th><th>LOO error of the country</th></tr></thead><tbody>");
                for (String country : v.countries) {
                    ReferencePositions.Position rp = ref.get(country);
                    if (rp == null) {
                        continue;
                    }
                    double d0 = rp.distanceTo(p0[0], p0[1]);
                    double[] pk = shifted.get(country);
                    Double dk = pk == null ? null : rp.distanceTo(pk[0], pk[1]);
                    b.append("<tr><td>").append(country).append("</td><td>")
                            .append(String.format(Locale.ROOT, "(%.2f, %.2f)", rp.x(), rp.y())).append("</td><td>")
                            .append(Html.f3(d0)).append("</td><td>").append(Html.f3(dk)).append("</td><td>")
                            .append(dk == null ? "–" : Html.s3(dk - d0)).append("</td><td>")
                            .append(Html.f3(f.looDistances().get(country))).append("</td></tr>");
                }
                b.append("</tbody></table>");
            }
        }
        return b.toString();
    }

    private static String svg(double[] p0, Map<String, double[]> shifted, List<String> targets,
                              Map<String, ReferencePositions.Position> ref, CulturalMapFit f) {
        double minX = -2.5;
        double maxX = 3.5;
        double minY = -2.5;
        double maxY = 2.5;
        List<double[]> pts = new ArrayList<>(shifted.values());
        pts.add(p0);
        ref.values().forEach(p -> pts.add(new double[] {p.x(), p.y()}));
        for (double[] p : pts) {
            minX = Math.min(minX, Math.floor(p[0] * 2) / 2);
            maxX = Math.max(maxX, Math.ceil(p[0] * 2) / 2);
            minY = Math.min(minY, Math.floor(p[1] * 2) / 2);
            maxY = Math.max(maxY, Math.ceil(p[1] * 2) / 2);
        }
        int w = 760;
        int h = 560;
        int l = 50;
        int t = 12;
        int pw = w - l - 16;
        int ph = h - t - 46;
        final double x0 = minX;
        final double x1 = maxX;
        final double y0 = minY;
        final double y1 = maxY;
        java.util.function.DoubleUnaryOperator sx = x -> l + (x - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = y -> t + (y1 - y) / (y1 - y0) * ph;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart map\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"10\">", w, h,
                w, h));
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" "
                + "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>"
                + "</marker></defs><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        for (double gx = Math.ceil(x0); gx <= x1; gx += 1) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%.0f</text>", sx.applyAsDouble(gx),
                    t, sx.applyAsDouble(gx), t + ph, gx == 0 ? "#bbb" : "#eee", sx.applyAsDouble(gx), t + ph + 14,
                    gx));
        }
        for (double gy = Math.ceil(y0); gy <= y1; gy += 1) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">%.0f</text>", l, sy.applyAsDouble(gy),
                    l + pw, sy.applyAsDouble(gy), gy == 0 ? "#bbb" : "#eee", l - 6, sy.applyAsDouble(gy) + 3, gy));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                + "fill=\"#222\">survival → self-expression values</text>", l + pw / 2, h - 8));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(13,%d) rotate(-90)\" text-anchor=\"middle\" "
                + "font-size=\"12\" fill=\"#222\">traditional → secular-rational values</text>", t + ph / 2));
        for (Map.Entry<String, ReferencePositions.Position> e : ref.entrySet()) {
            ReferencePositions.Position p = e.getValue();
            boolean target = targets.contains(e.getKey());
            boolean fitted = f.countries().contains(e.getKey());
            String fill = ZONE_COLORS.getOrDefault(p.zone(), "#ccc");
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>%s (%s)"
                    + "</title></circle>", sx.applyAsDouble(p.x()), sy.applyAsDouble(p.y()), fitted ? "3.5" : "2.5",
                    fill, e.getKey(), Html.esc(p.zone())));
            if (fitted && !target) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#888\">%s</text>",
                        sx.applyAsDouble(p.x()) + 4, sy.applyAsDouble(p.y()) - 3, e.getKey()));
            }
        }
        double zx = sx.applyAsDouble(p0[0]);
        double zy = sy.applyAsDouble(p0[1]);
        int i = 0;
        for (String country : targets) {
            String color = SvgCharts.PALETTE[i++ % SvgCharts.PALETTE.length];
            ReferencePositions.Position rp = ref.get(country);
            if (rp != null) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" "
                        + "stroke=\"%s\" stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" "
                        + "font-weight=\"bold\">%s</text>", sx.applyAsDouble(rp.x()), sy.applyAsDouble(rp.y()), color,
                        sx.applyAsDouble(rp.x()) + 8, sy.applyAsDouble(rp.y()) + 4, color, country));
            }
            double[] pk = shifted.get(country);
            if (pk != null) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/><circle cx=\"%.1f\" "
                        + "cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>model, %s shots toward %s</title></circle>", zx, zy,
                        sx.applyAsDouble(pk[0]), sy.applyAsDouble(pk[1]), color, sx.applyAsDouble(pk[0]),
                        sy.applyAsDouble(pk[1]), color, "k", country));
            }
        }
        b.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f l7,7 l-7,7 l-7,-7 z\" fill=\"#000\"><title>model, 0 "
                + "shots</title></path><text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">model · 0 shots</text>", zx,
                zy - 7, zx + 9, zy - 8));
        return b.append("</svg>").toString();
    }
}
