package org.culturalign.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.AxesChartStyler;

/** Renders XChart charts as inline SVG and draws the few charts XChart cannot (forest plot with asymmetric CIs). */
final class SvgCharts {
    /** A colour-blind-safe palette (Okabe &amp; Ito 2008). */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
        "#000000"};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SvgCharts() {
    }

    /** Paper-like styling shared by every XChart chart. */
    static void style(Styler s) {
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleVisible(false);
        s.setLegendBorderColor(java.awt.Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        java.awt.Color[] colors = new java.awt.Color[PALETTE.length];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = java.awt.Color.decode(PALETTE[i]);
        }
        s.setSeriesColors(colors);
        s.setBaseFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        s.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        if (s instanceof AxesChartStyler a) {
            a.setPlotGridLinesColor(new java.awt.Color(0xE5, 0xE5, 0xE5));
            a.setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            a.setAxisTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
            a.setAxisTickMarkLength(3);
        }
    }

    /**
     * Bars of similarities: the y axis from 0 to 1 with ticks every 0.2, so a bar's length is its value and starts
     * at a labelled tick (a cut axis made bars start below the lowest label).
     */
    static void similarityBars(org.knowm.xchart.CategoryChart c) {
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setYAxisDecimalPattern("0.0");
    }

    /** The chart as an {@code <svg>} element (XML prolog and doctype stripped) that scales to its container. */
    static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        s = s.substring(start);
        return s.replaceFirst("<svg ", "<svg class=\"chart\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\" ");
    }

    /** One row of a forest plot: an estimate with its (possibly asymmetric) interval. */
    record ForestRow(String label, double estimate, Double lower, Double upper, int n, int group) {
    }

    /**
     * A forest plot: one row per estimate, a dot with its CI whisker, a dashed line at zero.
     *
     * @param groups legend labels, indexed by {@link ForestRow#group()}
     */
    static String forest(List<ForestRow> rows, List<String> groups, String axisLabel) {
        int rowH = 18;
        int left = 190;
        int right = 70;
        int width = 760;
        int top = groups.size() > 1 ? 34 : 14;
        int height = top + rows.size() * rowH + 42;
        double lo = 0;
        double hi = 0;
        for (ForestRow r : rows) {
            lo = Math.min(lo, r.lower() == null ? r.estimate() : r.lower());
            hi = Math.max(hi, r.upper() == null ? r.estimate() : r.upper());
        }
        double pad = Math.max(0.01, (hi - lo) * 0.08);
        lo -= pad;
        hi += pad;
        double step = niceStep((hi - lo) / 6);
        final double min = Math.floor(lo / step) * step;
        final double max = Math.ceil(hi / step) * step;
        int plotW = width - left - right;
        java.util.function.DoubleUnaryOperator x = v -> left + (v - min) / (max - min) * plotW;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">",
                width, height, width, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        int axisY = top + rows.size() * rowH + 4;
        for (double t = min; t <= max + step / 2; t += step) {
            double px = x.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>",
                    px, top - 4, px, axisY, px, axisY + 14, fmtTick(t, step)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" "
                + "stroke-dasharray=\"4 3\"/>", x.applyAsDouble(0), top - 4, x.applyAsDouble(0), axisY));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\" "
                + "font-size=\"12\">%s</text>", left + plotW / 2, axisY + 32, Html.esc(axisLabel)));
        for (int i = 0; i < rows.size(); i++) {
            ForestRow r = rows.get(i);
            int cy = top + i * rowH + rowH / 2;
            String color = PALETTE[r.group() % PALETTE.length];
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                    left - 8, cy + 4, Html.esc(r.label())));
            if (r.lower() != null && r.upper() != null) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"1.6\"/>", x.applyAsDouble(r.lower()), cy, x.applyAsDouble(r.upper()), cy,
                        color));
            }
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\"/>",
                    x.applyAsDouble(r.estimate()), cy, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">n=%d</text>",
                    width - right + 8, cy + 4, r.n()));
        }
        if (groups.size() > 1) {
            int lx = left;
            for (int g = 0; g < groups.size(); g++) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"12\" r=\"4\" fill=\"%s\"/><text x=\"%d\" "
                        + "y=\"16\" fill=\"#222\">%s</text>", lx, PALETTE[g % PALETTE.length], lx + 8,
                        Html.esc(groups.get(g))));
                lx += 16 + 7 * groups.get(g).length();
            }
        }
        return b.append("</svg>").toString();
    }

    /** An axis range whose ends are ticks: {@code min}, {@code min + step}, ..., {@code max}. */
    record TickRange(double min, double max, double step) {
        /** The tick values from min to max inclusive. */
        List<Double> ticks() {
            List<Double> out = new java.util.ArrayList<>();
            int n = (int) Math.round((max - min) / step);
            for (int i = 0; i <= n; i++) {
                out.add(min + i * step);
            }
            return out;
        }
    }

    /**
     * A tick range holding every value with padding (10% of the values' span, at least {@code minPad}) and about
     * five intervals; the ends are ticks, so every value lies inside the labelled range. Clamped to [0, 1] when the
     * values lie in it (similarities).
     *
     * @throws IllegalArgumentException when no value is finite
     */
    static TickRange tickRange(java.util.Collection<Double> values, double minPad) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("no finite value to plot");
        }
        boolean unit = lo >= 0 && hi <= 1;
        double pad = Math.max(minPad, (hi - lo) * 0.1);
        double a = lo - pad;
        double z = hi + pad;
        double step = niceStep((z - a) / 5);
        // a tiny tolerance: 0.4 / 0.1 is 4.000000000000001 in binary
        double min = Math.floor(a / step + 1e-9) * step;
        double max = Math.ceil(z / step - 1e-9) * step;
        if (unit) {
            min = Math.max(0, min);
            max = Math.min(1, max);
        }
        return new TickRange(min, max, step);
    }

    /**
     * One line of a line chart.
     *
     * @param points (x, y) pairs in data units, in drawing order
     * @param dashed a reference line (baseline) drawn dashed, without markers
     */
    record Line(String label, List<double[]> points, String color, boolean dashed) {
    }

    /**
     * A line chart whose y range is {@link #tickRange} of every plotted value (baselines included), so every line
     * lies inside the labelled tick range; x ticks at {@code xTicks}; legend on the right.
     */
    static String lineChart(List<Line> lines, List<Double> xTicks, String xTitle, String yTitle) {
        List<Double> ys = new java.util.ArrayList<>();
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (double[] p : line.points()) {
                ys.add(p[1]);
            }
        }
        for (double x : xTicks) {
            xlo = Math.min(xlo, x);
            xhi = Math.max(xhi, x);
        }
        TickRange yr = tickRange(ys, 0.01);
        int width = 760;
        int left = 64;
        int legendW = 190;
        int top = 14;
        int plotH = 230;
        int plotW = width - left - legendW - 16;
        int height = top + plotH + 46;
        double xpad = xhi > xlo ? (xhi - xlo) * 0.04 : 0.5;
        final double x0 = xlo - xpad;
        final double x1 = xhi + xpad;
        java.util.function.DoubleUnaryOperator sx = x -> left + (x - x0) / (x1 - x0) * plotW;
        java.util.function.DoubleUnaryOperator sy = y -> top + (yr.max() - y) / (yr.max() - yr.min()) * plotH;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart lines\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", width, height, width, height));
        for (double t : yr.ticks()) {
            double py = sy.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                    + "<text class=\"ytick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">%s</text>", left,
                    py, left + plotW, py, left - 6, py + 4, fmtTick(t, yr.step())));
        }
        for (double t : xTicks) {
            double px = sx.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>", px, top, px,
                    top + plotH, px, top + plotH + 15, fmtTick(t, 1)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", left, top, left, top + plotH,
                left, top + plotH, left + plotW, top + plotH));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                + "fill=\"#222\">%s</text><text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\" "
                + "font-size=\"12\" fill=\"#222\">%s</text>", left + plotW / 2, top + plotH + 36, Html.esc(xTitle),
                top + plotH / 2, Html.esc(yTitle)));
        int ly = top + 10;
        int lx = left + plotW + 24;
        for (Line line : lines) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : line.points()) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.applyAsDouble(p[0]), sy.applyAsDouble(p[1])));
            }
            String dash = line.dashed() ? " stroke-dasharray=\"6 4\"" : "";
            b.append(String.format(Locale.ROOT, "<polyline class=\"series\" points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s><title>%s</title></polyline>", pts.toString().trim(), line.color(), dash,
                    Html.esc(line.label())));
            if (!line.dashed()) {
                for (double[] p : line.points()) {
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                            + "<title>%s: k=%s, %.3f</title></circle>", sx.applyAsDouble(p[0]), sy.applyAsDouble(p[1]),
                            line.color(), Html.esc(line.label()), fmtTick(p[0], 1), p[1]));
                }
            }
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\" fill=\"#222\">%s</text>", lx, ly, lx + 22, ly,
                    line.color(), dash, lx + 28, ly + 4, Html.esc(line.label())));
            ly += 18;
        }
        return b.append("</svg>").toString();
    }

    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    static String fmtTick(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0.0 : v);
        return s;
    }
}
