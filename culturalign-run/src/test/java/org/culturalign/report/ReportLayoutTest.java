package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a reader sees: the subtitle's wording, chart ranges that hold every plotted point, the drill-down spread. */
class ReportLayoutTest {

    @Test
    void theSubtitleNamesTheRunsDataSourceAndCitesTheMetricsOriginNotAsData() throws Exception {
        String html = Reporter.render(List.of(RunReader.read(ReportInChromiumTest.smallRun())));
        String sub = html.substring(html.indexOf("<p class=\"sub\">"), html.indexOf("</header>"));
        // provenance.data of the fixture: name "bundled WVS-7 sample", version "wvs7-sample/1"
        assertThat(sub).contains("data: <span class=\"data-source\">bundled WVS-7 sample (wvs7-sample/1)</span>")
                .contains("1 − Jensen–Shannon distance").contains("(as in Durmus et al. 2023)")
                .doesNotContain("GlobalOpinionQA");
    }

    @Test
    void aRunWithNoScoredProbeGetsAReportSayingSoInsteadOfAFailedChart(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        // e.g. a batch import whose every line was an error: results.json exists, samples.jsonl is empty
        java.nio.file.Path run = dir.resolve("empty");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Path fixture = ReportInChromiumTest.smallRun();
        try (var files = java.nio.file.Files.list(fixture)) {
            for (java.nio.file.Path f : files.toList()) {
                if (java.nio.file.Files.isRegularFile(f)) {
                    java.nio.file.Files.copy(f, run.resolve(f.getFileName().toString()));
                }
            }
        }
        java.nio.file.Files.writeString(run.resolve("samples.jsonl"), "");
        String html = Reporter.render(List.of(RunReader.read(run)));
        assertThat(html).contains("No probe of this run was scored (0 failed, listed with their reasons in "
                + "failures.csv)").contains("<h3>Provenance</h3>").doesNotContain("<svg");
    }

    @Test
    void theCulturalMapsRangesHoldAModelPlacedFarOutsideTheReferenceCountriesAndEveryLabel() {
        Map<String, ReferencePositions.Position> ref = ReferencePositions.all();
        Map<String, double[]> shifted = new LinkedHashMap<>();
        shifted.put("DEU", new double[] {-3.1, -3.3}); // below and left of every reference country
        shifted.put("NGA", new double[] {5.2, -0.4}); // right of every reference country (max x 4.50)
        String svg = CulturalMapSection.svg(new double[] {4.8, 4.4}, shifted, List.of("DEU", "NGA", "USA"), ref,
                Set.of("DEU", "NGA", "USA", "SWE", "JPN"), 3, "chrf");
        List<double[]> marks = assertEveryMarkInsideThePlotAndEveryLabelInsideTheViewBox(svg);
        // all reference countries, 2 shifted positions, 3 target rings
        assertThat(marks).hasSizeGreaterThanOrEqualTo(ref.size() + 2 + 3);
        assertThat(svg).contains("class=\"model-0\"").contains("<g class=\"legend\">")
                .contains(">model, 0 shots</text>").contains(">model, 3 shots (chrf) for a target country</text>")
                .contains(">target country (reference position)</text>").contains(">Protestant Europe</text>");
    }

    @Test
    void everyCulturalMapOfTheFixtureReportHoldsItsMarksAndLabels() throws Exception {
        String html = Reporter.render(List.of(RunReader.read(ReportInChromiumTest.smallRun())));
        Matcher m = Pattern.compile("<svg class=\"chart map\".*?</svg>").matcher(html);
        int maps = 0;
        while (m.find()) {
            assertEveryMarkInsideThePlotAndEveryLabelInsideTheViewBox(m.group());
            maps++;
        }
        assertThat(maps).isEqualTo(2); // one model x two languages
    }

