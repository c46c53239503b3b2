package org.culturalign.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.culturalign.metric.Bootstrap;
import org.culturalign.metric.Interval;

/**
 * The views of one run the report draws: the main slice (primary format, no persona), its dimensions, and pooled
 * figures. Pooled means are n-weighted means of cell means, i.e. means over all probes of the pooled cells.
 */
final class RunView {
    static final String SIMILARITY = "similarity";
    static final String ZERO_SELECTOR = "none";

    final Run run;
    final RunResults r;
    final String format;
    final int k;
    final List<String> models;
    final List<String> countries;
    final List<String> languages;
    final List<String> selectors;
    final List<String> formats;
    final List<Integer> shots;

    RunView(Run run) {
        this.run = run;
        this.r = run.results();
        Set<String> fm = new LinkedHashSet<>();
        r.cells().forEach(c -> fm.add(c.format()));
        this.formats = List.copyOf(fm);
        this.format = fm.contains("full") ? "full" : fm.stream().findFirst().orElse("full");
        this.models = distinct(c -> c.model());
        this.countries = new ArrayList<>(new TreeSet<>(distinct(c -> c.country())));
        this.languages = distinct(c -> c.language());
        this.selectors = r.cells().stream().filter(c -> c.shots() > 0).map(RunResults.Cell::selector).distinct()
                .toList();
        this.shots = r.cells().stream().map(RunResults.Cell::shots).distinct().sorted().toList();
        this.k = shots.isEmpty() ? 0 : shots.get(shots.size() - 1);
    }

    private List<String> distinct(java.util.function.Function<RunResults.Cell, String> f) {
        return r.cells().stream().map(f).distinct().toList();
    }

    /** Main-slice cells: primary format, no persona. */
    List<RunResults.Cell> main(Predicate<RunResults.Cell> p) {
        return r.cells().stream().filter(c -> c.format().equals(format) && !c.persona()).filter(p).toList();
    }

    Optional<RunResults.Cell> cell(String model, String country, String language, int shots, String selector,
                                   String fmt) {
        return r.cells().stream().filter(c -> c.model().equals(model) && c.country().equals(country)
                && c.language().equals(language) && c.shots() == shots
                && c.selector().equals(shots == 0 ? ZERO_SELECTOR : selector) && c.format().equals(fmt)
                && !c.persona()).findFirst();
    }

    Optional<RunResults.IclGain> gain(String model, String country, String language, String selector) {
        return r.iclGains().stream().filter(g -> g.model().equals(model) && g.country().equals(country)
                && g.language().equals(language) && g.selector().equals(selector) && g.format().equals(format)
                && !g.persona() && g.shots() == k && g.metric().equals(SIMILARITY)).findFirst();
    }

    /** A pooled mean with its probe count. */
    record Pooled(double mean, int n) {
    }

    static Pooled pooled(List<RunResults.Cell> cells, java.util.function.Function<RunResults.Cell, Double> value) {
        double sum = 0;
        int n = 0;
        for (RunResults.Cell c : cells) {
            Double v = value.apply(c);
            if (v != null && !v.isNaN() && c.n() > 0) {
                sum += v * c.n();
                n += c.n();
            }
        }
        return new Pooled(n == 0 ? Double.NaN : sum / n, n);
    }

    static Double sim(RunResults.Cell c) {
        RunResults.Summary s = c.metric(SIMILARITY);
        return s == null ? null : s.mean();
    }

    /** The headline row of one model and selector. */
    record Headline(String model, String selector, int k, Pooled zero, Pooled kShot, Interval gain, int countries,
                    Pooled uniform, Pooled randomOption, Pooled global) {
    }

