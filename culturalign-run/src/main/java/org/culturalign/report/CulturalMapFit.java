package org.culturalign.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A linear map from answers to positions on the Inglehart–Welzel cultural map, fitted on countries that have both
 * survey answers and a reference position.
 *
 * <p>Why a substitute: the published map is a varimax-rotated PCA of respondent-level answers (Inglehart &amp; Welzel
 * 2005), which needs microdata we do not have; and the post-materialist index cannot be formed from marginals. Here
 * each answerer (a country's population, or a model) is described by the {@link MapDimension} values computable from
 * marginals, and a ridge regression (features standardised on the fitting countries, unpenalised intercept,
 * penalty {@value #LAMBDA}) maps them to the reference (x, y). Its honesty is measured by leave-one-out: each country
 * is placed by a map fitted without it, and the distances to its reference position are summarised.
 */
public final class CulturalMapFit {
    /** Ridge penalty on standardised features: small, but keeps 10 features on ~20 countries well-posed. */
    public static final double LAMBDA = 1.0;
    /** Fewest fitting countries for a map worth showing. */
    public static final int MIN_COUNTRIES = 5;

    private final List<MapDimension> dimensions;
    private final List<String> countries;
    private final Linear map;
    private final Map<String, Double> looDistances;

    private CulturalMapFit(List<MapDimension> dimensions, List<String> countries, Linear map,
                           Map<String, Double> looDistances) {
        this.dimensions = dimensions;
        this.countries = countries;
        this.map = map;
        this.looDistances = looDistances;
    }

    /**
     * Fits the map on the countries that have every one of {@code dimensions} and a reference position.
     *
     * @param answers alpha-3 country code to item id to the country's answer distribution
     * @param dimensions the dimensions to use (those the model to be placed has answers for)
     * @param reference alpha-3 code to reference position
     * @return the fit, or empty when fewer than {@value #MIN_COUNTRIES} countries qualify or no dimension is given
     */
    public static Optional<CulturalMapFit> fit(Map<String, Map<String, CodedDistribution>> answers,
                                               List<MapDimension> dimensions,
                                               Map<String, ReferencePositions.Position> reference) {
        if (dimensions.isEmpty()) {
            return Optional.empty();
        }
        List<String> used = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (Map.Entry<String, Map<String, CodedDistribution>> e : answers.entrySet()) {
            ReferencePositions.Position p = reference.get(e.getKey());
            double[] f = features(e.getValue(), dimensions);
            if (p != null && f != null) {
                used.add(e.getKey());
                rows.add(f);
                targets.add(new double[] {p.x(), p.y()});
            }
        }
        if (used.size() < MIN_COUNTRIES) {
            return Optional.empty();
        }
        Linear full = Linear.fit(rows, targets);
        Map<String, Double> loo = new LinkedHashMap<>();
        for (int i = 0; i < used.size(); i++) {
            List<double[]> r = new ArrayList<>(rows);
            List<double[]> t = new ArrayList<>(targets);
            r.remove(i);
            t.remove(i);
            double[] placed = Linear.fit(r, t).apply(rows.get(i));
            loo.put(used.get(i), Math.hypot(placed[0] - targets.get(i)[0], placed[1] - targets.get(i)[1]));
        }
        return Optional.of(new CulturalMapFit(List.copyOf(dimensions), List.copyOf(used), full, loo));
    }

    /** The dimension values of these answers, or {@code null} when any is not computable. */
    static double[] features(Map<String, CodedDistribution> answers, List<MapDimension> dimensions) {
        double[] f = new double[dimensions.size()];
        for (int j = 0; j < f.length; j++) {
            f[j] = dimensions.get(j).of(answers);
            if (Double.isNaN(f[j])) {
                return null;
            }
        }
        return f;
    }

    /**
     * Places an answerer on the map.
     *
     * @param answers item id to answer distribution (must cover every dimension of this fit)
     * @return (x, y), or empty when a dimension is not computable from {@code answers}
     */
    public Optional<double[]> place(Map<String, CodedDistribution> answers) {
        double[] f = features(answers, dimensions);
        return f == null ? Optional.empty() : Optional.of(map.apply(f));
    }

    /** The dimensions the map uses. */
    public List<MapDimension> dimensions() {
        return dimensions;
    }

    /** The countries it was fitted on (alpha-3). */
    public List<String> countries() {
        return countries;
    }

    /** Country to the distance between its leave-one-out placement and its reference position (map units). */
    public Map<String, Double> looDistances() {
        return looDistances;
    }

    /** Root mean square of the leave-one-out distances (map units). */
    public double looRmse() {
        return Math.sqrt(looDistances.values().stream().mapToDouble(d -> d * d).average().orElse(Double.NaN));
    }

    /** Mean of the leave-one-out distances (map units). */
    public double looMean() {
        return looDistances.values().stream().mapToDouble(d -> d).average().orElse(Double.NaN);
    }

    /** Ridge regression with standardised features and an unpenalised intercept, two outputs. */
    private record Linear(double[] mean, double[] scale, double[] intercept, RealMatrix beta) {
        static Linear fit(List<double[]> rows, List<double[]> targets) {
            int n = rows.size();
            int p = rows.get(0).length;
            double[] mean = new double[p];
            double[] scale = new double[p];
            for (double[] r : rows) {
                for (int j = 0; j < p; j++) {
                    mean[j] += r[j] / n;
                }
            }
            for (double[] r : rows) {
                for (int j = 0; j < p; j++) {
                    scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / Math.max(1, n - 1);
                }
            }
            for (int j = 0; j < p; j++) {
                scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1.0; // a constant feature contributes nothing
            }
            double[] intercept = new double[2];
            for (double[] t : targets) {
                intercept[0] += t[0] / n;
                intercept[1] += t[1] / n;
            }
            RealMatrix x = new Array2DRowRealMatrix(n, p);
            RealMatrix y = new Array2DRowRealMatrix(n, 2);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    x.setEntry(i, j, (rows.get(i)[j] - mean[j]) / scale[j]);
                }
                y.setEntry(i, 0, targets.get(i)[0] - intercept[0]);
                y.setEntry(i, 1, targets.get(i)[1] - intercept[1]);
            }
            RealMatrix gram = x.transpose().multiply(x);
            for (int j = 0; j < p; j++) {
                gram.addToEntry(j, j, LAMBDA);
            }
            RealMatrix beta = new CholeskyDecomposition(gram).getSolver().solve(x.transpose().multiply(y));
            return new Linear(mean, scale, intercept, beta);
        }

        double[] apply(double[] features) {
            double[] z = new double[features.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = (features[j] - mean[j]) / scale[j];
            }
            RealVector out = beta.preMultiply(new ArrayRealVector(z));
            return new double[] {intercept[0] + out.getEntry(0), intercept[1] + out.getEntry(1)};
        }
    }
}
