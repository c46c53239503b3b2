package org.culturalign.icl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.Question;

/**
 * {@code chrf}: the k candidates most similar to the test item by chrF++ (the paper's similarity selector), computed
 * on the question texts in the probe language with the candidate's text as hypothesis and the test item's text as
 * reference ({@link ChrF}). Ties in score are broken by question id (ascending). No randomness: the seed is unused.
 * Shown order: ascending similarity, so the most similar demonstration stands right before the test question
 * (Liu et al. 2022, "What makes good in-context examples for GPT-3?", found that order to work best).
 */
public final class ChrfSelector implements DemonstrationSelector {
    /** The name on the command line. */
    public static final String NAME = "chrf";

    /** The last index built for free-text selection (one data set and language in a typical process). */
    private final java.util.concurrent.ConcurrentHashMap<String, ChrfIndex> indexes =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The k candidates most similar to the text by chrF++ (question text as hypothesis, the free text as reference),
     * shown in ascending similarity; ties by id. The catalog's n-grams are extracted once per data set and language
     * and reused by later calls on this selector instance.
     */
    @Override
    public Selection selectForText(TextSelectionRequest request) {
        List<ChrfSelector.Scored> ranked = index(request).rank(request);
        if (ranked.size() < request.k()) {
            Candidates.forText(request); // throws the shared refusal
        }
        List<String> ids = new ArrayList<>();
        for (int i = request.k() - 1; i >= 0; i--) {
            ids.add(ranked.get(i).id());
        }
        return Selection.of(ids);
    }

    private ChrfIndex index(TextSelectionRequest request) {
        ChrfIndex idx = indexes.get(request.language());
        if (idx == null || !idx.covers(request.data(), request.language())) {
            idx = ChrfIndex.of(request.data(), request.language());
            indexes.put(request.language(), idx);
        }
        return idx;
    }

    @Override
    public Selection select(SelectionRequest request) {
        List<Question> candidates = Candidates.prepare(request);
        List<Scored> ranked = rank(request, candidates);
        List<String> ids = new ArrayList<>();
        for (int i = request.k() - 1; i >= 0; i--) {
            ids.add(ranked.get(i).id());
        }
        return Selection.of(ids);
    }

    /**
     * All candidates with their chrF++ score against the test item, best first (ties by id).
     *
     * @return scores in [0, 100]
     */
    public static List<Scored> rank(SelectionRequest request, List<Question> candidates) {
        ChrF.Ngrams reference = ChrF.Ngrams.of(request.test().text(request.language()).orElseThrow(
                () -> new InvalidInputException("selector chrf: test question " + request.test().id()
                        + " has no text in '" + request.language() + "'"))
                .question());
        List<Scored> scored = new ArrayList<>();
        for (Question q : candidates) {
            String hyp = q.text(request.language()).orElseThrow().question();
            scored.add(new Scored(q.id(), ChrF.score(ChrF.Ngrams.of(hyp), reference)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
        return scored;
    }

    /**
     * A candidate's similarity.
     *
     * @param id    question id
     * @param score chrF++ in [0, 100]
     */
    public record Scored(String id, double score) {
    }
}
