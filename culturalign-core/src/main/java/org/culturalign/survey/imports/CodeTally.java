package org.culturalign.survey.imports;

/**
 * Respondent counts and weight sums per raw answer code, for one (country, item) pair. Codes are few (2-11 for a
 * rating item), so a linear scan over small parallel arrays beats a hash map in speed and memory; past
 * {@link #MAX_CODES} distinct codes the tally stops tracking codes (the item is not categorical) and is marked
 * overflowed.
 */
final class CodeTally {
    /** More distinct codes than this and the item is treated as numeric (age, a count), not as answer options. */
    static final int MAX_CODES = 64;

    private int[] codes = new int[4];
    private long[] counts = new long[4];
    private double[] weights = new double[4];
    private int size;
    private boolean overflowed;

    void add(int code, double weight) {
        for (int i = 0; i < size; i++) {
            if (codes[i] == code) {
                counts[i]++;
                weights[i] += weight;
                return;
            }
        }
        if (overflowed) {
            return;
        }
        if (size == MAX_CODES) {
            overflowed = true;
            return;
        }
        if (size == codes.length) {
            codes = java.util.Arrays.copyOf(codes, size * 2);
            counts = java.util.Arrays.copyOf(counts, size * 2);
            weights = java.util.Arrays.copyOf(weights, size * 2);
        }
        codes[size] = code;
        counts[size] = 1;
        weights[size] = weight;
        size++;
    }

    int size() {
        return size;
    }

    int code(int i) {
        return codes[i];
    }

    long count(int i) {
        return counts[i];
    }

    double weight(int i) {
        return weights[i];
    }

    boolean overflowed() {
        return overflowed;
    }
}
