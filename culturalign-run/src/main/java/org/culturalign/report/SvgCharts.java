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
