package org.culturalign.icl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/**
 * The chrF++ n-grams of every question text of one survey data set in one language, extracted once into an inverted
 * index (n-gram to the questions holding it, with counts), so that ranking the catalog against a new text costs one
 * n-gram extraction (of that text) and one pass over the postings of its n-grams, not one map walk per question.
 * Immutable and thread-safe. Scores are exactly {@link ChrF#score(String, String)} with the question text as
 * hypothesis and the given text as reference, as {@link ChrfSelector} scores against a test question.
 */
public final class ChrfIndex {
    private final SurveyData data;
    private final String language;
    private final List<Question> questions;
    /** Per order: n-gram to {question index, count, question index, count, ...}. */
    private final List<Map<String, int[]>> postings;
    /** Per question: its n-gram totals per order. */
    private final List<int[]> totals;
    private final int orders;
    private final Map<Country, boolean[]> withData = new ConcurrentHashMap<>();

    private ChrfIndex(SurveyData data, String language, List<Question> questions, List<ChrF.Ngrams> ngrams) {
        this.data = data;
        this.language = language;
        this.questions = questions;
        this.orders = ChrF.CHAR_ORDER + ChrF.WORD_ORDER;
        List<Map<String, List<int[]>>> build = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            build.add(new HashMap<>());
        }
        List<int[]> t = new ArrayList<>();
        for (int q = 0; q < ngrams.size(); q++) {
            ChrF.Ngrams g = ngrams.get(q);
            t.add(g.totals().clone());
            for (int i = 0; i < orders; i++) {
                for (Map.Entry<String, Integer> e : g.order(i).entrySet()) {
                    build.get(i).computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(new int[] {q, e.getValue()});
                }
            }
        }
        List<Map<String, int[]>> post = new ArrayList<>();
        for (Map<String, List<int[]>> m : build) {
            Map<String, int[]> flat = new HashMap<>(m.size() * 2);
            m.forEach((gram, list) -> {
                int[] a = new int[list.size() * 2];
                for (int j = 0; j < list.size(); j++) {
                    a[2 * j] = list.get(j)[0];
                    a[2 * j + 1] = list.get(j)[1];
                }
                flat.put(gram, a);
            });
            post.add(flat);
        }
        this.postings = post;
        this.totals = t;
    }

    /** Extracts the n-grams of every question of {@code data} that has a text in {@code language} (sorted by id). */
    public static ChrfIndex of(SurveyData data, String language) {
        List<Question> qs = new ArrayList<>();
        for (Question q : data.questions()) {
            if (q.text(language).isPresent()) {
                qs.add(q);
            }
        }
        qs.sort(Comparator.comparing(Question::id));
        List<ChrF.Ngrams> grams = new ArrayList<>(qs.size());
        for (Question q : qs) {
            grams.add(ChrF.Ngrams.of(q.text(language).orElseThrow().question()));
        }
        return new ChrfIndex(data, language, List.copyOf(qs), List.copyOf(grams));
    }

    /** Whether this index was built for exactly this data object (identity) and language. */
    public boolean covers(SurveyData d, String lang) {
        return data == d && language.equals(lang);
    }

    /**
     * The candidates of a free-text request ({@link Candidates#isCandidateForText}) with their chrF++ score against
     * the request's text, best first, ties by id.
     *
     * @return scores in [0, 100]
     * @throws IllegalArgumentException when the request is for other data or another language than this index
     */
    public List<ChrfSelector.Scored> rank(TextSelectionRequest request) {
        if (!covers(request.data(), request.language())) {
            throw new IllegalArgumentException("chrF++ index of " + language + " used for " + request.language()
                    + " or for other data");
        }
        ChrF.Ngrams reference = ChrF.Ngrams.of(request.text());
        int[] match = new int[questions.size() * orders];
        for (int i = 0; i < orders; i++) {
            Map<String, int[]> post = postings.get(i);
            for (Map.Entry<String, Integer> e : reference.order(i).entrySet()) {
                int[] p = post.get(e.getKey());
                if (p != null) {
                    int r = e.getValue();
                    for (int j = 0; j < p.length; j += 2) {
                        match[p[j] * orders + i] += Math.min(p[j + 1], r);
                    }
                }
            }
        }
        boolean[] has = withData.computeIfAbsent(request.country(), c -> {
            boolean[] b = new boolean[questions.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = data.distribution(c, questions.get(i).id()).isPresent();
            }
            return b;
        });
        int[] refTotals = reference.totals();
        List<ChrfSelector.Scored> scored = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (has[i]) {
                scored.add(new ChrfSelector.Scored(questions.get(i).id(),
                        ChrF.fromCounts(match, totals.get(i), refTotals, i * orders)));
            }
        }
        scored.sort(Comparator.comparingDouble(ChrfSelector.Scored::score).reversed()
                .thenComparing(ChrfSelector.Scored::id));
        return scored;
    }
}
