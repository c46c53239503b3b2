package org.culturalign.survey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Questions x countries of one survey source: each question's definition and, for each (country, question) pair the
 * source covers, the country's {@link HumanDistribution}. A pair without data is absent, not an error. Immutable.
 */
public final class SurveyData {
    private final DataSource source;
    private final Map<String, Question> questions;
    private final Map<Country, Map<String, HumanDistribution>> distributions;
    private final Map<Country, Map<String, HumanDistribution>> subgroupDistributions;
    private final Map<Country, String> countryNames;

    /**
     * Data without subgroups.
     *
     * @see #SurveyData(DataSource, List, Map, Map, Map)
     */
    public SurveyData(DataSource source, List<Question> questions,
                      Map<Country, Map<String, HumanDistribution>> distributions, Map<Country, String> countryNames) {
        this(source, questions, distributions, Map.of(), countryNames);
    }

    /**
     * @param source        provenance of the data
     * @param questions     questions in catalog order; ids must be unique
     * @param distributions per whole country, per question id; every distribution must have as many options as its
     *                      question
     * @param subgroups     per subgroup target ({@code DEU/female}), per question id, the same way; may be empty
     * @param countryNames  English display name per country (may be partial)
     * @throws IllegalArgumentException for duplicate ids, data for an unknown question, an option-count mismatch, a
     *                                  subgroup key in {@code distributions} or a whole country in {@code subgroups}
     */
    public SurveyData(DataSource source, List<Question> questions,
                      Map<Country, Map<String, HumanDistribution>> distributions,
                      Map<Country, Map<String, HumanDistribution>> subgroups, Map<Country, String> countryNames) {
        this.source = source;
        Map<String, Question> byId = new LinkedHashMap<>();
        for (Question q : questions) {
            if (byId.put(q.id(), q) != null) {
                throw new IllegalArgumentException("duplicate question id " + q.id() + " in " + source.name());
            }
        }
        this.questions = Collections.unmodifiableMap(byId);
        distributions.keySet().stream().filter(Country::isSubgroup).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException(source.name() + ": " + c + " is a subgroup, not a country");
        });
        subgroups.keySet().stream().filter(c -> !c.isSubgroup()).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException(source.name() + ": " + c + " is a country, not a subgroup");
        });
        this.distributions = validated(source, byId, distributions);
        this.subgroupDistributions = validated(source, byId, subgroups);
        this.countryNames = Map.copyOf(countryNames);
    }

    private static Map<Country, Map<String, HumanDistribution>> validated(
            DataSource source, Map<String, Question> byId, Map<Country, Map<String, HumanDistribution>> distributions) {
        Map<Country, Map<String, HumanDistribution>> copy = new TreeMap<>();
        distributions.forEach((country, cells) -> {
            Map<String, HumanDistribution> row = new LinkedHashMap<>();
            cells.forEach((qid, d) -> {
                Question q = byId.get(qid);
                if (q == null) {
                    throw new IllegalArgumentException(source.name() + ": " + country + " has data for " + qid
                            + ", which is not a question of this survey");
                }
                if (d.size() != q.scale().size()) {
                    throw new IllegalArgumentException(source.name() + ": " + country + " " + qid + " has "
                            + d.size() + " shares, the question has " + q.scale().size() + " options");
                }
                row.put(qid, d);
            });
            copy.put(country, Collections.unmodifiableMap(row));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Provenance of this data. */
    public DataSource source() {
        return source;
    }

    /** All questions, in catalog order. */
    public List<Question> questions() {
        return List.copyOf(questions.values());
    }

    /** A question by id. */
    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    /**
     * A question by id.
     *
     * @throws NoSuchElementException when there is none
     */
    public Question requireQuestion(String id) {
        Question q = questions.get(id);
        if (q == null) {
            throw new NoSuchElementException("no question " + id + " in " + source.name());
        }
        return q;
    }

    /** Whole countries with data, sorted by code (subgroups are in {@link #subgroups(Country)}). */
    public Set<Country> countries() {
        return distributions.keySet();
    }

    /** Subgroup targets with data, sorted by country then {@link Subgroup} order; empty when the data has none. */
    public Set<Country> subgroupTargets() {
        return subgroupDistributions.keySet();
    }

    /** The subgroups of a country that have data, in {@link Subgroup} order; empty when there are none. */
    public List<Country> subgroups(Country country) {
        return subgroupDistributions.keySet().stream().filter(c -> c.code().equals(country.code())).toList();
    }

    /** English display name of a country (a subgroup's is its country's), or its code when unknown. */
    public String countryName(Country country) {
        return countryNames.getOrDefault(country.whole(), country.code());
    }

    /**
     * The distribution of a (target, question) pair, or empty when the source has no data for it; for a subgroup
     * target ({@code DEU/female}) the subgroup's shares and n.
     */
    public Optional<HumanDistribution> distribution(Country country, String questionId) {
        Map<String, HumanDistribution> row = (country.isSubgroup() ? subgroupDistributions : distributions)
                .get(country);
        return row == null ? Optional.empty() : Optional.ofNullable(row.get(questionId));
    }

    /** Question ids a target (country or subgroup) has data for, in catalog order. */
    public List<String> questionIdsWithData(Country country) {
        Map<String, HumanDistribution> row = (country.isSubgroup() ? subgroupDistributions : distributions)
                .getOrDefault(country, Map.of());
        List<String> ids = new ArrayList<>();
        for (String id : questions.keySet()) {
            if (row.containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Languages at least one question has a text in, sorted. */
    public Set<String> languages() {
        Set<String> langs = new TreeSet<>();
        questions.values().forEach(q -> langs.addAll(q.languages()));
        return langs;
    }

    /** Categories in first-seen catalog order. */
    public List<String> categories() {
        return questions.values().stream().map(Question::category).filter(c -> !c.isEmpty()).distinct().toList();
    }
}
