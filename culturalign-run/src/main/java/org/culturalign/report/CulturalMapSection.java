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
                b.append(svg(p0, shifted, v.countries, ref, f.countries(), v.k, selector));
                b.append("<p class=\"caption\">Model ").append(Html.esc(model)).append(" (").append(Html.esc(lang))
                        .append(") placed from its answers at 0 shots (black diamond)");
                if (selector != null) {
                    b.append(" and at ").append(v.k).append(" shots with the <code>").append(Html.esc(selector))
                            .append("</code> selector for each target country (arrows, coloured like the target's "
                                    + "reference position, ringed)");
                }
                b.append(". Dots: reference countries, coloured by cultural zone (larger and labelled: the countries "
                        + "the map was fitted on; hover a dot for its code); the legend under the map lists the marks. "
                        + "Both axes use the same scale, so distances read the same in every direction. Map fitted on ")
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

    /** Margin around the outermost plotted point, in map units, so no marker touches the frame. */
    static final double MARGIN = 0.3;

    /** Approximate advance of one character of the 10 px sans-serif labels, to keep labels inside the frame. */
    private static final double CHAR_W = 6.5;

    /**
     * The map as an SVG whose axis ranges hold every plotted point (reference countries, the model at 0 shots, the
     * model at k shots) with {@link #MARGIN}; labels that would leave the picture are placed on the other side of
     * their point. A legend under the axes explains the marks.
     *
     * @param p0 the model's position at 0 shots (x, y)
     * @param shifted target country to the model's position at k shots
     * @param targets the run's target countries, in colour order
     * @param fitted the countries the map was fitted on (drawn larger and labelled)
     * @param k the number of shots of the shifted positions
     * @param selector the selector of the shifted positions, or null when there are none
     */
    static String svg(double[] p0, Map<String, double[]> shifted, List<String> targets,
                      Map<String, ReferencePositions.Position> ref, java.util.Collection<String> fitted, int k,
                      String selector) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        List<double[]> pts = new ArrayList<>(shifted.values());
        pts.add(p0);
        ref.values().forEach(p -> pts.add(new double[] {p.x(), p.y()}));
        for (double[] p : pts) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        // outward to the next half unit beyond the margin: tidy frame edges, every point strictly inside
        final double x0 = Math.floor((minX - MARGIN) * 2) / 2;
        final double x1 = Math.ceil((maxX + MARGIN) * 2) / 2;
        final double y0 = Math.floor((minY - MARGIN) * 2) / 2;
        final double y1 = Math.ceil((maxY + MARGIN) * 2) / 2;
        int w = 760;
        int l = 50;
        int t = 12;
        int pw = w - l - 16;
        // one map unit as many pixels on both axes, so distances read the same in every direction
        double unit = pw / (x1 - x0);
        int ph = (int) Math.round((y1 - y0) * unit);
        if (ph > 620) {
            ph = 620;
            unit = ph / (y1 - y0);
            pw = (int) Math.round((x1 - x0) * unit);
        }
        final double u = unit;
        java.util.function.DoubleUnaryOperator sx = x -> l + (x - x0) * u;
        java.util.function.DoubleUnaryOperator sy = y -> t + (y1 - y) * u;
        Legend legend = new Legend(w, t + ph + 48);
        legend.diamond("model, 0 shots");
        if (selector != null) {
            legend.arrow("model, " + k + " shots (" + selector + ") for a target country");
        }
        legend.ring("target country (reference position)");
        legend.dot(3.5, "#999", "reference country the map was fitted on");
        legend.dot(2.5, "#999", "other reference country");
        legend.newRow();
        new java.util.TreeMap<>(ZONE_COLORS).forEach((zone, color) -> legend.dot(4, color, zone));
        int h = legend.bottom() + 8;

        Labels labels = new Labels(w, t + ph);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart map\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"10\">", w, h,
                w, h));
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" "
                + "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>"
                + "</marker></defs><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        b.append(String.format(Locale.ROOT, "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                + "fill=\"none\" stroke=\"#ccc\"/>", l, t, pw, ph));
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
                + "fill=\"#222\">survival → self-expression values</text>", l + pw / 2, t + ph + 32));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(13,%d) rotate(-90)\" text-anchor=\"middle\" "
                + "font-size=\"12\" fill=\"#222\">traditional → secular-rational values</text>", t + ph / 2));
        double zx = sx.applyAsDouble(p0[0]);
        double zy = sy.applyAsDouble(p0[1]);
        // labels of the model and the targets first: they matter most, the others make way
        StringBuilder top = new StringBuilder();
        labels.reserve(zx, zy, 7);
        top.append(labels.label(zx, zy, -9, 9, "model · 0 shots", "font-weight=\"bold\""));
        int ti = 0;
        for (String country : targets) {
            String color = SvgCharts.PALETTE[ti++ % SvgCharts.PALETTE.length];
            ReferencePositions.Position rp = ref.get(country);
            if (rp != null) {
                double px = sx.applyAsDouble(rp.x());
                double py = sy.applyAsDouble(rp.y());
                labels.reserve(px, py, 7);
                top.append(labels.label(px, py, 4, 9, country, "fill=\"" + color + "\" font-weight=\"bold\""));
            }
        }
        for (Map.Entry<String, ReferencePositions.Position> e : ref.entrySet()) {
            ReferencePositions.Position p = e.getValue();
            boolean target = targets.contains(e.getKey());
            boolean isFitted = fitted.contains(e.getKey());
            String fill = ZONE_COLORS.getOrDefault(p.zone(), "#ccc");
            double px = sx.applyAsDouble(p.x());
            double py = sy.applyAsDouble(p.y());
            b.append(String.format(Locale.ROOT, "<circle class=\"ref\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\">"
                    + "<title>%s (%s)</title></circle>", px, py, isFitted ? "3.5" : "2.5", fill, e.getKey(),
                    Html.esc(p.zone())));
            if (isFitted && !target) {
                b.append(labels.label(px, py, -3, 4, e.getKey(), "fill=\"#888\""));
            }
        }
        int i = 0;
        for (String country : targets) {
            String color = SvgCharts.PALETTE[i++ % SvgCharts.PALETTE.length];
            ReferencePositions.Position rp = ref.get(country);
            if (rp != null) {
                double px = sx.applyAsDouble(rp.x());
                double py = sy.applyAsDouble(rp.y());
                b.append(String.format(Locale.ROOT, "<circle class=\"target\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
                        + "fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", px, py, color));
            }
            double[] pk = shifted.get(country);
            if (pk != null) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/><circle class=\"model-k\" "
                        + "cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>model, %d shots toward %s</title>"
                        + "</circle>", zx, zy, sx.applyAsDouble(pk[0]), sy.applyAsDouble(pk[1]), color,
                        sx.applyAsDouble(pk[0]), sy.applyAsDouble(pk[1]), color, k, country));
            }
        }
        b.append(String.format(Locale.ROOT, "<path class=\"model-0\" d=\"M%.1f,%.1f l7,7 l-7,7 l-7,-7 z\" fill=\"#000\">"
                + "<title>model, 0 shots</title></path>", zx, zy - 7));
        b.append(top);
        b.append(legend.svg());
        return b.append("</svg>").toString();
    }

    /**
     * Places labels beside their points: right of the point, else left of it (anchored at its end) when it would leave
     * the picture, trying above and below the point so labels do not print over each other.
     */
    private static final class Labels {
        private final int width;
        private final int height;
        private final List<double[]> taken = new ArrayList<>();

        Labels(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** Reserves a mark's area (a square of half-size {@code r} around it) so labels avoid it. */
        void reserve(double cx, double cy, double r) {
            taken.add(new double[] {cx - r, cy - r, cx + r, cy + r});
        }

        /**
         * @param dy the preferred baseline offset from the point (negative: above)
         * @param gap horizontal distance from the point
         */
        String label(double px, double py, double dy, double gap, String text, String attrs) {
            double w = text.length() * CHAR_W;
            double[][] candidates = {{gap, dy}, {gap, dy < 0 ? 11 : -3}, {-gap - w, dy}, {-gap - w, dy < 0 ? 11 : -3},
                {gap, dy < 0 ? dy - 9 : dy + 9}, {-gap - w, dy < 0 ? dy - 9 : dy + 9}};
            double[] chosen = null;
            double[] fallback = null;
            for (double[] c : candidates) {
                double[] box = {px + c[0], py + c[1] - 9, px + c[0] + w, py + c[1] + 2};
                if (box[0] < 2 || box[2] > width - 2 || box[1] < 2 || box[3] > height - 2) {
                    continue;
                }
                if (fallback == null) {
                    fallback = box;
                }
                if (taken.stream().noneMatch(t -> t[0] < box[2] && box[0] < t[2] && t[1] < box[3] && box[1] < t[3])) {
                    chosen = box;
                    break;
                }
            }
            double[] box = chosen != null ? chosen : fallback != null ? fallback
                    : new double[] {Math.max(2, Math.min(px + gap, width - 2 - w)), py + dy - 9, 0, py + dy + 2};
            box[2] = box[0] + w;
            taken.add(box);
            return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>", box[0], box[1] + 9, attrs,
                    Html.esc(text));
        }
    }

    /** The map's legend: marks with their meaning, laid out left to right and wrapped to the picture's width. */
    private static final class Legend {
        private static final int ROW_H = 18;
        private final int width;
        private final StringBuilder b = new StringBuilder();
        private final int top;
        private int x = 50;
        private int row;

        Legend(int width, int top) {
            this.width = width;
            this.top = top;
        }

        private double place(String text) {
            int itemW = 22 + (int) Math.ceil(text.length() * CHAR_W) + 14;
            if (x > 50 && x + itemW > width - 8) {
                newRow();
            }
            double cy = top + row * ROW_H + ROW_H / 2.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#333\">%s</text>", x + 22, cy + 3.5,
                    Html.esc(text)));
            double mark = x + 9;
            x += itemW;
            return mark;
        }

        private double cy() {
            return top + row * ROW_H + ROW_H / 2.0;
        }

        void newRow() {
            if (x > 50) {
                row++;
                x = 50;
            }
        }

        void diamond(String text) {
            double mx = place(text);
            b.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f l6,6 l-6,6 l-6,-6 z\" fill=\"#000\"/>", mx,
                    cy() - 6));
        }

        void arrow(String text) {
            double mx = place(text);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#0072B2\" "
                    + "stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                    + "fill=\"#0072B2\"/>", mx - 9, cy(), mx + 7, cy(), mx + 7, cy()));
        }

        void ring(String text) {
            double mx = place(text);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"none\" stroke=\"#0072B2\" "
                    + "stroke-width=\"2\"/>", mx, cy()));
        }

        void dot(double r, String color, String text) {
            double mx = place(text);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", mx, cy(), r,
                    color));
        }

        int bottom() {
            return top + (row + 1) * ROW_H;
        }

        String svg() {
            return "<g class=\"legend\">" + b + "</g>";
        }
    }
}
