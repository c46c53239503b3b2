package org.culturalign.icl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/**
 * The chrF++ n-grams of every question text of one survey data set in one language, extracted once, so that ranking
 * the catalog against a new text costs one n-gram extraction (of that text) and one {@link ChrF#score} per question.
 * Immutable and thread-safe. Scores are exactly {@link ChrF#score(String, String)} with the question text as
 * hypothesis and the given text as reference, as {@link ChrfSelector} scores against a test question.
 */
public final class ChrfIndex {
    private final SurveyData data;
    private final String language;
    private final List<Question> questions;
    private final List<ChrF.Ngrams> ngrams;

    private ChrfIndex(SurveyData data, String language, List<Question> questions, List<ChrF.Ngrams> ngrams) {
        this.data = data;
        this.language = language;
        this.questions = questions;
        this.ngrams = ngrams;
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
        List<ChrfSelector.Scored> scored = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            if (request.data().distribution(request.country(), q.id()).isPresent()) {
                scored.add(new ChrfSelector.Scored(q.id(), ChrF.score(ngrams.get(i), reference)));
            }
        }
        scored.sort(Comparator.comparingDouble(ChrfSelector.Scored::score).reversed()
                .thenComparing(ChrfSelector.Scored::id));
        return scored;
    }
}
