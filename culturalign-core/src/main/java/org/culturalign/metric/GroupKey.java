package org.culturalign.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grouping of probe results: dimension name to value, in a stable order, e.g. {@code {model=demo, country=NGA,
 * shots=4}}. Equal when the same dimensions have the same values (order does not matter for equality).
 *
 * @param dimensions dimension name to value; copied, unmodifiable, order preserved; names and values non-null
 */
public record GroupKey(Map<String, String> dimensions) {
    /** Model identity. */
    public static final String MODEL = "model";
    /** ISO 3166-1 alpha-3 country code. */
    public static final String COUNTRY = "country";
    /** Probe language (BCP 47 tag). */
    public static final String LANGUAGE = "language";
    /** Number of in-context demonstrations k. */
    public static final String SHOTS = "shots";
    /** Demonstration selector name. */
    public static final String SELECTOR = "selector";
    /** Probe format. */
    public static final String FORMAT = "format";
    /** Whether the persona prompt was used. */
    public static final String PERSONA = "persona";
    /** Question category. */
    public static final String CATEGORY = "category";
    /** Question id. */
    public static final String QUESTION = "question";

    /** @throws IllegalArgumentException for a null map, name or value */
    public GroupKey {
        if (dimensions == null) {
            throw new IllegalArgumentException("group dimensions are required");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : dimensions.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("group dimensions need non-null names and values: " + dimensions);
            }
            copy.put(e.getKey(), e.getValue());
        }
        dimensions = Collections.unmodifiableMap(copy);
    }

    /**
     * @param namesAndValues alternating dimension names and values, e.g. {@code "model", "demo", "shots", "4"}
     * @throws IllegalArgumentException for an odd number of arguments or a null
     */
    public static GroupKey of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("group key needs name, value pairs, got " + namesAndValues.length
                    + " strings");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new GroupKey(m);
    }

    /**
     * The coarser key keeping only {@code names}, in that order (to aggregate over the dropped dimensions).
     *
     * @throws IllegalArgumentException when a name is not a dimension of this key (the message lists the ones there)
     */
    public GroupKey project(List<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) {
            String value = dimensions.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no dimension '" + name + "' in group key; it has "
                        + dimensions.keySet());
            }
            m.put(name, value);
        }
        return new GroupKey(m);
    }

    /** The value of dimension {@code name}, or null when this key does not have it. */
    public String get(String name) {
        return dimensions.get(name);
    }
}