    @Test
    void theTickRangeOfSimilaritiesWithAGlobalBaselineFarAboveHoldsEveryValueBetweenTwoTicks() {
        // the trial run: S(0) 0.459, S(3) 0.472, global baseline 0.811
        SvgCharts.TickRange r = SvgCharts.tickRange(List.of(0.459, 0.472, 0.811, 0.811), 0.01);
        // span 0.352, pad 0.0352: [0.4238, 0.8462]; step nice(0.0845) = 0.1; outward to ticks: [0.4, 0.9]
        assertThat(r.step()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.min()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.max()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.ticks()).hasSize(6);
        // close values: [0.98, 0.99] padded by the minimum 0.01 -> [0.97, 1.00]; step nice(0.006) = 0.005
        SvgCharts.TickRange high = SvgCharts.tickRange(List.of(0.98, 0.99), 0.01);
        assertThat(high.step()).isCloseTo(0.005, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(high.min()).isCloseTo(0.97, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(high.max()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void everyPointOfTheSimilarityVsShotsChartLiesBetweenItsLowestAndHighestYTick() throws Exception {
        String html = Reporter.render(List.of(RunReader.read(ReportInChromiumTest.smallRun())));
        String section = html.substring(html.indexOf("<section id=\"shots\""));
        section = section.substring(0, section.indexOf("</section>"));
        Matcher svgM = Pattern.compile("<svg class=\"chart lines\".*?</svg>").matcher(section);
        assertThat(svgM.find()).isTrue();
        String svg = svgM.group();
        List<Double> tickYs = new ArrayList<>();
        Matcher t = Pattern.compile("<text class=\"ytick\" x=\"[0-9.]+\" y=\"([0-9.]+)\"").matcher(svg);
        while (t.find()) {
            tickYs.add(Double.parseDouble(t.group(1)) - 4); // labels sit 4 px below their tick line
        }
        assertThat(tickYs).hasSizeGreaterThanOrEqualTo(3);
        double topTick = tickYs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bottomTick = tickYs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Matcher lines = Pattern.compile("<polyline class=\"series\" points=\"([^\"]+)\"").matcher(svg);
        int points = 0;
        int series = 0;
        while (lines.find()) {
            series++;
            for (String p : lines.group(1).split(" ")) {
                double y = Double.parseDouble(p.split(",")[1]);
                assertThat(y).as(p).isBetween(topTick - 0.05, bottomTick + 0.05);
                points++;
            }
        }
        // the fixture: 2 selectors at k = 0 and 5, and the dashed global baseline
        assertThat(series).isEqualTo(3);
        assertThat(points).isEqualTo(6);
        assertThat(svg).contains("stroke-dasharray=\"6 4\"><title>global baseline</title>");
    }

    private static final Pattern NUM = Pattern.compile("-?[0-9.]+");

    private static double attr(String element, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"(-?[0-9.]+)\"").matcher(element);
        assertThat(m.find()).as(name + " in " + element).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Returns the centres of the marks checked. */
    private static List<double[]> assertEveryMarkInsideThePlotAndEveryLabelInsideTheViewBox(String svg) {
        Matcher vb = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(vb.find()).isTrue();
        double w = Double.parseDouble(vb.group(1));
        double h = Double.parseDouble(vb.group(2));
        Matcher plotM = Pattern.compile("<rect class=\"plot\"[^>]*>").matcher(svg);
        assertThat(plotM.find()).isTrue();
        String plot = plotM.group();
        double px0 = attr(plot, "x");
        double py0 = attr(plot, "y");
        double px1 = px0 + attr(plot, "width");
        double py1 = py0 + attr(plot, "height");
        String body = svg.substring(0, svg.indexOf("<g class=\"legend\">"));
        List<double[]> marks = new ArrayList<>();
        Matcher c = Pattern.compile("<circle[^>]*>").matcher(body);
        while (c.find()) {
            double cx = attr(c.group(), "cx");
            double cy = attr(c.group(), "cy");
            double r = attr(c.group(), "r");
            assertThat(cx - r).as(c.group()).isGreaterThanOrEqualTo(px0);
            assertThat(cx + r).as(c.group()).isLessThanOrEqualTo(px1);
            assertThat(cy - r).as(c.group()).isGreaterThanOrEqualTo(py0);
            assertThat(cy + r).as(c.group()).isLessThanOrEqualTo(py1);
            marks.add(new double[] {cx, cy});
        }
        Matcher d = Pattern.compile("<path class=\"model-0\" d=\"M(-?[0-9.]+),(-?[0-9.]+)").matcher(body);
        assertThat(d.find()).isTrue();
        double dx = Double.parseDouble(d.group(1));
        double dy = Double.parseDouble(d.group(2)); // top vertex; the diamond spans 7 px either side, 14 down
        assertThat(dx - 7).isGreaterThanOrEqualTo(px0);
        assertThat(dx + 7).isLessThanOrEqualTo(px1);
        assertThat(dy).isGreaterThanOrEqualTo(py0);
        assertThat(dy + 14).isLessThanOrEqualTo(py1);
        marks.add(new double[] {dx, dy + 7});
        Matcher t = Pattern.compile("<text x=\"(-?[0-9.]+)\" y=\"(-?[0-9.]+)\"([^>]*)>([^<]*)</text>").matcher(svg);
        int labels = 0;
        while (t.find()) {
            double x = Double.parseDouble(t.group(1));
            double y = Double.parseDouble(t.group(2));
            // 10 px sans-serif: at most 6.5 px per character (bold), 10 px above the baseline, 3 below
            double len = t.group(4).replace("&amp;", "&").length() * 6.5;
            String anchor = t.group(3).contains("text-anchor=\"end\"") ? "end"
                    : t.group(3).contains("text-anchor=\"middle\"") ? "middle" : "start";
            double left = anchor.equals("start") ? x : anchor.equals("end") ? x - len : x - len / 2;
            assertThat(left).as(t.group()).isGreaterThanOrEqualTo(0);
            assertThat(left + len).as(t.group()).isLessThanOrEqualTo(w);
            assertThat(y - 10).as(t.group()).isGreaterThanOrEqualTo(0);
            assertThat(y + 3).as(t.group()).isLessThanOrEqualTo(h);
            labels++;
        }
        assertThat(labels).isGreaterThan(10);
        return marks;
    }
}