    List<Headline> headlines() {
        List<Headline> out = new ArrayList<>();
        for (String m : models) {
            List<RunResults.Cell> zero = main(c -> c.model().equals(m) && c.shots() == 0);
            Pooled z = pooled(zero, RunView::sim);
            Pooled u = pooled(zero, c -> c.baseline("uniform", SIMILARITY));
            Pooled ro = pooled(zero, c -> c.baseline("random_option", SIMILARITY));
            Pooled gl = pooled(zero, c -> c.baseline("global", SIMILARITY));
            int nc = (int) zero.stream().map(RunResults.Cell::country).distinct().count();
            if (selectors.isEmpty() || k == 0) {
                out.add(new Headline(m, "–", 0, z, null, null, nc, u, ro, gl));
            }
            for (String sel : selectors) {
                Pooled kk = pooled(main(c -> c.model().equals(m) && c.shots() == k && c.selector().equals(sel)),
                        RunView::sim);
                out.add(new Headline(m, sel, k, z, kk, pooledGain(m, sel), nc, u, ro, gl));
            }
        }
        return out;
    }

    /**
     * The ICL gain over all (country, language, question) pairs of the main slice, with a paired bootstrap CI
     * (Bootstrap.pairedMeanDifference, the run seed, 1000 resamples); null when fewer than 2 pairs.
     */
    Interval pooledGain(String model, String selector) {
        return pooledGain(model, selector, k);
    }

    /** {@link #pooledGain(String, String)} at {@code shots} demonstrations. */
    Interval pooledGain(String model, String selector, int shots) {
        Map<String, Double> zero = new LinkedHashMap<>();
        Map<String, Double> kk = new LinkedHashMap<>();
        for (Sample s : run.samples()) {
            if (!s.model().equals(model) || !s.format().equals(format) || s.persona()) {
                continue;
            }
            String key = s.country() + '|' + s.language() + '|' + s.questionId();
            double v = s.metric(SIMILARITY);
            if (Double.isNaN(v)) {
                continue;
            }
            if (s.shots() == 0) {
                zero.put(key, v);
            } else if (s.shots() == shots && s.selector().equals(selector)) {
                kk.put(key, v);
            }
        }
        List<String> keys = kk.keySet().stream().filter(zero::containsKey).toList();
        if (keys.size() < 2) {
            return null;
        }
        double[] t = keys.stream().mapToDouble(kk::get).toArray();
        double[] c = keys.stream().mapToDouble(zero::get).toArray();
        return Bootstrap.pairedMeanDifference(t, c, Bootstrap.MIN_RESAMPLES, r.seed());
    }

    /**
     * Mean similarity over the main slice's probes of (model, selector, shots) with a 95% percentile bootstrap CI over
     * the probes (1000 resamples, the run seed); shots 0 ignores the selector. Null for fewer than 2 probes.
     */
    Interval pooledSimilarity(String model, String selector, int shots) {
        double[] v = run.samples().stream().filter(s -> s.model().equals(model) && s.format().equals(format)
                && !s.persona() && s.shots() == shots && (shots == 0 || s.selector().equals(selector)))
                .mapToDouble(s -> s.metric(SIMILARITY)).filter(x -> !Double.isNaN(x)).toArray();
        return v.length < 2 ? null : Bootstrap.pairedMeanDifference(v, new double[v.length], Bootstrap.MIN_RESAMPLES,
                r.seed());
    }

    /** Mean similarity per (category, country) over samples matching {@code p}; value = {mean, n}. */
    Map<String, Map<String, double[]>> byCategoryCountry(Predicate<Sample> p) {
        Map<String, Map<String, double[]>> out = new java.util.TreeMap<>();
        for (Sample s : run.samples()) {
            double v = s.metric(SIMILARITY);
            if (!p.test(s) || Double.isNaN(v)) {
                continue;
            }
            double[] acc = out.computeIfAbsent(s.category().isEmpty() ? "(no category)" : s.category(),
                    c -> new java.util.TreeMap<>()).computeIfAbsent(s.country(), c -> new double[2]);
            acc[0] += v;
            acc[1]++;
        }
        out.values().forEach(m -> m.values().forEach(a -> a[0] /= a[1]));
        return out;
    }

    /** Countries ordered by pooled 0-shot similarity of a model (best first). */
    List<String> countriesBy0Shot(String model) {
        return countries.stream().sorted(Comparator.comparingDouble((String c) -> -orZero(pooled(
                main(x -> x.model().equals(model) && x.shots() == 0 && x.country().equals(c)), RunView::sim).mean())))
                .toList();
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? -1 : v;
    }
}
