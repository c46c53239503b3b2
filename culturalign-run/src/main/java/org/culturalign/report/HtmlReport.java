package org.culturalign.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.culturalign.metric.Interval;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Renders runs as one self-contained HTML page: inline CSS, inline SVG charts, no script, nothing fetched.
 * Each section is a {@code <section id="...">}; every figure states its n. Sections and methods: docs/report.md.
 */
final class HtmlReport {
    /** Drill-down probes shown per run at most (all probes are in samples.jsonl). */
    static final int DRILL_DOWN_CAP = DrillDown.CAP;

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<RunView> views;
    private final Map<String, Map<String, CodedDistribution>> fitAnswers;
    private final String fitSource;
    private final StringBuilder b = new StringBuilder(1 << 16);

    HtmlReport(List<Run> runs, Map<String, Map<String, CodedDistribution>> fitAnswers, String fitSource) {
        this.views = runs.stream().map(RunView::new).toList();
        this.fitAnswers = fitAnswers;
        this.fitSource = fitSource;
    }

    String render() {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>culturalign report</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<header><h1>Cultural alignment report</h1><p class=\"sub\">");
        b.append(views.size() == 1 ? Html.esc(views.get(0).run.label()) : views.size() + " runs compared");
        b.append(" · data: <span class=\"data-source\">").append(Html.esc(dataSources())).append("</span>");
        b.append(" · similarity = 1 − Jensen–Shannon distance between the model's and the country's answer "
                + "distributions (as in Durmus et al. 2023); higher is closer. All numbers are read from "
                + "results.json and samples.jsonl.</p></header>\n<main>\n");
        if (views.size() > 1) {
            b.append("<section id=\"comparison\"><h2>Runs side by side</h2>");
            headlineTable(true);
            b.append("</section>\n");
        }
        for (int i = 0; i < views.size(); i++) {
            RunView v = views.get(i);
            String id = views.size() > 1 ? "run" + (i + 1) + "-" : "";
            b.append("<article class=\"run\" id=\"").append(id).append("run\">");
            if (views.size() > 1) {
                b.append("<h2 class=\"runtitle\">Run ").append(i + 1).append(": ").append(Html.esc(v.run.label()))
                        .append("</h2>");
            }
            warnings(v);
            if (v.run.samples().isEmpty()) {
                // nothing to chart: say so, and keep what is known (why, and where the failures are listed)
                section(id + "headline", "Headline", () -> b.append("<p class=\"empty\">No probe of this run was "
                        + "scored (").append(v.r.counts().path("probesFailed").asLong(0)).append(" failed, listed with "
                        + "their reasons in failures.csv). Rerun the run to try the failed probes again.</p>"));
                section(id + "provenance", "Provenance", () -> provenance(v));
                b.append("</article>\n");
                continue;
            }
            section(id + "headline", "Headline", () -> headline(v));
            section(id + "human-ceiling", "Human ceiling: how far from the country's own agreement?",
                    () -> CeilingAndFdrSections.ceiling(b, v));
            section(id + "whose-opinions", "Whose opinions does the model reflect?", () -> whoseOpinions(v));
            section(id + "icl-gain", "In-context alignment: gain per country", () -> iclGain(v));
            section(id + "shots", "Similarity vs number of demonstrations", () -> shotsCurve(v));
            section(id + "sensitivity", "Sensitivity: number and order of demonstrations",
                    () -> SensitivitySection.render(b, v));
            section(id + "languages", "Per-language comparison", () -> languages(v));
            section(id + "heatmap", "Category × country", () -> heatmap(v));
            section(id + "robustness", "Robustness across prompt formats", () -> robustness(v));
            section(id + "cultural-map", "Inglehart–Welzel cultural map", () -> b.append(
                    CulturalMapSection.render(v, fitAnswers, fitSource)));
            section(id + "paper-table", "Table: similarity at 0 → " + v.k + " shots", () -> paperTable(v));
            section(id + "drill-down", "Per-question drill-down", () -> drillDown(v));
            section(id + "provenance", "Provenance", () -> provenance(v));
            b.append("</article>\n");
        }
        b.append("</main><footer>culturalign report · schema culturalign.results/1 · see docs/report.md for the "
                + "methods</footer></body></html>\n");
        return b.toString();
    }

    /**
     * The runs' survey data as recorded in their provenance ("name (version)"), distinct ones joined: the subtitle
     * names the data so a metric citation is not read as the data source.
     */
    String dataSources() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (RunView v : views) {
            JsonNode d = v.r.provenance().path("data");
            String name = d.path("name").asText("");
            String version = d.path("version").asText("");
            if (name.isEmpty() && version.isEmpty()) {
                names.add("unknown (no provenance.data in results.json)");
            } else {
                names.add(name.isEmpty() ? version : version.isEmpty() ? name : name + " (" + version + ")");
            }
        }
        return String.join("; ", names);
    }

    private void section(String id, String title, Runnable body) {
        b.append("<section id=\"").append(id).append("\"><h3>").append(Html.esc(title)).append("</h3>");
        body.run();
        b.append("</section>\n");
    }

    private void warnings(RunView v) {
        List<String> lines = new ArrayList<>(v.r.warnings());
        if (v.r.demoModel() && lines.stream().noneMatch(l -> l.startsWith("demo model"))) {
            lines.add(0, "demo model: random weights, its numbers are meaningless");
        }
        if (v.r.lowCoverageCells() > 0 && lines.stream().noneMatch(l -> l.startsWith("low coverage"))) {
            lines.add("low coverage: " + v.r.lowCoverageCells() + " cell(s) below mean coverage "
                    + Html.f3(v.r.coverageThreshold()));
        }
        if (!lines.isEmpty()) {
            b.append("<div class=\"banner\" role=\"alert\"><b>Read with care.</b><ul>");
            lines.forEach(l -> b.append("<li>").append(Html.esc(l)).append("</li>"));
            b.append("</ul></div>");
        }
    }

    private void headline(RunView v) {
        b.append("<p>Main slice: format <code>").append(Html.esc(v.format)).append("</code>, no persona; means "
                + "over all probes of the slice (n = probes). ΔS: paired over (country, language, question), 95% "
                + "percentile bootstrap CI (1000 resamples, run seed), computed from samples.jsonl.</p>");
        headlineTableFor(List.of(v), false);
    }

    private void headlineTable(boolean withRun) {
        headlineTableFor(views, withRun);
    }

    private void headlineTableFor(List<RunView> vs, boolean withRun) {
        b.append("<table class=\"num headline\"><thead><tr>").append(withRun ? "<th>run</th>" : "")
                .append("<th>model</th><th>selector</th><th>S(0)</th><th>S(k)</th><th>ΔS [95% CI]</th>"
                        + "<th>n pairs</th><th>countries</th><th>uniform</th><th>random option</th><th>global</th>"
                        + "<th>n (0-shot)</th></tr></thead><tbody>");
        for (RunView v : vs) {
            for (RunView.Headline h : v.headlines()) {
                Interval g = h.gain();
                b.append("<tr>");
                if (withRun) {
                    b.append("<td>").append(Html.esc(v.run.label())).append("</td>");
                }
                b.append("<td>").append(Html.esc(h.model())).append("</td><td>").append(Html.esc(h.selector()))
                        .append(h.k() > 0 ? " (k=" + h.k() + ")" : "").append("</td>")
                        .append("<td data-s0=\"").append(Html.num(h.zero().mean())).append("\">")
                        .append(Html.f3(h.zero().mean())).append("</td><td>")
                        .append(h.kShot() == null ? "–" : Html.f3(h.kShot().mean())).append("</td><td class=\"")
                        .append(g != null && g.excludesZero() ? (g.estimate() > 0 ? "up" : "down") : "")
                        .append("\">").append(g == null ? "–" : Html.s3(g.estimate()) + " "
                                + Html.ci(g.lower(), g.upper())).append("</td><td>")
                        .append(g == null ? "–" : g.n()).append("</td><td>").append(h.countries()).append("</td><td>")
                        .append(Html.f3(h.uniform().mean())).append("</td><td>").append(Html.f3(h.randomOption().mean()))
                        .append("</td><td>").append(Html.f3(h.global().mean())).append("</td><td>")
                        .append(h.zero().n()).append("</td></tr>");
            }
        }
        b.append("</tbody></table><p class=\"caption\">Baselines answer every probe with the uniform "
                + "distribution, one option at random (expected value), or the mean distribution of the other "
                + "countries (global); a model below \"global\" matches a country less than the average of the other "
                + "countries does.</p>");
    }

    /**
     * Sections that compare with 0 shots say so, instead of drawing empty charts, when the run has no 0-shot cells
     * (e.g. {@code --shots 2}).
     */
    private boolean noZeroShot(RunView v) {
        if (v.shots.contains(0)) {
            return false;
        }
        b.append("<p class=\"note\">The run has no 0-shot cells (shots: ").append(Html.esc(v.shots.toString()))
                .append("); this section compares with 0 shots. Add 0 to <code>--shots</code> to see it.</p>");
        return true;
    }

    private void whoseOpinions(RunView v) {
        if (noZeroShot(v)) {
            return;
        }
        for (String model : v.models) {
            List<String> order = v.countriesBy0Shot(model);
            CategoryChart c = new CategoryChartBuilder().width(760).height(320).xAxisTitle("country")
                    .yAxisTitle("similarity at 0 shots").build();
            SvgCharts.style(c.getStyler());
            c.getStyler().setAvailableSpaceFill(0.7);
            c.getStyler().setOverlapped(false);
            for (String lang : v.languages) {
                List<String> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (String country : order) {
                    Optional<RunResults.Cell> cell = v.cell(model, country, lang, 0, "none", v.format);
                    xs.add(country);
                    double y = cell.map(RunView::sim).orElse(Double.NaN);
                    ys.add(Double.isNaN(y) ? 0 : y);
                }
                c.addSeries(lang, xs, ys);
            }
            SvgCharts.similarityBars(c);
            b.append("<h4>").append(Html.esc(model)).append("</h4><figure>").append(SvgCharts.svg(c))
                    .append("<figcaption>Countries ranked by the model's 0-shot, no-persona similarity (the "
                            + "ranking Durmus et al. 2023 report), one bar per language. n per bar in the table."
                            + "</figcaption></figure>");
            b.append("<table class=\"num\"><thead><tr><th>rank</th><th>country</th>");
            v.languages.forEach(l -> b.append("<th>").append(Html.esc(l)).append(" S(0) [95% CI]</th><th>n</th>"));
            b.append("</tr></thead><tbody>");
            int rank = 1;
            for (String country : order) {
                b.append("<tr><td>").append(rank++).append("</td><td>").append(country).append("</td>");
                for (String lang : v.languages) {
                    Optional<RunResults.Summary> s = v.cell(model, country, lang, 0, "none", v.format)
                            .map(c2 -> c2.metric(RunView.SIMILARITY));
                    b.append("<td>").append(s.map(x -> Html.f3(x.mean()) + " " + Html.ciLevel(x.ciLower(), x.ciUpper()))
                            .orElse("–")).append("</td><td>").append(s.map(x -> String.valueOf(x.n())).orElse("–"))
                            .append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</tbody></table>");
        }
    }

    private void iclGain(RunView v) {
        if (noZeroShot(v)) {
            return;
        }
        if (v.selectors.isEmpty()) {
            b.append("<p class=\"note\">The run has no k-shot cells.</p>");
            return;
        }
        for (String model : v.models) {
            List<SvgCharts.ForestRow> rows = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (String lang : v.languages) {
                for (String sel : v.selectors) {
                    groups.add(lang + " · " + sel);
                }
            }
            for (String country : v.countriesBy0Shot(model)) {
                int g = 0;
                for (String lang : v.languages) {
                    for (String sel : v.selectors) {
                        int gi = g++;
                        v.gain(model, country, lang, sel).ifPresent(x -> rows.add(new SvgCharts.ForestRow(
                                country + (groups.size() > 1 ? " · " + lang + " · " + sel : ""), x.estimate(),
                                x.ciLower(), x.ciUpper(), x.n(), gi)));
                    }
                }
            }
            b.append("<h4>").append(Html.esc(model)).append("</h4><figure>")
                    .append(SvgCharts.forest(rows, groups, "ΔS = S(" + v.k + " shots) − S(0 shots), 95% CI"))
                    .append("<figcaption>ICL gain per country (paired over questions; CI as written in "
                            + "results.json). n = paired questions.</figcaption></figure>");
        }
        List<RunResults.Significance> sig = v.r.significance().stream()
                .filter(s -> s.metric().equals(RunView.SIMILARITY)).toList();
        if (!sig.isEmpty()) {
            b.append("<table class=\"num\"><thead><tr><th>model</th><th>language</th><th>selector</th><th>format"
                    + "</th><th>persona</th><th>k</th><th>mean gain</th><th>W</th><th>p</th><th>countries</th>"
                    + "</tr></thead><tbody>");
            for (RunResults.Significance s : sig) {
                b.append("<tr><td>").append(Html.esc(s.model())).append("</td><td>").append(Html.esc(s.language()))
                        .append("</td><td>").append(Html.esc(s.selector())).append("</td><td>")
                        .append(Html.esc(s.format())).append("</td><td>").append(s.persona() ? "yes" : "no")
                        .append("</td><td>").append(s.shots()).append("</td><td>").append(Html.s3(s.meanGain()))
                        .append("</td><td>").append(Html.f3(s.statistic())).append("</td><td>")
                        .append(s.pValue() == null ? "–" : String.format(Locale.ROOT, "%.3g", s.pValue()))
                        .append("</td><td>").append(s.nCountries()).append("</td></tr>");
            }
            b.append("</tbody></table><p class=\"caption\">Does k shots beat 0 shots across countries? "
                    + "Wilcoxon signed-rank test over country means (one-sided as written by eval).</p>");
        }
        CeilingAndFdrSections.fdr(b, v);
    }

    private void shotsCurve(RunView v) {
        if (v.shots.size() < 2) {
            b.append("<p class=\"note\">The run has one number of shots only.</p>");
            return;
        }
        for (String model : v.models) {
            List<SvgCharts.Line> lines = new ArrayList<>();
            StringBuilder ns = new StringBuilder();
            RunView.Pooled zero = RunView.pooled(v.main(x -> x.model().equals(model) && x.shots() == 0),
                    RunView::sim);
            int color = 0;
            for (String sel : v.selectors) {
                List<double[]> pts = new ArrayList<>();
                if (zero.n() > 0) {
                    pts.add(new double[] {0, zero.mean()});
                }
                ns.append(sel).append(": k=0 n=").append(zero.n());
                for (int k : v.shots) {
                    if (k == 0) {
                        continue;
                    }
                    RunView.Pooled p = RunView.pooled(v.main(x -> x.model().equals(model) && x.shots() == k
                            && x.selector().equals(sel)), RunView::sim);
                    if (p.n() > 0) {
                        pts.add(new double[] {k, p.mean()});
                        ns.append(", k=").append(k).append(" n=").append(p.n());
                    }
                }
                ns.append("; ");
                lines.add(new SvgCharts.Line(sel, pts, SvgCharts.PALETTE[color++ % SvgCharts.PALETTE.length], false));
            }
            RunView.Pooled global = RunView.pooled(v.main(x -> x.model().equals(model) && x.shots() == 0),
                    x -> x.baseline("global", RunView.SIMILARITY));
            if (!Double.isNaN(global.mean())) {
                lines.add(new SvgCharts.Line("global baseline", List.of(new double[] {v.shots.get(0), global.mean()},
                        new double[] {v.k, global.mean()}), "#777777", true));
            }
            b.append("<h4>").append(Html.esc(model)).append("</h4><figure>")
                    .append(SvgCharts.lineChart(lines, v.shots.stream().map(Integer::doubleValue).toList(),
                            "demonstrations (k)", "mean similarity"))
                    .append("<figcaption>Mean similarity over countries and languages (main slice) by number of "
                            + "demonstrations, per selector; dashed: the global baseline (the mean distribution of "
                            + "the other countries, at 0 shots). The y axis spans the plotted values only. ")
                    .append(Html.esc(ns.toString().replaceAll("; $", "."))).append("</figcaption></figure>");
        }
    }

    private void languages(RunView v) {
        for (String model : v.models) {
            CategoryChart c = new CategoryChartBuilder().width(760).height(280).xAxisTitle("language")
                    .yAxisTitle("mean similarity").build();
            SvgCharts.style(c.getStyler());
            c.getStyler().setAvailableSpaceFill(0.6);
            List<String> series = new ArrayList<>(List.of("0 shots"));
            v.selectors.forEach(s -> series.add(v.k + " shots · " + s));
            b.append("<h4>").append(Html.esc(model)).append("</h4>");
            StringBuilder table = new StringBuilder("<table class=\"num\"><thead><tr><th>language</th>");
            series.forEach(s -> table.append("<th>").append(Html.esc(s)).append("</th><th>n</th>"));
            table.append("</tr></thead><tbody>");
            List<List<Double>> ys = new ArrayList<>();
            series.forEach(s -> ys.add(new ArrayList<>()));
            for (String lang : v.languages) {
                table.append("<tr><td>").append(Html.esc(lang)).append("</td>");
                for (int i = 0; i < series.size(); i++) {
                    String sel = i == 0 ? null : v.selectors.get(i - 1);
                    RunView.Pooled p = RunView.pooled(v.main(x -> x.model().equals(model) && x.language().equals(lang)
                            && (sel == null ? x.shots() == 0 : x.shots() == v.k && x.selector().equals(sel))),
                            RunView::sim);
                    ys.get(i).add(Double.isNaN(p.mean()) ? 0 : p.mean());
                    table.append("<td>").append(Html.f3(p.mean())).append("</td><td>").append(p.n()).append("</td>");
                }
                table.append("</tr>");
            }
            for (int i = 0; i < series.size(); i++) {
                c.addSeries(series.get(i), v.languages, ys.get(i));
            }
            SvgCharts.similarityBars(c);
            b.append("<figure>").append(SvgCharts.svg(c)).append("<figcaption>Mean similarity per language over "
                    + "all countries (main slice); n in the table.</figcaption></figure>").append(table)
                    .append("</tbody></table>");
        }
    }

    private void heatmap(RunView v) {
        if (noZeroShot(v)) {
            return;
        }
        for (String model : v.models) {
            Map<String, Map<String, double[]>> zero = v.byCategoryCountry(s -> s.model().equals(model)
                    && s.shots() == 0 && s.format().equals(v.format) && !s.persona());
            b.append("<h4>").append(Html.esc(model)).append(" · similarity at 0 shots</h4>");
            heatTable(v, zero, false);
            if (!v.selectors.isEmpty()) {
                String sel = v.selectors.get(0);
                Map<String, Map<String, double[]>> kk = v.byCategoryCountry(s -> s.model().equals(model)
                        && s.shots() == v.k && s.selector().equals(sel) && s.format().equals(v.format)
                        && !s.persona());
                Map<String, Map<String, double[]>> delta = new java.util.TreeMap<>();
                kk.forEach((cat, row) -> row.forEach((country, a) -> {
                    double[] z = zero.getOrDefault(cat, Map.of()).get(country);
                    if (z != null) {
                        delta.computeIfAbsent(cat, x -> new java.util.TreeMap<>()).put(country,
                                new double[] {a[0] - z[0], Math.min(a[1], z[1])});
                    }
                }));
                b.append("<h4>").append(Html.esc(model)).append(" · change at ").append(v.k).append(" shots (")
                        .append(Html.esc(sel)).append(")</h4>");
                heatTable(v, delta, true);
            }
        }
        b.append("<p class=\"caption\">Mean over the probes of each category and country (main slice, pooled over "
                + "languages); n in each cell. Change: mean at k shots minus mean at 0 shots over the same category "
                + "(n = the smaller count).</p>");
    }

    private void heatTable(RunView v, Map<String, Map<String, double[]>> m, boolean diverging) {
        b.append("<table class=\"heat\"><thead><tr><th>category</th>");
        v.countries.forEach(c -> b.append("<th>").append(c).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (Map.Entry<String, Map<String, double[]>> row : m.entrySet()) {
            b.append("<tr><th>").append(Html.esc(row.getKey())).append("</th>");
            for (String country : v.countries) {
                double[] a = row.getValue().get(country);
                if (a == null) {
                    b.append("<td class=\"empty\">–</td>");
                    continue;
                }
                String bg = diverging ? diverging(a[0]) : sequential(a[0]);
                b.append("<td style=\"background:").append(bg).append("\" title=\"n=").append((int) a[1]).append("\">")
                        .append(diverging ? Html.s3(a[0]) : Html.f3(a[0])).append("<small>n=").append((int) a[1])
                        .append("</small></td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
    }

    /** White (0.4 and below) to blue (1.0). */
    private static String sequential(double v) {
        double t = Math.max(0, Math.min(1, (v - 0.4) / 0.6));
        return rgb(255 - t * (255 - 33), 255 - t * (255 - 102), 255 - t * (255 - 172), t > 0.65);
    }

    /** Red (−0.1) to white (0) to blue (+0.1). */
    private static String diverging(double v) {
        double t = Math.max(-1, Math.min(1, v / 0.1));
        // white text on the saturated ends, where black text on dark blue or red is hard to read
        return t >= 0 ? rgb(255 - t * (255 - 33), 255 - t * (255 - 102), 255 - t * (255 - 172), t > 0.65)
                : rgb(255 + t * (255 - 214), 255 + t * (255 - 96), 255 + t * (255 - 77), t < -0.65);
    }

    private static String rgb(double r, double g, double bl, boolean darkText) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)%s", Math.round(r), Math.round(g), Math.round(bl),
                darkText ? ";color:#fff" : "");
    }

    private void robustness(RunView v) {
        List<String> fmts = v.formats;
        if (fmts.size() < 2) {
            b.append("<p class=\"note\">The run has one prompt format (<code>").append(Html.esc(v.format))
                    .append("</code>); pass several formats (full, reversed, shuffled, numeric, binary) to see how "
                            + "much the answers move with the presentation (Khan et al. 2025).</p>");
            return;
        }
        for (String model : v.models) {
            CategoryChart c = new CategoryChartBuilder().width(760).height(300).xAxisTitle("country")
                    .yAxisTitle("similarity at 0 shots").build();
            SvgCharts.style(c.getStyler());
            c.getStyler().setAvailableSpaceFill(0.75);
            StringBuilder t = new StringBuilder("<table class=\"num\"><thead><tr><th>country</th>");
            fmts.forEach(f -> t.append("<th>").append(Html.esc(f)).append("</th>"));
            t.append("<th>spread (max − min)</th><th>n</th></tr></thead><tbody>");
            List<List<Double>> ys = new ArrayList<>();
            fmts.forEach(f -> ys.add(new ArrayList<>()));
            for (String country : v.countries) {
                t.append("<tr><td>").append(country).append("</td>");
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (int i = 0; i < fmts.size(); i++) {
                    String f = fmts.get(i);
                    RunView.Pooled p = RunView.pooled(v.r.cells().stream().filter(x -> x.model().equals(model)
                            && x.country().equals(country) && x.shots() == 0 && x.format().equals(f)
                            && !x.persona()).toList(), RunView::sim);
                    ys.get(i).add(Double.isNaN(p.mean()) ? 0 : p.mean());
                    if (!Double.isNaN(p.mean())) {
                        lo = Math.min(lo, p.mean());
                        hi = Math.max(hi, p.mean());
                        n += p.n();
                    }
                    t.append("<td>").append(Html.f3(p.mean())).append("</td>");
                }
                t.append("<td>").append(hi >= lo ? Html.f3(hi - lo) : "–").append("</td><td>").append(n)
                        .append("</td></tr>");
            }
            for (int i = 0; i < fmts.size(); i++) {
                c.addSeries(fmts.get(i), v.countries, ys.get(i));
            }
            SvgCharts.similarityBars(c);
            b.append("<h4>").append(Html.esc(model)).append("</h4><figure>").append(SvgCharts.svg(c))
                    .append("<figcaption>0-shot similarity per prompt format (pooled over languages). The spread "
                            + "is how much the number depends on presentation alone.</figcaption></figure>")
                    .append(t).append("</tbody></table>");
        }
    }

    private void paperTable(RunView v) {
        b.append("<table class=\"num paper\"><thead><tr><th>model</th><th>language</th><th>selector</th>");
        v.countries.forEach(c -> b.append("<th>").append(c).append("</th>"));
        b.append("</tr></thead><tbody>");
        List<String> sels = v.selectors.isEmpty() ? List.of("none") : v.selectors;
        for (String model : v.models) {
            for (String lang : v.languages) {
                for (String sel : sels) {
                    b.append("<tr><td>").append(Html.esc(model)).append("</td><td>").append(Html.esc(lang))
                            .append("</td><td>").append(Html.esc(sel)).append("</td>");
                    for (String country : v.countries) {
                        Optional<RunResults.Cell> z = v.cell(model, country, lang, 0, "none", v.format);
                        Optional<RunResults.Cell> kk = v.k == 0 ? Optional.empty()
                                : v.cell(model, country, lang, v.k, sel, v.format);
                        Optional<RunResults.IclGain> g = v.k == 0 ? Optional.empty()
                                : v.gain(model, country, lang, sel);
                        boolean sig = g.isPresent() && g.get().ciLower() != null
                                && (g.get().ciLower() > 0 || g.get().ciUpper() < 0);
                        Double s0 = z.map(RunView::sim).orElse(null);
                        Double sk = kk.map(RunView::sim).orElse(null);
                        b.append("<td data-key=\"").append(Html.esc(model + "|" + lang + "|" + sel + "|" + country))
                                .append("\" data-s0=\"").append(Html.num(s0)).append("\" data-sk=\"")
                                .append(Html.num(sk)).append("\" data-n0=\"").append(z.map(c -> c.n()).orElse(0))
                                .append("\" data-nk=\"").append(kk.map(c -> c.n()).orElse(0)).append("\">")
                                .append(Html.f3(s0)).append(" → ").append(Html.f3(sk))
                                .append(sig ? (g.get().estimate() > 0 ? "<sup class=\"up\">▲</sup>"
                                        : "<sup class=\"down\">▼</sup>") : "")
                                .append("</td>");
                    }
                    b.append("</tr>");
                }
            }
        }
        b.append("</tbody></table><p class=\"caption\">Cells: mean similarity at 0 shots → at ").append(v.k)
                .append(" shots (format ").append(Html.esc(v.format)).append(", no persona). ▲/▼: the paired 95% "
                        + "CI of the gain excludes zero. n per cell: hover the cell or see results.json "
                        + "(cells.csv).</p>");
    }

    private void drillDown(RunView v) {
        List<Sample> samples = v.run.samples();
        List<Sample> picked = DrillDown.pick(samples, DRILL_DOWN_CAP).stream().map(samples::get).toList();
        b.append("<p class=\"drill-note\">Showing ").append(picked.size()).append(" of ").append(samples.size())
                .append(" probes (at most ").append(DRILL_DOWN_CAP).append(", ")
                .append(Html.esc(DrillDown.method(samples))).append("; every probe is in samples.jsonl).</p>");
        for (Sample s : picked) {
            b.append("<details class=\"probe\"><summary><b>").append(Html.esc(s.questionId())).append("</b> · ")
                    .append(Html.esc(s.country())).append(" · ").append(Html.esc(s.language())).append(" · ")
                    .append(s.shots()).append(" shots").append(s.shots() > 0 ? " (" + Html.esc(s.selector()) + ")" : "")
                    .append(" · ").append(Html.esc(s.format())).append(s.persona() ? " · persona" : "")
                    .append(" — similarity ").append(Html.f3(s.metric(RunView.SIMILARITY))).append(", coverage ")
                    .append(Html.f3(s.coverage())).append("</summary>");
            b.append("<div class=\"probe-body\"><div><h5>Prompt (").append(Html.esc(s.template())).append(")</h5><pre>")
                    .append(Html.esc(s.promptText() == null ? "(prompt text not kept)" : s.promptText()))
                    .append("</pre>");
            if (!s.demonstrations().isEmpty()) {
                b.append("<h5>Demonstrations (question → answer code given)</h5><ul class=\"demos\">");
                s.demonstrations().forEach(d -> b.append("<li><code>").append(Html.esc(d.questionId())).append(" → ")
                        .append(d.answerCode()).append("</code></li>"));
                b.append("</ul>");
                if (!s.demonstrationNote().isEmpty()) {
                    b.append("<p class=\"note\">").append(Html.esc(s.demonstrationNote())).append("</p>");
                }
            }
            b.append("</div><div><h5>Model vs human</h5><table class=\"dist\"><thead><tr><th>code</th><th>scored"
                    + "</th><th>model</th><th>human</th></tr></thead><tbody>");
            for (int i = 0; i < s.targetCodes().length; i++) {
                double m = s.modelDistribution()[i];
                double h = s.humanDistribution()[i];
                b.append("<tr><td>").append(s.targetCodes()[i]).append("</td><td><code>")
                        .append(i < s.continuations().size() ? Html.esc(s.continuations().get(i)) : "")
                        .append("</code></td><td>").append(bar(m, "m")).append("</td><td>").append(bar(h, "h"))
                        .append("</td></tr>");
            }
            b.append("</tbody></table><p class=\"note\">");
            List<String> ms = new ArrayList<>();
            s.metrics().forEach((k, val) -> ms.add(Html.esc(k) + " " + Html.f3(val)));
            b.append(String.join(" · ", ms)).append("</p></div></div></details>");
        }
    }

    private static String bar(double p, String cls) {
        return String.format(Locale.ROOT, "<span class=\"bar %s\" style=\"width:%.0fpx\"></span> %.3f", cls,
                Math.max(1, p * 120), p);
    }

    private void provenance(RunView v) {
        JsonNode p = v.r.provenance();
        b.append("<table class=\"kv\"><tbody>");
        kv("run folder", v.r.dir().toString());
        kv("config hash", v.r.configHash());
        kv("started / finished", v.r.startedAt() + " / " + v.r.finishedAt());
        for (JsonNode m : p.path("models")) {
            kv("model " + m.path("spec").asText(), m.path("backend").asText() + " · " + m.path("name").asText()
                    + " · " + m.path("digest").asText());
        }
        JsonNode d = p.path("data");
        kv("data", d.path("name").asText() + " · " + d.path("version").asText() + " · sha256 "
                + d.path("sha256").asText());
        kv("seed", p.path("seed").asText());
        kv("tool", p.path("tool").path("name").asText() + " " + p.path("tool").path("version").asText());
        kv("git commit", p.path("gitCommit").isNull() ? "unknown" : p.path("gitCommit").asText());
        kv("Java", p.path("java").path("version").asText() + " · " + p.path("java").path("vendor").asText());
        kv("OS", p.path("os").path("name").asText() + " " + p.path("os").path("version").asText() + " · "
                + p.path("os").path("arch").asText() + " · " + p.path("os").path("cpus").asText() + " CPUs");
        JsonNode c = v.r.counts();
        kv("counts", "cells " + c.path("cells").asText() + " · probes scored " + c.path("probesScored").asText()
                + " · model requests " + c.path("modelRequests").asText() + " · cache hits "
                + c.path("cacheHits").asText());
        StringBuilder skips = new StringBuilder();
        c.path("skipped").fields().forEachRemaining(e -> skips.append(e.getKey()).append(": ")
                .append(e.getValue().asText()).append("; "));
        kv("skipped", skips.length() == 0 ? "none" : skips.toString());
        kv("backend retries", org.culturalign.run.RetryCounts.describe(p.path("retries")));
        if (!d.path("notice").asText().isEmpty()) {
            kv("data notice", d.path("notice").asText());
        }
        b.append("</tbody></table><details><summary>Full configuration (config.json)</summary><pre>");
        try {
            b.append(Html.esc(PRETTY.writeValueAsString(p.path("config"))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            b.append(Html.esc(p.path("config").toString()));
        }
        b.append("</pre></details>");
    }

    private void kv(String k, String val) {
        b.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(val)).append("</td></tr>");
    }

    private static final String CSS = """
            :root{--ink:#1d1d1f;--muted:#5f6368;--line:#d9d9d9;--accent:#0072B2}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 "Source Serif Pro",Georgia,"DejaVu Serif",serif;color:var(--ink);background:#fafafa}
            header,main,footer{max-width:1180px;margin:0 auto;padding:0 28px}
            header{padding-top:28px;border-bottom:2px solid var(--ink)}
            h1{font:600 28px/1.2 "Helvetica Neue",Arial,"DejaVu Sans",sans-serif;margin:0 0 6px}
            h2,h3,h4,h5{font-family:"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
            h2.runtitle{margin-top:36px;border-bottom:1px solid var(--ink)}
            h3{font-size:19px;margin:30px 0 8px;padding-top:10px;border-top:1px solid var(--line)}
            h4{font-size:15px;margin:18px 0 6px;color:#333}
            h5{font-size:13px;margin:8px 0 4px;color:var(--muted)}
            .sub,.caption,figcaption,.note{color:var(--muted);font-size:13px}
            section{background:#fff;margin:0;padding:2px 20px 12px;border-left:1px solid var(--line);border-right:1px solid var(--line)}
            figure{margin:8px 0}
            svg.chart{max-width:100%;height:auto;display:block}
            table{border-collapse:collapse;margin:8px 0;font:13px/1.35 "Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
            th,td{padding:3px 8px;text-align:left;vertical-align:top}
            thead th{border-bottom:1.5px solid var(--ink);border-top:1.5px solid var(--ink);font-weight:600}
            tbody tr:last-child td,tbody tr:last-child th{border-bottom:1.5px solid var(--ink)}
            table.num td{font-variant-numeric:tabular-nums;white-space:nowrap}
            table.paper td{white-space:nowrap}
            tr.survives td{font-weight:600}
            td.up,.up{color:#0a7a3e}td.down,.down{color:#b3261e}
            table.heat td{text-align:center;min-width:64px;font-variant-numeric:tabular-nums;border:1px solid #fff}
            table.heat td small{display:block;font-size:10px;opacity:.75}
            table.heat td.empty{color:#bbb}
            table.kv th{color:var(--muted);font-weight:500;width:170px}
            table.kv td{word-break:break-all}
            .banner{background:#fff4e5;border:1px solid #e69f00;border-left:6px solid #d55e00;padding:10px 16px;margin:16px 0;font:14px/1.45 "Helvetica Neue",Arial,sans-serif}
            .banner ul{margin:4px 0 0;padding-left:20px}
            details.probe{border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:4px 10px;font:13px/1.4 "Helvetica Neue",Arial,sans-serif}
            details.probe summary{cursor:pointer}
            .probe-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:18px}
            pre{white-space:pre-wrap;background:#f5f5f5;padding:8px;font-size:12px;overflow-wrap:anywhere}
            ul.demos{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:6px 16px}
            .bar{display:inline-block;height:10px;vertical-align:middle}
            .bar.m{background:#0072B2}.bar.h{background:#D55E00}
            footer{color:var(--muted);font-size:12px;padding:20px 28px 40px}
            """;
}
